import { CliInputError } from './io';

/** How long `import URL` waits for an answer, and how much it reads. */
export const FETCH_TIMEOUT_MS = 10_000;
export const FETCH_MAX_BYTES = 1024 * 1024;

export interface FetchLimits {
  timeoutMs?: number;
  maxBytes?: number;
}

/** Whether an `import` source is a URL to fetch rather than a file to read. */
export function isHttpUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Fetches an agent card (or a page) over http(s) with a timeout and a size
 * limit, so a slow or endless server cannot hang or flood the CLI. Any failure
 * is a one-line CliInputError naming the URL.
 */
export async function fetchInput(
  url: string,
  {
    timeoutMs = FETCH_TIMEOUT_MS,
    maxBytes = FETCH_MAX_BYTES,
  }: FetchLimits = {},
): Promise<string> {
  const fail = (reason: string) =>
    new CliInputError(`cannot fetch ${url}: ${reason}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('not a valid URL');
  }
  if (parsed.username || parsed.password) {
    throw fail('the URL must not carry credentials');
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(parsed, {
      signal: controller.signal,
      headers: { accept: 'application/json, text/plain;q=0.9, */*;q=0.5' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw fail(
        `the server answered ${response.status} ${response.statusText}`.trim(),
      );
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw fail(
        `the answer is ${declared} bytes; at most ${maxBytes} are read`,
      );
    }
    // Count while reading: the length header may be absent or wrong.
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          controller.abort();
          throw fail(`the answer is larger than ${maxBytes} bytes`);
        }
        chunks.push(chunk);
      }
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    if (controller.signal.aborted) {
      throw fail(`no answer within ${timeoutMs / 1000} s`);
    }
    const cause = (error as { cause?: { code?: string; message?: string } })
      .cause;
    throw fail(cause?.code ?? cause?.message ?? (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}
