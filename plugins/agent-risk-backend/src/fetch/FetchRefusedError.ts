/** Which rule of the fetch reader refused a URL or its answer. */
export type FetchRule =
  | 'invalid-url'
  | 'scheme'
  | 'credentials'
  | 'not-allowed'
  | 'redirect'
  | 'status'
  | 'too-large'
  | 'timeout'
  | 'unreachable'
  | 'not-json';

/**
 * A URL the fetch reader would not read, or whose answer it would not take.
 * The message names the rule and is written by the reader alone, never from
 * the server's answer (its error text or body), so a caller may be shown it.
 * It reads after the URL: "its host x is not in agentRisk.fetch.allow".
 */
export class FetchRefusedError extends Error {
  readonly name = 'FetchRefusedError';

  constructor(
    readonly rule: FetchRule,
    message: string,
    /** The HTTP status of the answer, for rule `status`. */
    readonly status?: number,
  ) {
    super(message);
  }
}
