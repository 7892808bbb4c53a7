import { McpToolAnnotations } from '@agent-risk/plugin-agent-risk-common';
import { NewAuditEntry } from '../audit/AuditStore';

/**
 * What a listing of an MCP server came to: `listed` (its tools are stored),
 * `failed` (the last good listing is kept), `not-allowed` (its host is not in
 * agentRisk.fetch.allow: not contacted), `no-endpoint` (none known).
 *
 * @public
 */
export type McpListingOutcome =
  | 'listed'
  | 'failed'
  | 'not-allowed'
  | 'no-endpoint';

/**
 * One tool as a server listed it, bounded and hashed.
 *
 * @public
 */
export interface ListedTool {
  name: string;
  title: string | null;
  /** Bounded; the hash is of the whole description. */
  description: string | null;
  /** sha256 hex of the whole description ('' when none). */
  descriptionHash: string;
  /** sha256 hex of the canonical JSON of its inputSchema. */
  schemaHash: string;
  annotations: McpToolAnnotations;
}

/**
 * A tool as the server entity's YAML `spec.definition` names it, with the
 * MCP behaviour hints given beside the name (none: empty): a claim of the
 * catalog, not a listing.
 *
 * @public
 */
export type DefinedTool = Pick<ListedTool, 'name' | 'annotations'>;

/**
 * A stored tool.
 *
 * @public
 */
export interface StoredTool extends ListedTool {
  firstSeenAt: string;
  /**
   * When its description, input schema, title or annotations last changed,
   * or it appeared after the server's first listing; null if never.
   */
  changedAt: string | null;
  /** When the server stopped listing it; null while it is listed. */
  removedAt: string | null;
}

/**
 * A server's state in the inventory.
 *
 * @public
 */
export interface McpServerState {
  serverRef: string;
  endpoint: string | null;
  outcome: McpListingOutcome;
  /** Why the last listing failed or was not attempted; null when it worked. */
  error: string | null;
  /** Tools in the stored listing. */
  toolCount: number;
  /** When the stored listing was taken; null if never listed. */
  listedAt: string | null;
  /** Since when the outcome (and error) holds. */
  outcomeAt: string;
  /**
   * The tools its YAML definition names, whatever the outcome; empty when
   * it names none. Shown only while the server was never listed.
   */
  definedTools: DefinedTool[];
}

/**
 * One change of a server's tools between two listings.
 *
 * @public
 */
export interface ToolChange {
  tool: string;
  what:
    | 'added'
    | 'removed'
    | 'description'
    | 'schema'
    | 'title'
    | 'annotations';
  before: string | null;
  after: string | null;
}

/**
 * The last inventory run.
 *
 * @public
 */
export interface McpInventoryRun {
  startedAt: string;
  finishedAt: string;
  servers: number;
  failed: number;
}

/**
 * The MCP tool inventory's store. A listing is compared with the stored one
 * and only what changed is written: a listing that changes nothing writes
 * nothing. A failure never removes tools. Each call also carries the tools
 * the server's YAML definition names, written only when they changed.
 *
 * @public
 */
export interface McpToolStore {
  /** The servers' states, by ref order; every server when `serverRefs` is not given. */
  servers(serverRefs?: readonly string[]): Promise<McpServerState[]>;
  /** The stored tools of each server, removed ones included, by name. */
  tools(serverRefs: readonly string[]): Promise<Map<string, StoredTool[]>>;
  /**
   * Stores a good listing: the changed tools, the server's state if it
   * changed, and the audit entries `audit` builds from the changes, in one
   * transaction. The server's first listing is its baseline: its tools are
   * stored without audit entries or changedAt. Returns the changes (none:
   * no tool was written; the server's row may have been, for its defined
   * tools).
   */
  storeListing(
    listing: {
      serverRef: string;
      endpoint: string;
      at: string;
      tools: ListedTool[];
      definedTools: DefinedTool[];
    },
    audit: (changes: ToolChange[]) => NewAuditEntry[],
  ): Promise<ToolChange[]>;
  /**
   * Records a listing that failed or was not attempted; the stored tools
   * stay. Writes only when the outcome, error, endpoint or defined tools
   * changed.
   */
  storeFailure(failure: {
    serverRef: string;
    endpoint: string | null;
    at: string;
    outcome: Exclude<McpListingOutcome, 'listed'>;
    error: string;
    definedTools: DefinedTool[];
  }): Promise<boolean>;
  lastRun(): Promise<McpInventoryRun | undefined>;
  recordRun(run: McpInventoryRun): Promise<void>;
}
