import { FetchRefusedError } from './FetchRefusedError';
import {
  exactHostOf,
  HostPattern,
  matchesHost,
  parseHostPattern,
} from './hostPatterns';

/**
 * Who named the URL: decides which hosts may be read.
 *
 * @public
 */
export type FetchTrust =
  /**
   * A user or a catalog entity: the URL's host, and every redirect's, must
   * be in `agentRisk.fetch.allow`.
   */
  | 'untrusted'
  /**
   * An administrator, in app-config (a discovery source, a trusted key
   * set): the URL's own host and port are allowed by being named; a
   * redirect elsewhere must still be in `agentRisk.fetch.allow`.
   */
  | 'config';

/**
 * How one URL is read.
 *
 * @public
 */
export interface FetchOptions {
  /** Default `untrusted`. */
  trust?: FetchTrust;
  /**
   * Headers for the named URL's origin only (e.g. a token a discovery
   * source's config gives): never sent on after a redirect to another origin.
   */
  headers?: Record<string, string>;
  /** The `Accept` header. Default `*\/*`. */
  accept?: string;
  /** Most bytes of body taken; at most the reader's own bound. */
  maxBytes?: number;
}

/**
 * A 2xx answer, read to its end within the bounds.
 *
 * @public
 */
export interface FetchedDocument {
  /** The URL that answered, after redirects. */
  url: string;
  /** A 2xx status (any other is a `FetchRefusedError`). */
  status: number;
  /** The server's Content-Type header, if any. */
  contentType?: string;
  body: Buffer;
  /** The body as UTF-8. */
  text(): string;
  /** The body parsed as JSON; a `FetchRefusedError` if it is not. */
  json(): unknown;
}

/**
 * Reads a URL for the plugin under the rules of spec section 11: no
 * integration credentials, `agentRisk.fetch.allow`, bounded in time and size.
 *
 * @public
 */
export interface FetchReader {
  fetch(url: string, options?: FetchOptions): Promise<FetchedDocument>;
}

export interface HttpFetchReaderOptions {
  /** `agentRisk.fetch.allow`: host patterns (see hostPatterns.ts). */
  allow: readonly string[];
  /** Longest a fetch may take, redirects and the whole body included. */
  timeoutMs: number;
  /** Most bytes of body taken. Default {@link DEFAULT_FETCH_MAX_BYTES}. */
  maxBytes?: number;
  /** Most redirects followed. Default 5. */
  maxRedirects?: number;
}

/** 1 MiB: what the importer reads at most; an agent card or key set is far less. */
export const DEFAULT_FETCH_MAX_BYTES = 1024 * 1024;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALLOW = 'agentRisk.fetch.allow';

/**
 * The plugin's own fetch reader, not Backstage's UrlReaderService: that one
 * holds every integration's credentials (SCM tokens, a cloud role), which a
 * URL a user names must never be read with. It uses Node's built-in fetch
 * (undici: kept by Node itself, no dependency to add) with none of them: no
 * Authorization, no cookies, only http and https; it follows redirects
 * itself so each hop is checked again, bounds the whole fetch by one
 * deadline (connect, headers and every byte of body, so a server that
 * trickles bytes is cut off too), and stops reading at the size bound.
 */
export class HttpFetchReader implements FetchReader {
  private readonly allow: HostPattern[];
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;

  constructor(options: HttpFetchReaderOptions) {
    this.allow = options.allow.map(text => {
      const pattern = parseHostPattern(text);
      if (!pattern) {
        throw new Error(`Invalid ${ALLOW} entry "${text}"`);
      }
      return pattern;
    });
    this.timeoutMs = options.timeoutMs;
    this.maxBytes = options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
    this.maxRedirects = options.maxRedirects ?? 5;
  }

