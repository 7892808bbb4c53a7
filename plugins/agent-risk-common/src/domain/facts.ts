/*
 * The facts the backend gathers about an agent beyond its own assessment
 * (spec sections 8 and 9): what it can reach on the catalog graph, the tools
 * its MCP servers list, and the evidence findings drawn from both. Discovery,
 * reach and the evidence rules all speak these shapes, so they live here,
 * below the contract that serves them.
 */

/**
 * One entity an agent can act on, with one shortest path to it.
 *
 * @public
 */
export interface ReachedEntity {
  /** Lower-case entity ref, e.g. `api:default/github-mcp`. */
  entityRef: string;
  /** The entity's kind, lower case. */
  kind: string;
  /** spec.type, if any. */
  type: string | null;
  /** spec.lifecycle, if any (`production` marks the entity as production). */
  lifecycle: string | null;
  /** Entity ref of the system it is part of, if any. */
  system: string | null;
  /** Entity refs from the agent (exclusive) to this entity (inclusive). */
  path: string[];
}

/**
 * What an agent can act on through the catalog's relations (spec 9.1).
 *
 * @public
 */
export interface AgentReach {
  /** Every entity reached, nearest first. */
  entities: ReachedEntity[];
  /** The reached entities grouped by system; `system: null` for those in none. */
  bySystem: Array<{ system: string | null; entities: string[] }>;
  /** Entity refs of reached entities whose lifecycle is `production`. */
  production: string[];
  /** Entity refs of other agents reached. */
  agents: string[];
  /** Reached entities the caller may not read: counted, never named. */
  hidden: number;
}

/**
 * An MCP tool's behaviour hints, as its server lists them (`tools/list`).
 *
 * @public
 */
export interface McpToolAnnotations {
  /** The tool does not change its environment. */
  readOnlyHint?: boolean;
  /** The tool may make destructive updates. */
  destructiveHint?: boolean;
  /** Calling it again with the same arguments has no further effect. */
  idempotentHint?: boolean;
  /** The tool reaches an open world of external entities. */
  openWorldHint?: boolean;
}

/**
 * One tool of an MCP server's inventory (spec 8.2). Descriptions come from
 * the server: untrusted text, render it inert.
 *
 * @public
 */
export interface InventoryTool {
  /** The tool's name, as the server lists it. */
  name: string;
  /** Its display title; null when the server gives none. */
  title: string | null;
  /** Its description (bounded, untrusted text); null when none. */
  description: string | null;
  /** The hints the server declares for it. */
  annotations: McpToolAnnotations;
  /** ISO 8601: when this tool was first listed. */
  firstSeenAt: string;
  /** ISO 8601: when its description or input schema last changed; null if never. */
  changedAt: string | null;
  /** readOnlyHint is not true. */
  mayWrite: boolean;
  /** destructiveHint is true. */
  mayDestroy: boolean;
}

/**
 * One MCP server's tools as last listed.
 *
 * @public
 */
export interface ServerToolInventory {
  /** Lower-case entity ref of the server's API entity. */
  server: string;
  /** ISO 8601 of the last successful listing; null if never listed. */
  listedAt: string | null;
  /** Why the last listing failed or was not attempted (e.g. host not allowed); null if it worked. */
  error: string | null;
  /** The tools of the last successful listing. */
  tools: InventoryTool[];
}

/**
 * A declared factor below what the facts show (spec 9.2): finding
 * `understated`, or a rule without a bound (e.g. `unauthenticated-card`).
 *
 * @public
 */
export interface EvidenceFinding {
  /** The rule's id, e.g. `writes-through-tools`. */
  rule: string;
  /** The agentic factor the rule bounds; null for a finding without a bound. */
  factor: string | null;
  /** The lower bound the facts put on the factor; null without one. */
  bound: number | null;
  /** The declared value; null when not declared. */
  declared: number | null;
  /** The facts the rule saw, in words (entity refs and tool names included). */
  facts: string[];
}
