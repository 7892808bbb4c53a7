import { Knex } from 'knex';
import {
  AgentListOrderField,
  isUnderstatedFinding,
  ScoreStatus,
  ScoringModelId,
  Severity,
  SsvcAgentClass,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { KnexScoreHistoryStore } from '../history/KnexScoreHistoryStore';
import { KnexSyncStateStore } from '../syncState/KnexSyncStateStore';
import {
  ACCEPTANCE_TABLE,
  BATCH_SIZE,
  isPostgres,
  num,
  numOrNull,
  RECORDS_TABLE,
  SCORES_TABLE,
} from '../tables';
import { KnexTombstones } from '../tombstones/KnexTombstones';
import {
  AgentAggregates,
  AgentFilter,
  AgentKeyset,
  AgentOrder,
  AgentPage,
  AgentScoreWrite,
  AgentStateChange,
  AgentWriteReport,
  StoredAgentListItem,
  StoredAgentWithReasons,
  StoredAgentRecord,
} from '../types';
import { parseStoredEvidence } from '../evidence/KnexEvidenceStore';
import { applyAgentFilter } from './agentFilter';
import { ScoreStore } from './ScoreStore';
import { ownerSortKey, severitySortKey } from './sortKeys';
import {
  DatedSsvc,
  datedSsvc,
  NO_DUE_DATE_SORT,
  StoredSsvcInputs,
} from './ssvcDates';
import { searchTextOf } from './searchText';
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

/** PostgreSQL's pg_trgm index over search_text (see the migrations). */
const SEARCH_TRGM_INDEX = 'agent_risk_scores_search_trgm_idx';

type BatchResult = Pick<
  AgentWriteReport,
  'written' | 'historyAppended' | 'changes'
>;
const BATCH = BATCH_SIZE;

/** Refs per source-hash lookup: well under SQLite's bind-variable limit. */
const SOURCE_HASH_CHUNK = 500;

/** Characters of the display name kept as its sort key. */
const SORT_NAME_MAX_LENGTH = 256;
const ORDER_COLUMNS: Record<AgentListOrderField, string> = {
  score: 'score_sort',
  name: 'sort_name',
  owner: 'owner_sort',
  computedAt: 'computed_at',
  cvssBase: 'cvss_sort',
  severity: 'severity_sort',
  dueAt: 'ssvc_due_sort',
};

const LIST_COLUMNS = [
  'entity_ref',
  'title',
  'owner',
  'owner_title',
  'system',
  'system_title',
  'lifecycle',
  'model',
  'status',
  'score',
  'score_sort',
  'severity',
  'cvss_base',
  'cvss_assumed',
  'factor_sum',
  'reviewed_at',
  'computed_at',
  'sort_name',
  'owner_sort',
  'severity_sort',
  'cvss_sort',
  'reason',
  'ssvc_status',
  'ssvc_outcome',
  'ssvc_class',
  'ssvc_risk_score',
  'ssvc_assessed_at',
  'ssvc_due_at',
  'ssvc_due_sort',
  'understated',
];

type PageOptions = {
  filter: AgentFilter;
  order: AgentOrder;
  limit: number;
  after?: AgentKeyset;
};

type IterateOptions = {
  filter: AgentFilter;
  order: AgentOrder;
  batchSize?: number;
};

type ListRow = {
  /** JSON, only when asked for (the CSV's reasons). */
  reasons?: string | null;
  /** JSON, only when asked for (the CSV's evidence findings). */
  evidence?: string | null;
  /** Boolean on PostgreSQL, 0 or 1 on SQLite. */
  has_acceptance: boolean | number;
  entity_ref: string;
  title: string;
  owner: string;
  owner_title: string | null;
  system: string | null;
  system_title: string | null;
  lifecycle: string | null;
  model: string;
  status: string;
  score: number | string | null;
  score_sort: number | string;
  severity: string | null;
  cvss_base: number | string | null;
  cvss_assumed: boolean | number;
  factor_sum: number | string | null;
  computed_at: string;
  reviewed_at: string | null;
  sort_name: string;
  owner_sort: string;
  severity_sort: number | string;
  cvss_sort: number | string;
  reason: string | null;
  ssvc_status: string | null;
  ssvc_outcome: string | null;
  ssvc_class: string | null;
  ssvc_risk_score: number | string | null;
  ssvc_assessed_at: string | null;
  ssvc_due_at: string | null;
  ssvc_due_sort: string;
  /** Boolean on PostgreSQL, 0 or 1 on SQLite. */
  understated: boolean | number;
};

function toListItem(row: ListRow): StoredAgentListItem {
  return {
    entityRef: row.entity_ref,
    title: row.title,
    owner: row.owner === '' ? null : row.owner,
    ownerTitle: row.owner_title ?? null,
    system: row.system,
    systemTitle: row.system_title ?? null,
    lifecycle: row.lifecycle,
    model: row.model as ScoringModelId,
    status: row.status as ScoreStatus,
    score: numOrNull(row.score),
    severity: row.severity as Severity | null,
    cvssBase: numOrNull(row.cvss_base),
    cvssAssumed: Boolean(row.cvss_assumed),
    factorSum: numOrNull(row.factor_sum),
    reason: row.reason ?? null,
    computedAt: row.computed_at,
    reviewedAt: row.reviewed_at ?? null,
    ssvc: row.ssvc_status
      ? {
          status: row.ssvc_status as 'scored' | 'incomplete' | 'invalid',
          outcome: (row.ssvc_outcome as SsvcOutcome | null) ?? null,
          agentClass: (row.ssvc_class as SsvcAgentClass | null) ?? null,
          riskScore: numOrNull(row.ssvc_risk_score),
          assessedAt: row.ssvc_assessed_at ?? null,
          dueAt: row.ssvc_due_at ?? null,
        }
      : null,
    understated: Boolean(row.understated),
  };
}

/**
 * The latest score per agent: typed columns for filters and orders in one
 * narrow row, and the full record as JSON for the detail view in a table of
 * its own (inline, it made counts visit a heap page per row). A write
 * appends history and bumps the data version in the same transaction; a
 * delete leaves a tombstone.
 */
export class KnexScoreStore implements ScoreStore {
  private readonly isPostgres: boolean;

  constructor(
    private readonly knex: Knex,
    private readonly related: {
      history: KnexScoreHistoryStore;
      state: KnexSyncStateStore;
      tombstones: KnexTombstones;
    },
  ) {
    this.isPostgres = isPostgres(knex);
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
        .insert(changed.map(s => this.toRow(s, computedAt, dated.get(s)!)))
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

  private toRow(s: AgentScoreWrite, computedAt: string, dated: DatedSsvc) {
    const r = s.record;
    const ssvc = dated.ssvc;
    const lower = (text: string | null) =>
      text === null ? null : text.toLocaleLowerCase('en-US');
    return {
      entity_ref: r.entityRef,
      kind: s.kind,
      namespace: s.namespace,
      name: s.name,
      title: r.title,
      // Bounded: a sort key longer than this adds nothing, and PostgreSQL
      // cannot index arbitrarily long values.
      sort_name: (r.title || s.name)
        .slice(0, SORT_NAME_MAX_LENGTH)
        .toLocaleLowerCase('en-US'),
      owner: r.owner ?? '',
      owner_sort: ownerSortKey(r.owner, r.ownerTitle),
      system: r.system,
      lifecycle: r.lifecycle,
      owner_title: r.ownerTitle,
      system_title: r.systemTitle,
      lifecycle_key: lower(r.lifecycle),
      system_key: lower(r.system),
      system_title_key: lower(r.systemTitle),
      model: r.model,
      status: r.status,
      score: r.score,
      score_sort: r.score ?? -1,
      severity: r.severity,
      severity_sort: severitySortKey(r.severity),
      cvss_base: r.cvssBase,
      cvss_sort: r.cvssBase ?? -1,
      cvss_assumed: r.cvssAssumed,
      factor_sum: r.factorSum,
      reason: r.reason,
      computed_at: computedAt,
      reviewed_at: r.reviewedAt,
      input_hash: s.inputHash,
      record_hash: s.recordHash,
      source_hash: s.sourceHash ?? null,
      ssvc_status: ssvc?.status ?? null,
      ssvc_outcome: ssvc?.outcome ?? null,
      ssvc_class: ssvc?.agentClass ?? null,
      ssvc_risk_score: ssvc?.riskScore ?? null,
      ssvc_inputs_hash: s.ssvcInputsHash,
      ssvc_seen_at: dated.seenAt,
      ssvc_assessed_at: ssvc?.assessedAt ?? null,
      ssvc_due_at: ssvc?.dueAt ?? null,
      ssvc_due_sort: ssvc?.dueAt ?? NO_DUE_DATE_SORT,
      search_text: searchTextOf(r, s.name),
    };
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

  /**
   * Stored agents that a complete sync did not see and that were not written
   * since it started (a single-agent refresh may have added one meanwhile):
   * what its sweep would remove.
   */
  async listAgentsNotIn(
    seenRefs: ReadonlySet<string>,
    unchangedSince: string,
  ): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.knex(SCORES)
      .select('entity_ref')
      .where('computed_at', '<', unchangedSince);
    return rows.map(r => r.entity_ref).filter(ref => !seenRefs.has(ref));
  }

  /**
   * Deletes history older than `before`, except each agent's latest entry
   * (an agent unchanged for longer than the retention keeps its current
  // ----------------------------------------------------------------- reads

  /** One page of the ranking, keyset-paginated. Fetches one extra row to know if more follow. */
  async listAgents(options: PageOptions): Promise<AgentPage> {
    const { rows, next } = await this.listRows(options, false);
    return {
      items: rows.map(toListItem),
      next,
      refsWithAcceptance: rows
        .filter(row => Boolean(row.has_acceptance))
        .map(row => row.entity_ref),
    };
  }

  private async listRows(
    options: PageOptions,
    withReasons: boolean,
  ): Promise<{ rows: ListRow[]; next: AgentKeyset | null }> {
    const { filter, order, limit, after } = options;
    const column = ORDER_COLUMNS[order.field];
    const query = this.knex(SCORES).select(LIST_COLUMNS);
    // An index probe per row, so the caller reads acceptances only for the
    // agents that have one instead of a second query for every page.
    query.select(
      this.knex.raw(
        'EXISTS (SELECT 1 FROM ?? a WHERE a.entity_ref = ??) AS has_acceptance',
        [ACCEPTANCE_TABLE, `${SCORES}.entity_ref`],
      ),
    );
    if (withReasons) {
      // A lookup per row in the same query, not a second round trip; a
      // subquery rather than a join keeps the filter's columns unambiguous.
      query.select(
        this.knex.raw(
          '(SELECT r.reasons FROM ?? r WHERE r.entity_ref = ??) AS reasons',
          [RECORDS, `${SCORES}.entity_ref`],
        ),
      );
      query.select(
        this.knex.raw(
          '(SELECT r.evidence FROM ?? r WHERE r.entity_ref = ??) AS evidence',
          [RECORDS, `${SCORES}.entity_ref`],
        ),
      );
    }
    applyAgentFilter(query, filter, this.isPostgres);
    if (after) {
      const op = order.direction === 'desc' ? '<' : '>';
      // The redundant inclusive bound lets the index scan start at the cursor
      // instead of reading and discarding every earlier row (PostgreSQL does
      // not derive it from the OR below).
      query
        .where(column, `${op}=`, after.value)
        .andWhere(q =>
          q
            .where(column, op, after.value)
            .orWhere(inner =>
              inner
                .where(column, '=', after.value)
                .andWhere('entity_ref', '>', after.entityRef),
            ),
        );
    }
    const rows: ListRow[] = await query
      .orderBy([
        { column, order: order.direction },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(limit + 1);
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      rows: page,
      next:
        hasMore && last
          ? {
              value: this.sortValue(last, order.field),
              entityRef: last.entity_ref,
            }
          : null,
    };
  }

  private sortValue(row: ListRow, field: AgentListOrderField): string | number {
    switch (field) {
      case 'score':
        return num(row.score_sort);
      case 'name':
        return row.sort_name;
      case 'owner':
        return row.owner_sort;
      case 'severity':
        return num(row.severity_sort);
      case 'cvssBase':
        return num(row.cvss_sort);
      case 'dueAt':
        return row.ssvc_due_sort;
      case 'computedAt':
      default:
        return row.computed_at;
    }
  }

  /**
   * Every row of the ranking in order, a batch at a time (for the CSV
   * export), each with what its reasons are made of.
   */
  async *iterateAgentsWithReasons(
    options: IterateOptions,
  ): AsyncGenerator<StoredAgentWithReasons[]> {
    let after: AgentKeyset | undefined;
    do {
      const page = await this.listRows(
        {
          filter: options.filter,
          order: options.order,
          limit: options.batchSize ?? 1000,
          after,
        },
        true,
      );
      if (page.rows.length > 0) {
        yield page.rows.map(row => ({
          agent: toListItem(row),
          reasons: row.reasons ? JSON.parse(row.reasons) : null,
          evidence: parseStoredEvidence(row.evidence),
          hasAcceptance: Boolean(row.has_acceptance),
        }));
      }
      after = page.next ?? undefined;
    } while (after);
  }

  async countAgents(filter: AgentFilter): Promise<number> {
    const query = this.knex(SCORES).count({ count: '*' });
    applyAgentFilter(query, filter, this.isPostgres);
    const [row] = await query;
    return num(row?.count ?? 0);
  }

  async getAgent(entityRef: string): Promise<StoredAgentRecord | undefined> {
    const row = await this.knex(RECORDS)
      .select('record', 'evidence')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) {
      return undefined;
    }
    // Records written before display names (or MCP servers) were read lack them.
    const record = JSON.parse(row.record) as StoredAgentRecord;
    const evidence = parseStoredEvidence(row.evidence);
    return {
      ...record,
      ownerTitle: record.ownerTitle ?? null,
      systemTitle: record.systemTitle ?? null,
      reviewedAt: record.reviewedAt ?? null,
      reason: record.reason ?? null,
      ssvc: record.ssvc ?? null,
      description: record.description ?? null,
      mcpServers: record.mcpServers ?? [],
      // Kept beside the record, written by the evidence step of the sync.
      evidence,
      understated: evidence.some(isUnderstatedFinding),
    };
  }

  /** Those of the given refs that are stored, in the given order. */
  async existingRefs(entityRefs: readonly string[]): Promise<string[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const rows: Array<{ entity_ref: string }> = await this.knex(SCORES)
      .select('entity_ref')
      .whereIn('entity_ref', entityRefs as string[]);
    const stored = new Set(rows.map(r => r.entity_ref));
    return entityRefs.filter(ref => stored.has(ref));
  }

  /** All stored refs (lower-case). */
  async listEntityRefs(): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.knex(SCORES).select(
      'entity_ref',
    );
    return rows.map(r => r.entity_ref);
  }

  /** The aggregates of `GET /summary`, computed in the database. */
  async aggregate(filter: AgentFilter): Promise<AgentAggregates> {
    const statusQuery = this.knex(SCORES)
      .select('status', 'severity')
      .count({ count: '*' })
      .groupBy('status', 'severity');
    applyAgentFilter(statusQuery, filter, this.isPostgres);

    const ownerQuery = this.knex(SCORES)
      .select('owner')
      // One owner has one display name; MAX picks it without another GROUP BY column.
      .max({ owner_title: 'owner_title' })
      .count({ agents: '*' })
      .max({ max_score: 'score' })
      .avg({ mean_score: 'score' })
      .select(
        this.knex.raw(
          "SUM(CASE WHEN severity = 'critical' THEN 1 ELSE 0 END) AS critical",
        ),
        this.knex.raw(
          "SUM(CASE WHEN severity = 'high' THEN 1 ELSE 0 END) AS high",
        ),
      )
      .groupBy('owner');
    applyAgentFilter(ownerQuery, filter, this.isPostgres);

    const scoreQuery = this.knex(SCORES)
      .select('score')
      .count({ count: '*' })
      .where('status', 'scored')
      .groupBy('score');
    applyAgentFilter(scoreQuery, filter, this.isPostgres);

    const ssvcQuery = this.knex(SCORES)
      .select('ssvc_outcome')
      .count({ count: '*' })
      .groupBy('ssvc_outcome');
    applyAgentFilter(ssvcQuery, filter, this.isPostgres);

    const [statusRows, ownerRows, scoreRows, ssvcRows] = await Promise.all([
      statusQuery,
      ownerQuery,
      scoreQuery,
      ssvcQuery,
    ]);
    return {
      byStatusAndSeverity: statusRows.map((r: any) => ({
        status: r.status,
        severity: r.severity,
        count: num(r.count),
      })),
      byOwner: ownerRows.map((r: any) => ({
        owner: r.owner,
        ownerTitle: r.owner_title ?? null,
        agents: num(r.agents),
        maxScore: numOrNull(r.max_score),
        meanScore: numOrNull(r.mean_score),
        critical: num(r.critical),
        high: num(r.high),
      })),
      byScore: scoreRows.map((r: any) => ({
        score: num(r.score),
        count: num(r.count),
      })),
      bySsvcOutcome: ssvcRows.map((r: any) => ({
        outcome: r.ssvc_outcome ?? null,
        count: num(r.count),
      })),
    };
  }

  async analyze(): Promise<void> {
    await this.knex.raw(`ANALYZE ${SCORES}`);
    if (this.isPostgres) {
      // After a bulk write the trigram index holds its new entries in a
      // pending list, which the planner prices high enough to prefer a full
      // scan for free-text counts; merge it now rather than at the next
      // autovacuum. No-op without the index (to_regclass gives null).
      await this.knex.raw(
        `SELECT gin_clean_pending_list(to_regclass('${SEARCH_TRGM_INDEX}'))`,
      );
    }
  }
}
