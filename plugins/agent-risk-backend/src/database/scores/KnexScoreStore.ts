import { Knex } from 'knex';
import { KnexScoreHistoryStore } from '../history/KnexScoreHistoryStore';
import { KnexSyncStateStore } from '../syncState/KnexSyncStateStore';
import { isPostgres } from '../tables';
import { KnexTombstones } from '../tombstones/KnexTombstones';
import {
  AgentAggregates,
  AgentFilter,
  AgentPage,
  AgentScoreWrite,
  AgentWriteReport,
  StoredAgentDetail,
  StoredAgentWithReasons,
} from '../types';
import { KnexScoreAggregates } from './KnexScoreAggregates';
import { KnexScoreReads } from './KnexScoreReads';
import { KnexScoreWrites } from './KnexScoreWrites';
import { ScoreStore } from './ScoreStore';

/**
 * The latest score per agent: typed columns for filters and orders in one
 * narrow row, and the full record as JSON for the detail view in a table of
 * its own (inline, it made counts visit a heap page per row). A write
 * appends history and bumps the data version in the same transaction; a
 * delete leaves a tombstone.
 *
 * The work is split by responsibility: writes (`KnexScoreWrites`), the
 * ranking's reads (`KnexScoreReads`) and the summary's aggregates
 * (`KnexScoreAggregates`); the row both ways is in `scoreRows.ts`.
 */
export class KnexScoreStore implements ScoreStore {
  private readonly writes: KnexScoreWrites;
  private readonly reads: KnexScoreReads;
  private readonly aggregates: KnexScoreAggregates;

  constructor(
    knex: Knex,
    related: {
      history: KnexScoreHistoryStore;
      state: KnexSyncStateStore;
      tombstones: KnexTombstones;
    },
  ) {
    const postgres = isPostgres(knex);
    this.writes = new KnexScoreWrites(knex, postgres, related);
    this.reads = new KnexScoreReads(knex, postgres);
    this.aggregates = new KnexScoreAggregates(knex, postgres);
  }

  sourceHashes(entityRefs: readonly string[]): Promise<Map<string, string>> {
    return this.writes.sourceHashes(entityRefs);
  }

  writeScores(
    scores: readonly AgentScoreWrite[],
    computedAt: string,
  ): Promise<AgentWriteReport> {
    return this.writes.writeScores(scores, computedAt);
  }

  deleteAgents(
    entityRefs: readonly string[],
    removedAt?: string,
  ): Promise<number> {
    return this.writes.deleteAgents(entityRefs, removedAt);
  }

  listAgentsNotIn(
    seenRefs: ReadonlySet<string>,
    unchangedSince: string,
  ): Promise<string[]> {
    return this.reads.listAgentsNotIn(seenRefs, unchangedSince);
  }

  listAgents(
    options: Parameters<ScoreStore['listAgents']>[0],
  ): Promise<AgentPage> {
    return this.reads.listAgents(options);
  }

  iterateAgentsWithReasons(
    options: Parameters<ScoreStore['iterateAgentsWithReasons']>[0],
  ): AsyncGenerator<StoredAgentWithReasons[]> {
    return this.reads.iterateAgentsWithReasons(options);
  }

  countAgents(filter: AgentFilter): Promise<number> {
    return this.reads.countAgents(filter);
  }

  getAgent(entityRef: string): Promise<StoredAgentDetail | undefined> {
    return this.reads.getAgent(entityRef);
  }

  existingRefs(entityRefs: readonly string[]): Promise<string[]> {
    return this.reads.existingRefs(entityRefs);
  }

  listEntityRefs(): Promise<string[]> {
    return this.reads.listEntityRefs();
  }

  aggregate(filter: AgentFilter): Promise<AgentAggregates> {
    return this.aggregates.aggregate(filter);
  }

  ssvcDueDates(filter: AgentFilter): Promise<string[]> {
    return this.aggregates.ssvcDueDates(filter);
  }

  /** Refreshes the planner's statistics after a bulk write. */
  analyze(): Promise<void> {
    return this.aggregates.analyze();
  }
}