  async fetch(url: string, options: FetchOptions = {}) {
    const first = checkUrl(url);
    const allowed = [...this.allow];
    if (options.trust === 'config') {
      allowed.push(exactHostOf(first));
    }
    if (!allowed.some(pattern => matchesHost(pattern, first))) {
      throw new FetchRefusedError(
        'not-allowed',
        `its host ${first.host} is not in ${ALLOW}`,
      );
    }
    const maxBytes = Math.min(options.maxBytes ?? Infinity, this.maxBytes);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      return await this.follow(first, allowed, maxBytes, options, controller);
    } catch (error) {
      if (timedOut) {
        throw new FetchRefusedError(
          'timeout',
          `it did not answer within ${this.timeoutMs / 1000} s`,
        );
      }
      if (error instanceof FetchRefusedError) {
        throw error;
      }
      // Connection refused, DNS, TLS, a reset: said without the details,
      // which are not the caller's to learn.
      throw new FetchRefusedError('unreachable', 'it could not be reached');
    } finally {
      clearTimeout(timer);
      // Frees the connection of an answer not read to its end.
      controller.abort();
    }
  }

  private async follow(
    first: URL,
    allowed: HostPattern[],
    maxBytes: number,
    options: FetchOptions,
    controller: AbortController,
  ): Promise<FetchedDocument> {
    const visited = new Set<string>();
    let url = first;
    for (let hops = 0; ; hops++) {
      visited.add(url.href);
      const response = await fetch(url, {
        redirect: 'manual',
        credentials: 'omit',
        signal: controller.signal,
        headers: {
          ...(url.origin === first.origin ? options.headers : {}),
          accept: options.accept ?? '*/*',
          'user-agent': 'agent-risk-backend',
        },
      });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location !== null) {
        void response.body?.cancel().catch(() => {});
        const next = checkRedirect(url, location);
        if (!allowed.some(pattern => matchesHost(pattern, next))) {
          throw new FetchRefusedError(
            'redirect',
            `it redirects to a host not allowed: ${next.host} is not in ${ALLOW}`,
          );
        }
        if (visited.has(next.href)) {
          throw new FetchRefusedError('redirect', 'it redirects in a loop');
        }
        if (hops + 1 > this.maxRedirects) {
          throw new FetchRefusedError(
            'redirect',
            `it redirects more than ${this.maxRedirects} times`,
          );
        }
        url = next;
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        // The body is the server's own text: never read, never passed on.
        void response.body?.cancel().catch(() => {});
        throw new FetchRefusedError(
          'status',
          `it answered HTTP ${response.status}`,
          response.status,
        );
      }
      const body = await readBounded(response, maxBytes);
      return document(url, response, body);
    }
  }
}

/** A URL the reader may read at all: valid, http(s), without credentials. */
export function checkUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FetchRefusedError('invalid-url', 'it is not a valid URL');
  }
  checkScheme(url, 'it is');
  return url;
}

function checkScheme(url: URL, subject: string) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError(
      'scheme',
      `${subject} a ${url.protocol} URL; only http and https are read`,
    );
  }
  if (url.username || url.password) {
    throw new FetchRefusedError(
      'credentials',
      `${subject} a URL with a user name or password, which are never sent`,
    );
  }
}

/** Where a redirect goes, if it may be followed at all (host not checked). */
export function checkRedirect(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FetchRefusedError(
      'redirect',
      'it redirects to something that is not a valid URL',
    );
  }
  checkScheme(next, 'it redirects to');
  if (from.protocol === 'https:' && next.protocol === 'http:') {
    throw new FetchRefusedError(
      'redirect',
      'it redirects from https to plain http',
    );
  }
  return next;
}

async function readBounded(
  response: Response,
  maxBytes: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new FetchRefusedError('too-large', `it is larger than ${maxBytes} bytes`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) {
    return Buffer.alloc(0);
  }
  // Counted while read: the length header may be absent or wrong.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return Buffer.concat(chunks);
    }
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
}

function document(url: URL, response: Response, body: Buffer): FetchedDocument {
  return {
    url: url.href,
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    body,
    text: () => body.toString('utf8'),
    json: () => {
      try {
        return JSON.parse(body.toString('utf8'));
      } catch {
        throw new FetchRefusedError('not-json', 'its answer is not JSON');
      }
    },
  };
}
