import { Knex } from 'knex';
import {
  ScoreStatus,
  Severity,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { KnexScoreHistoryStore } from '../history/KnexScoreHistoryStore';
import { KnexSyncStateStore } from '../syncState/KnexSyncStateStore';
import { BATCH_SIZE, RECORDS_TABLE, SCORES_TABLE } from '../tables';
import { KnexTombstones } from '../tombstones/KnexTombstones';
import { AgentScoreWrite, AgentStateChange, AgentWriteReport } from '../types';
import { toScoreRow } from './scoreRows';
import { DatedSsvc, datedSsvc, StoredSsvcInputs } from './ssvcDates';
import {
  problemRecordHash,
  storageErrorMessage,
  storageProblemWrite,
} from './storageProblem';

const SCORES = SCORES_TABLE;
const RECORDS = RECORDS_TABLE;
/**
 * Key of the PostgreSQL advisory lock that orders score writes (see
 * writeBatch); any fixed number no other lock of this database uses.
 */
const SCORE_WRITE_LOCK = 0x41_52_53_57; // 'ARSW'

type BatchResult = Pick<
  AgentWriteReport,
  'written' | 'historyAppended' | 'changes'
>;
const BATCH = BATCH_SIZE;

/** Refs per source-hash lookup: well under SQLite's bind-variable limit. */
const SOURCE_HASH_CHUNK = 500;

/**
 * The writes of the score store: scores with their record, history and data
 * version in one transaction per batch (retried row by row), and deletes
 * that leave a tombstone.
 */
export class KnexScoreWrites {
  constructor(
    private readonly knex: Knex,
    private readonly isPostgres: boolean,
    private readonly related: {
      history: KnexScoreHistoryStore;
      state: KnexSyncStateStore;
      tombstones: KnexTombstones;
    },
  ) {}

  /**
   * The stored source hashes of these agents (only those that have one), so
   * the sync can skip agents whose inputs did not change.
   */
  async sourceHashes(
    entityRefs: readonly string[],
  ): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (let i = 0; i < entityRefs.length; i += SOURCE_HASH_CHUNK) {
      const rows = await this.knex(SCORES)
        .select('entity_ref', 'source_hash')
        .whereIn('entity_ref', entityRefs.slice(i, i + SOURCE_HASH_CHUNK))
        .whereNotNull('source_hash');
      for (const row of rows) {
        hashes.set(row.entity_ref, row.source_hash);
      }
    }
    return hashes;
  }

  /**
   * Writes the agents whose record changed and appends history for those
   * whose inputs changed (or that are new). Unchanged agents cost one read
   * per batch and no write.
   *
   * One bad agent never stops the others: a batch that fails is retried row
   * by row; a row that still fails is stored as an invalid record that names
   * the storage error (with its display fields cleaned and bounded), and only
   * when even that fails is the agent reported in `failed` and left as it was.
   */
  async writeScores(
    scores: readonly AgentScoreWrite[],
    computedAt: string,
  ): Promise<AgentWriteReport> {
    const report: AgentWriteReport = {
      written: 0,
      historyAppended: 0,
      storedAsProblem: [],
      failed: [],
      changes: [],
    };
    const add = (part: BatchResult) => {
      report.written += part.written;
      report.historyAppended += part.historyAppended;
      report.changes.push(...part.changes);
    };
    for (let i = 0; i < scores.length; i += BATCH) {
      const batch = scores.slice(i, i + BATCH);
      try {
        add(await this.writeBatch(batch, computedAt));
        continue;
      } catch {
        // Retried row by row below, so only the bad rows are affected.
      }
      for (const score of batch) {
        try {
          add(await this.writeBatch([score], computedAt));
          continue;
        } catch (error) {
          const message = storageErrorMessage(error);
          try {
            add(
              await this.writeBatch(
                [storageProblemWrite(score, message)],
                computedAt,
              ),
            );
            report.storedAsProblem.push({
              entityRef: score.record.entityRef,
              error: message,
            });
          } catch (fallbackError) {
            report.failed.push({
              entityRef: score.record.entityRef,
              error: storageErrorMessage(fallbackError),
            });
          }
        }
      }
    }
    if (report.written > 0) {
      await this.related.tombstones.forget(scores.map(s => s.record.entityRef));
    }
    return report;
  }

  /**
   * One transaction: reads the stored hashes, then writes what changed.
   *
   * On PostgreSQL score writes take one transaction-scoped advisory lock
   * first, so writers (a refresh and a sync, or two replicas) run one after
   * the other and the second sees what the first wrote: neither appends the
   * same history entry twice. Row locks would not do: a brand-new agent has
   * no row to lock yet. Only one sync runs cluster-wide, so the lock costs a
   * refresh at most one batch's wait. SQLite writes one at a time anyway.
   */
  private writeBatch(
    batch: readonly AgentScoreWrite[],
    computedAt: string,
  ): Promise<BatchResult> {
    return this.knex.transaction(async tx => {
      if (this.isPostgres) {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [SCORE_WRITE_LOCK]);
      }
      const existing = new Map<
        string,
        StoredSsvcInputs & {
          record_hash: string;
          input_hash: string;
          source_hash: string | null;
          status: ScoreStatus;
          severity: Severity | null;
          ssvc_outcome: SsvcOutcome | null;
        }
      >();
      const rows = await tx(SCORES)
        .select(
          'entity_ref',
          'record_hash',
          'input_hash',
          'source_hash',
          'status',
          'severity',
          'ssvc_outcome',
          'ssvc_inputs_hash',
          'ssvc_seen_at',
        )
        .whereIn(
          'entity_ref',
          batch.map(s => s.record.entityRef),
        );
      for (const row of rows) {
        existing.set(row.entity_ref, row);
      }
      const changed = batch.filter(s => {
        const stored = existing.get(s.record.entityRef)?.record_hash;
        return stored !== s.recordHash && stored !== problemRecordHash(s);
      });
      // Same record from a newly hashed source (e.g. rows written before
      // source hashes existed): remember the hash, so the next sync skips it.
      for (const s of batch) {
        const row = existing.get(s.record.entityRef);
        if (
          row &&
          s.sourceHash &&
          row.source_hash !== s.sourceHash &&
          !changed.includes(s)
        ) {
          await tx(SCORES)
            .where('entity_ref', s.record.entityRef)
            .update({ source_hash: s.sourceHash });
        }
      }
      if (changed.length === 0) {
        return { written: 0, historyAppended: 0, changes: [] };
      }
      const dated = new Map<AgentScoreWrite, DatedSsvc>(
        changed.map(s => [
          s,
          datedSsvc(s, existing.get(s.record.entityRef), computedAt),
        ]),
      );
      const outcomeOf = (s: AgentScoreWrite) => s.record.ssvc?.outcome ?? null;
      // A new SSVC outcome is a new state for the trends, also when it comes
      // from a rescoring (rows stored before SSVC decisions were).
      const history = changed.filter(s => {
        const before = existing.get(s.record.entityRef);
        return (
          before?.input_hash !== s.inputHash ||
          (before.ssvc_outcome ?? null) !== outcomeOf(s)
        );
      });
      await tx(SCORES)
        .insert(changed.map(s => toScoreRow(s, computedAt, dated.get(s)!)))
        .onConflict('entity_ref')
        .merge();
      await tx(RECORDS)
        .insert(
          changed.map(s => ({
            entity_ref: s.record.entityRef,
            record: JSON.stringify({
              ...s.record,
              ssvc: dated.get(s)!.ssvc,
              computedAt,
            }),
            reasons: JSON.stringify({
              contributions: s.record.contributions,
              errors: s.record.errors,
            }),
          })),
        )
        .onConflict('entity_ref')
        .merge();
      await this.related.history.append(tx, history, computedAt);
      await this.related.state.bumpDataVersion(tx);
      const changes: AgentStateChange[] = [];
      for (const s of changed) {
        const before = existing.get(s.record.entityRef);
        // Unknown for a row stored before SSVC decisions were: not a change.
        const outcomeBefore =
          before && before.ssvc_inputs_hash !== null
            ? before.ssvc_outcome ?? null
            : undefined;
        if (
          before &&
          before.status === s.record.status &&
          (before.severity ?? null) === s.record.severity &&
          (outcomeBefore === undefined || outcomeBefore === outcomeOf(s))
        ) {
          continue;
        }
        changes.push({
          entityRef: s.record.entityRef,
          title: s.record.title,
          owner: s.record.owner,
          score: s.record.score,
          previous: before
            ? {
                status: before.status,
                severity: before.severity ?? null,
                ssvcOutcome: outcomeBefore,
              }
            : null,
          current: {
            status: s.record.status,
            severity: s.record.severity,
            ssvcOutcome: outcomeOf(s),
          },
          changedAt: computedAt,
          ssvcDueAt: dated.get(s)!.ssvc?.dueAt ?? null,
        });
      }
      return {
        written: changed.length,
        historyAppended: history.length,
        changes,
      };
    });
  }

  /**
   * Deletes agents' score rows. Their history stays, as a tombstone, until
   * the retention has passed since the removal. Returns how many were deleted.
   */
  async deleteAgents(
    entityRefs: readonly string[],
    removedAt: string = new Date().toISOString(),
  ): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      deleted += await this.deleteBatch(
        entityRefs.slice(i, i + BATCH),
        removedAt,
      );
    }
    return deleted;
  }

  private deleteBatch(
    batch: readonly string[],
    removedAt: string,
  ): Promise<number> {
    return this.knex.transaction(async tx => {
      // The tombstone keeps the owner, so trends per owner still count the agent.
      const owners: Array<{ entity_ref: string; owner: string }> = await tx(
        SCORES,
      )
        .select('entity_ref', 'owner')
        .whereIn('entity_ref', batch);
      const count = await tx(SCORES).whereIn('entity_ref', batch).delete();
      await tx(RECORDS).whereIn('entity_ref', batch).delete();
      if (count > 0) {
        await this.related.tombstones.record(
          tx,
          owners.map(row => ({
            entityRef: row.entity_ref,
            owner: row.owner || null,
          })),
          removedAt,
        );
        await this.related.state.bumpDataVersion(tx);
      }
      return count;
    });
  }
}
