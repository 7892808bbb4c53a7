import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { HostPattern } from '../fetch/hostPatterns';
import { createListingFetch, endpointRefusal } from '../fetch/listingFetch';
import { ListedTool } from '../database/mcpTools/McpToolStore';
import { listedToolsOf, MAX_LISTED_TOOLS, RawTool } from './toolListing';

/**
 * What listing one server came to; errors are in the lister's own words.
 *
 * @public
 */
export type ListingResult =
  | { outcome: 'listed'; tools: ListedTool[] }
  | { outcome: 'failed' | 'not-allowed'; error: string };

const failed = (error: string): ListingResult => ({
  outcome: 'failed',
  error,
});

/** Most tools/list pages followed: a server paging without end is cut off. */
const MAX_PAGES = 100;

/**
 * Lists one MCP server's tools with the official MCP client over Streamable
 * HTTP, every request through the plugin's bounded fetch (listingFetch.ts).
 * Never throws: the result says what went wrong, without the server's text.
 *
 * @public
 */
export async function listMcpTools(
  options: McpListingOptions,
): Promise<ListingResult> {
  return listWith(options);
}

/**
 * How one server is listed.
 *
 * @public
 */
export interface McpListingOptions {
  endpoint: string;
  allow: readonly HostPattern[];
  headers?: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  /** The run's signal: a cancelled run stops the listing. */
  signal?: AbortSignal;
}

async function listWith(options: McpListingOptions): Promise<ListingResult> {
  const refused = endpointRefusal(options.allow, options.endpoint);
  if (refused) {
    return {
      outcome: refused.rule === 'not-allowed' ? 'not-allowed' : 'failed',
      error: `Not contacted: ${refused.message}`,
    };
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  const listing = createListingFetch({
    allow: options.allow,
    signal: controller.signal,
    maxBytes: options.maxBytes,
    headers: options.headers,
    endpoint: options.endpoint,
  });
  const client = new Client(
    { name: 'agent-risk-backend', version: '1' },
    { capabilities: {} },
  );
  const transport = new StreamableHTTPClientTransport(
    new URL(options.endpoint),
    {
      fetch: listing.fetch,
      // No reconnecting: a listing is one short conversation.
      reconnectionOptions: {
        maxReconnectionDelay: 0,
        initialReconnectionDelay: 0,
        reconnectionDelayGrowFactor: 1,
        maxRetries: 0,
      },
    },
  );
  const request = { signal: controller.signal, timeout: options.timeoutMs };
  try {
    await client.connect(transport, request);
    const raw: RawTool[] = [];
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES) {
        return failed(`it lists more than ${MAX_PAGES} pages of tools`);
      }
      const result = await client.listTools(cursor ? { cursor } : {}, request);
      raw.push(...(result.tools as RawTool[]));
      if (raw.length > MAX_LISTED_TOOLS) {
        return failed(
          `it lists more than ${MAX_LISTED_TOOLS} tools; the last good listing is kept`,
        );
      }
      cursor = result.nextCursor;
      if (!cursor) {
        break;
      }
    }
    return { outcome: 'listed', tools: listedToolsOf(raw) };
  } catch (error) {
    const refusal = listing.refusal();
    if (refusal) {
      return failed(refusal.message);
    }
    if (timedOut) {
      return failed(`it did not answer within ${options.timeoutMs / 1000} s`);
    }
    if (options.signal?.aborted) {
      return failed('the run was cancelled');
    }
    const status =
      listing.failedStatus() ??
      (error instanceof StreamableHTTPError && typeof error.code === 'number'
        ? error.code
        : undefined);
    if (status !== undefined && status >= 300) {
      return failed(`it answered HTTP ${status}`);
    }
    if (error instanceof McpError) {
      return failed(`it answered with MCP error ${error.code}`);
    }
    if (error instanceof SyntaxError || isInvalidAnswer(error)) {
      return failed('its answer is not a valid MCP tool list');
    }
    return failed('it could not be reached');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    controller.abort();
    await client.close().catch(() => {});
  }
}

/** Errors of the MCP client's schema checks (zod) or JSON parsing. */
function isInvalidAnswer(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return name === 'ZodError' || name === 'SyntaxError';
}
