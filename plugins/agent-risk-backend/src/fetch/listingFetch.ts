import { FetchRefusedError } from './FetchRefusedError';
import { checkRedirect, checkUrl } from './FetchReader';
import { HostPattern, matchesHost, parseHostPattern } from './hostPatterns';

/**
 * A `fetch` for a protocol client (the MCP SDK's Streamable HTTP transport)
 * that keeps the rules of the plugin's reader (spec section 11) on every
 * request the client makes: only http(s) to hosts in agentRisk.fetch.allow,
 * redirects followed here and each hop checked again, no cookies or
 * integration credentials, one deadline for the whole conversation (the
 * caller's signal), and a bound on the bytes of all answers together, counted
 * while they are read, so a server that streams without end is cut off.
 *
 * @public
 */
export interface ListingFetch {
  fetch: (url: string | URL, init?: RequestInit) => Promise<Response>;
  /** The first rule a request or answer broke, if any: its message is the reader's own. */
  refusal(): FetchRefusedError | undefined;
  /** The HTTP status of the last answer that was not 2xx to a POST, if any. */
  failedStatus(): number | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALLOW = 'agentRisk.fetch.allow';

/** Parsed `agentRisk.fetch.allow`; throws on an entry that is not a pattern. */
export function parseAllowList(allow: readonly string[]): HostPattern[] {
  return allow.map(text => {
    const pattern = parseHostPattern(text);
    if (!pattern) {
      throw new Error(`Invalid ${ALLOW} entry "${text}"`);
    }
    return pattern;
  });
}

/** Whether an endpoint's host may be contacted; the reason in words when not. */
export function endpointRefusal(
  allow: readonly HostPattern[],
  endpoint: string,
): FetchRefusedError | undefined {
  try {
    const url = checkUrl(endpoint);
    return allow.some(pattern => matchesHost(pattern, url))
      ? undefined
      : new FetchRefusedError(
          'not-allowed',
          `its host ${url.host} is not in ${ALLOW}`,
        );
  } catch (error) {
    return error as FetchRefusedError;
  }
}

export function createListingFetch(options: {
  allow: readonly HostPattern[];
  /** Aborts every request: the conversation's deadline. */
  signal: AbortSignal;
  /** Most bytes of all answers together. */
  maxBytes: number;
  /** Headers sent to the endpoint's own origin only (from config: secrets). */
  headers?: Record<string, string>;
  /** The endpoint: its origin is the one the headers go to. */
  endpoint: string;
  maxRedirects?: number;
}): ListingFetch {
  const origin = new URL(options.endpoint).origin;
  const maxRedirects = options.maxRedirects ?? 5;
  let refusal: FetchRefusedError | undefined;
  let failedStatus: number | undefined;
  let bytes = 0;
  const refuse = (error: FetchRefusedError): never => {
    refusal ??= error;
    throw error;
  };
  const check = (url: URL) => {
    if (!options.allow.some(pattern => matchesHost(pattern, url))) {
      refuse(
        new FetchRefusedError(
          'not-allowed',
          `its host ${url.host} is not in ${ALLOW}`,
        ),
      );
    }
  };

  const bounded = (response: Response): Response => {
    if (!response.body) {
      return response;
    }
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > options.maxBytes) {
          const error = new FetchRefusedError(
            'too-large',
            `its answers are larger than ${options.maxBytes} bytes`,
          );
          refusal ??= error;
          controller.error(error);
          return;
        }
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  const fetchBounded = async (
    input: string | URL,
    init: RequestInit = {},
  ): Promise<Response> => {
    let url: URL;
    try {
      url = checkUrl(String(input));
    } catch (error) {
      return refuse(error as FetchRefusedError);
    }
    check(url);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    const signal = init.signal
      ? AbortSignal.any([init.signal, options.signal])
      : options.signal;
    const visited = new Set<string>();
    for (let hops = 0; ; hops++) {
      visited.add(url.href);
      const headers = new Headers(init.headers);
      headers.delete('cookie');
      headers.delete('authorization');
      if (url.origin === origin) {
        for (const [name, value] of Object.entries(options.headers ?? {})) {
          headers.set(name, value);
        }
      }
      headers.set('user-agent', 'agent-risk-backend');
      const response = await fetch(url, {
        method,
        body,
        headers,
        signal,
        redirect: 'manual',
        credentials: 'omit',
      });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location !== null) {
        void response.body?.cancel().catch(() => {});
        let next: URL;
        try {
          next = checkRedirect(url, location);
        } catch (error) {
          return refuse(error as FetchRefusedError);
        }
        if (!options.allow.some(pattern => matchesHost(pattern, next))) {
          refuse(
            new FetchRefusedError(
              'redirect',
              `it redirects to a host not allowed: ${next.host} is not in ${ALLOW}`,
            ),
          );
        }
        if (visited.has(next.href)) {
          refuse(new FetchRefusedError('redirect', 'it redirects in a loop'));
        }
        if (hops + 1 > maxRedirects) {
          refuse(
            new FetchRefusedError(
              'redirect',
              `it redirects more than ${maxRedirects} times`,
            ),
          );
        }
        if (response.status !== 307 && response.status !== 308) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      if (
        method === 'POST' &&
        (response.status < 200 || response.status > 299)
      ) {
        failedStatus = response.status;
      }
      return bounded(response);
    }
  };

  return {
    fetch: fetchBounded,
    refusal: () => refusal,
    failedStatus: () => failedStatus,
  };
}
