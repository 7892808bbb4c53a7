import {
  AgentAggregates,
  AgentFilter,
  AgentKeyset,
  AgentOrder,
  AgentPage,
  AgentScoreWrite,
  AgentWriteReport,
  StoredAgentDetail,
  StoredAgentWithReasons,
} from '../types';

/**
 * The latest score of every agent: what the sync writes and the ranking,
 * detail view and summary read.
 *
 * @public
 */
export interface ScoreStore {
  /**
   * The stored source hashes of these agents (only those that have one), so
   * the sync can skip agents whose inputs did not change.
   */
  sourceHashes(entityRefs: readonly string[]): Promise<Map<string, string>>;
  /**
   * Writes the agents whose record changed and appends history for those
   * whose inputs changed (or that are new). One bad agent never stops the
   * others: it is stored as an invalid record naming the storage error, or
   * reported in `failed` and left as it was.
   */
  writeScores(
    scores: readonly AgentScoreWrite[],
    computedAt: string,
  ): Promise<AgentWriteReport>;
  /**
   * Deletes agents' score rows; their history stays, as a tombstone, until
   * the retention has passed since the removal. Returns how many were deleted.
   */
  deleteAgents(
    entityRefs: readonly string[],
    removedAt?: string,
  ): Promise<number>;
  /** Stored agents not in `seenRefs` and not written since `unchangedSince`: what a sweep would remove. */
  listAgentsNotIn(
    seenRefs: ReadonlySet<string>,
    unchangedSince: string,
  ): Promise<string[]>;

  /** One page of the ranking, keyset-paginated. */
  listAgents(options: {
    filter: AgentFilter;
    order: AgentOrder;
    limit: number;
    after?: AgentKeyset;
  }): Promise<AgentPage>;
  /**
   * Every row of the ranking in order, a batch at a time (for the CSV
   * export), each with what its reasons are made of, read in the same query.
   */
  iterateAgentsWithReasons(options: {
    filter: AgentFilter;
    order: AgentOrder;
    batchSize?: number;
  }): AsyncGenerator<StoredAgentWithReasons[]>;
  countAgents(filter: AgentFilter): Promise<number>;
  getAgent(entityRef: string): Promise<StoredAgentDetail | undefined>;
  /** Those of the given refs that are stored, in the given order. */
  existingRefs(entityRefs: readonly string[]): Promise<string[]>;
  /** All stored refs (lower-case). */
  listEntityRefs(): Promise<string[]>;
  /** The aggregates of `GET /summary`, computed in the database. */
  aggregate(filter: AgentFilter): Promise<AgentAggregates>;
  /** Every SSVC due date (ISO 8601) of the agents the filter selects, in no order. */
  ssvcDueDates(filter: AgentFilter): Promise<string[]>;
}
