import { ReachedEntity, Severity } from '@agent-risk/plugin-agent-risk-common';

/**
 * One agent's stored reach: every entity its walk reached, each with one
 * shortest path, as computed by the sync for everyone (the caller's
 * visibility is applied when it is read).
 *
 * @public
 */
export interface StoredReach {
  agentRef: string;
  /** The `agentRisk.reach.depth` it was computed to. */
  depth: number;
  /** Reached entities, nearest first. */
  entities: ReachedEntity[];
  computedAt: string;
}

/**
 * One row of the reverse index: an entity an agent's walk visited.
 *
 * @public
 */
export interface ReachIndexEntry {
  entityRef: string;
  distance: number;
  /** The entity's system (itself for a system); null if none. */
  system: string | null;
  /** The agent's relations name it but the catalog does not hold it. */
  missing: boolean;
}

/** @public */
export interface ReachWrite {
  agentRef: string;
  depth: number;
  entities: ReachedEntity[];
  index: ReachIndexEntry[];
}

/**
 * An agent that reaches an entity, with what the ranking shows of it.
 *
 * @public
 */
export interface ReachingAgentRow {
  agentRef: string;
  title: string;
  score: number | null;
  severity: Severity | null;
  status: string;
}

/**
 * Systems reached by Critical or High agents, with the counts.
 *
 * @public
 */
export interface SystemExposureRow {
  system: string;
  critical: number;
  high: number;
}

/**
 * Reach on the catalog graph (spec 9.1): the graph's node hashes the sync
 * compares, each agent's reach, and the reverse index.
 *
 * @public
 */
export interface ReachStore {
  /** Every node's stored hash, by entity ref. */
  nodeHashes(): Promise<Map<string, string>>;
  /** Stores changed nodes' hashes and forgets removed ones. */
  writeNodes(
    upserts: Array<{ entityRef: string; hash: string }>,
    removed: readonly string[],
  ): Promise<void>;
  /** The depth each stored agent's reach was computed to, by agent ref. */
  reachDepths(): Promise<Map<string, number>>;
  /** The agents whose reverse index holds any of these entities. */
  agentsOn(entityRefs: readonly string[]): Promise<string[]>;
  /** Replaces these agents' reach and index rows. */
  writeReach(writes: readonly ReachWrite[], computedAt: string): Promise<void>;
  /** Forgets these agents' reach and index rows. */
  deleteReach(agentRefs: readonly string[]): Promise<void>;
  /** The stored reach of these agents (those without one are absent). */
  getReach(agentRefs: readonly string[]): Promise<Map<string, StoredReach>>;
  /**
   * The agents that reach an entity, riskiest first (score, then ref),
   * restricted to `visibleRefs` when given.
   */
  reachedBy(
    entityRef: string,
    options: { visibleRefs?: readonly string[]; limit: number },
  ): Promise<{ totalCount: number; items: ReachingAgentRow[] }>;
  /** How many agents reach each of these entities (missing ones not counted). */
  reachedByCount(entityRefs: readonly string[]): Promise<Map<string, number>>;
  /**
   * The systems reached by Critical or High agents, most Critical first,
   * restricted to `visibleRefs` when given.
   */
  exposure(options: {
    visibleRefs?: readonly string[];
    limit: number;
  }): Promise<SystemExposureRow[]>;
}
