import { createHash } from 'crypto';
import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  AgentListOrderField,
  ScoreHistoryEntry,
  ScoreStatus,
  ScoringModelId,
  Severity,
} from '@agent-risk/plugin-agent-risk-common';
import { normalizeRef } from '../refs';
import {
  AgentAggregates,
  AgentFilter,
  AgentKeyset,
  AgentOrder,
  AgentPage,
  AgentRiskState,
  AgentScoreWrite,
  AgentWriteReport,
  StoredAgentListItem,
  StoredAgentRecord,
} from './types';

const SCORES = 'agent_risk_scores';
const HISTORY = 'agent_risk_history';
const STATE = 'agent_risk_state';
const REMOVED = 'agent_risk_removed';

/** Characters of the display name kept as its sort key. */
const SORT_NAME_MAX_LENGTH = 256;

/** Rows per INSERT/SELECT batch: well under SQLite's and PostgreSQL's bind limits. */
const BATCH = 200;
/** Above this many refs a visibility filter is sent as one JSON parameter. */
const INLINE_REFS_LIMIT = 500;

const ORDER_COLUMNS: Record<AgentListOrderField, string> = {
  score: 'score_sort',
  name: 'sort_name',
  owner: 'owner',
  computedAt: 'computed_at',
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
];

type ListRow = {
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
};

/** PostgreSQL returns bigint aggregates as strings; SQLite returns numbers. */
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

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
    computedAt: row.computed_at,
    reviewedAt: row.reviewed_at ?? null,
  };
}

/** A PostgreSQL text[] literal: one bind parameter however many refs. */
function pgTextArray(values: readonly string[]): string {
  return `{${values
    .map(v => `"${v.replace(/[\\"]/g, c => `\\${c}`)}"`)
    .join(',')}}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** Control characters and lone surrogates: what PostgreSQL text refuses or mangles. */
// Matching control characters is the point here.
/* eslint-disable no-control-regex */
const UNSTORABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */
/** Longest display field kept when a record is stored as a storage problem. */
const PROBLEM_FIELD_MAX_LENGTH = 500;

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

function cleanField(text: string): string;
function cleanField(text: string | null): string | null;
function cleanField(text: string | null): string | null {
  return text === null
    ? null
    : text.replace(UNSTORABLE, '\uFFFD').slice(0, PROBLEM_FIELD_MAX_LENGTH);
}

/** A short, single-line description of a database error. */
function storageErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return cleanField(message.split('\n')[0]).slice(0, 200);
}

/**
 * What is stored for an agent whose record the database refused: status
 * invalid, the storage error among its errors, display fields cleaned and
 * bounded. Its hashes differ from the real record's, so once the record can
 * be stored it replaces this one and appends history.
 */
function storageProblemWrite(
  score: AgentScoreWrite,
  message: string,
): AgentScoreWrite {
  const r = score.record;
  return {
    ...score,
    record: {
      ...r,
      title: cleanField(r.title),
      owner: cleanField(r.owner),
      ownerTitle: cleanField(r.ownerTitle),
      system: cleanField(r.system),
      systemTitle: cleanField(r.systemTitle),
      lifecycle: cleanField(r.lifecycle),
      status: 'invalid',
      score: null,
      severity: null,
      layers: [],
      errors: [
        ...r.errors.slice(0, 20).map(e => ({
          field: cleanField(e.field),
          message: cleanField(e.message),
        })),
        {
          field: 'storage',
          message: `The agent's record could not be stored: ${message}`,
        },
      ],
    },
    inputHash: sha256(`storage-problem:${score.inputHash}`),
    recordHash: problemRecordHash(score),
  };
}

/**
 * The record hash of a score's storage-problem stand-in. A stored row with
 * this hash means "this exact record was refused": it is not tried again
 * until the record changes, so one bad agent does not cost every sync a
 * failed batch and a row-by-row retry.
 */
function problemRecordHash(score: AgentScoreWrite): string {
  return sha256(`storage-problem:${score.recordHash}`);
}

/**
 * The only place that knows SQL. Keeps the latest score per agent (typed
 * columns for filters and orders, the full record as JSON for the detail
 * view), an append-only history of changes, and the sync state.
 *
 * Works on SQLite and PostgreSQL.
 *
 * @public
 */
export class AgentRiskStore {
  private readonly isPostgres: boolean;

  /** Applies the package's migrations and returns a store on the database. */
  static async create(knex: Knex, options: { skipMigrations?: boolean } = {}) {
    if (!options.skipMigrations) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@agent-risk/plugin-agent-risk-backend',
          'migrations',
        ),
      });
    }
    return new AgentRiskStore(knex);
  }

  constructor(private readonly knex: Knex) {
    const client = String(knex.client.config?.client ?? '');
    this.isPostgres = client === 'pg' || client.includes('postgres');
  }

  // ---------------------------------------------------------------- writes

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
    };
    const add = (part: { written: number; historyAppended: number }) => {
      report.written += part.written;
      report.historyAppended += part.historyAppended;
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
      await this.forgetRemoved(scores.map(s => s.record.entityRef));
    }
    return report;
  }

  /**
   * One transaction: reads the stored hashes (locking existing rows on
   * PostgreSQL, so a refresh and a sync cannot both append the same history
   * entry), then writes what changed.
   */
  private writeBatch(
    batch: readonly AgentScoreWrite[],
    computedAt: string,
  ): Promise<{ written: number; historyAppended: number }> {
    return this.knex.transaction(async tx => {
      const existing = new Map<
        string,
        { record_hash: string; input_hash: string }
      >();
      const select = tx(SCORES)
        .select('entity_ref', 'record_hash', 'input_hash')
        .whereIn(
          'entity_ref',
          batch.map(s => s.record.entityRef),
        );
      if (this.isPostgres) {
        select.forUpdate();
      }
      for (const row of await select) {
        existing.set(row.entity_ref, row);
      }
      const changed = batch.filter(s => {
        const stored = existing.get(s.record.entityRef)?.record_hash;
        return stored !== s.recordHash && stored !== problemRecordHash(s);
      });
      if (changed.length === 0) {
        return { written: 0, historyAppended: 0 };
      }
      const history = changed.filter(
        s => existing.get(s.record.entityRef)?.input_hash !== s.inputHash,
      );
      await tx(SCORES)
        .insert(changed.map(s => this.toRow(s, computedAt)))
        .onConflict('entity_ref')
        .merge();
      if (history.length > 0) {
        await tx(HISTORY).insert(
          history.map(s => ({
            entity_ref: s.record.entityRef,
            computed_at: computedAt,
            model: s.record.model,
            status: s.record.status,
            score: s.record.score,
            severity: s.record.severity,
            input_hash: s.inputHash,
          })),
        );
      }
      await this.bumpDataVersion(tx);
      return { written: changed.length, historyAppended: history.length };
    });
  }

  private toRow(s: AgentScoreWrite, computedAt: string) {
    const r = s.record;
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
      cvss_base: r.cvssBase,
      cvss_assumed: r.cvssAssumed,
      factor_sum: r.factorSum,
      computed_at: computedAt,
      reviewed_at: r.reviewedAt,
      input_hash: s.inputHash,
      record_hash: s.recordHash,
      search_text: [r.entityRef, s.name, r.title, r.ownerTitle, r.systemTitle]
        .filter(Boolean)
        .join(' ')
        .toLocaleLowerCase('en-US'),
      record: JSON.stringify({ ...r, computedAt }),
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
      if (count > 0) {
        await tx(REMOVED)
          .insert(
            owners.map(row => ({
              entity_ref: row.entity_ref,
              removed_at: removedAt,
              owner: row.owner || null,
            })),
          )
          .onConflict('entity_ref')
          .merge();
        await this.bumpDataVersion(tx);
      }
      return count;
    });
  }

  /** An agent that is back in the catalog is no longer a tombstone. */
  private async forgetRemoved(entityRefs: readonly string[]) {
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      await this.knex(REMOVED)
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH))
        .delete();
    }
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
   * state), and all history of agents removed before `before`.
   */
  async pruneHistory(before: string): Promise<number> {
    const expiredTombstones = this.knex(REMOVED)
      .select('entity_ref')
      .where('removed_at', '<', before);
    const prunable = () =>
      this.knex(HISTORY).where(q =>
        q
          .where(old =>
            old
              .where('computed_at', '<', before)
              .whereExists(newer =>
                newer
                  .select(this.knex.raw('1'))
                  .from(`${HISTORY} as newer`)
                  .whereRaw(
                    `newer.entity_ref = ${HISTORY}.entity_ref AND (newer.computed_at > ${HISTORY}.computed_at OR (newer.computed_at = ${HISTORY}.computed_at AND newer.id > ${HISTORY}.id))`,
                  ),
              ),
          )
          .orWhereIn('entity_ref', expiredTombstones),
      );
    // Look first, so a sync with nothing to prune issues no write at all.
    if (!(await prunable().select('id').first())) {
      return 0;
    }
    return this.knex.transaction(async tx => {
      const pruned = await prunable().transacting(tx).delete();
      await tx(REMOVED).where('removed_at', '<', before).delete();
      return pruned;
    });
  }

  /**
   * Refreshes the planner statistics after a bulk change. SQLite never
   * collects them by itself, and without them both databases pick the wrong
   * index for combined filters (e.g. severity + owner) on large tables.
   */
  async analyze(): Promise<void> {
    await this.knex.raw(`ANALYZE ${SCORES}`);
    await this.knex.raw(`ANALYZE ${HISTORY}`);
  }

  async setLastSyncAt(at: string): Promise<void> {
    await this.knex(STATE).where({ id: 1 }).update({ last_sync_at: at });
  }

  private async bumpDataVersion(tx: Knex.Transaction) {
    await tx(STATE)
      .where({ id: 1 })
      .update({ data_version: tx.raw('data_version + 1') });
  }

  // ----------------------------------------------------------------- reads

  async getState(): Promise<AgentRiskState> {
    const row = await this.knex(STATE).where({ id: 1 }).first();
    return {
      dataVersion: num(row?.data_version ?? 0),
      lastSyncAt: row?.last_sync_at ?? null,
    };
  }

  /** One page of the ranking, keyset-paginated. Fetches one extra row to know if more follow. */
  async listAgents(options: {
    filter: AgentFilter;
    order: AgentOrder;
    limit: number;
    after?: AgentKeyset;
  }): Promise<AgentPage> {
    const { filter, order, limit, after } = options;
    const column = ORDER_COLUMNS[order.field];
    const query = this.knex(SCORES).select(LIST_COLUMNS);
    this.applyFilter(query, filter);
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
      items: page.map(toListItem),
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
        return row.owner;
      case 'computedAt':
      default:
        return row.computed_at;
    }
  }

  /** Every row of the ranking in order, a batch at a time (for streaming). */
  async *iterateAgents(options: {
    filter: AgentFilter;
    order: AgentOrder;
    batchSize?: number;
  }): AsyncGenerator<StoredAgentListItem[]> {
    let after: AgentKeyset | undefined;
    do {
      const page = await this.listAgents({
        filter: options.filter,
        order: options.order,
        limit: options.batchSize ?? 1000,
        after,
      });
      if (page.items.length > 0) {
        yield page.items;
      }
      after = page.next ?? undefined;
    } while (after);
  }

  async countAgents(filter: AgentFilter): Promise<number> {
    const query = this.knex(SCORES).count({ count: '*' });
    this.applyFilter(query, filter);
    const [row] = await query;
    return num(row?.count ?? 0);
  }

  async getAgent(entityRef: string): Promise<StoredAgentRecord | undefined> {
    const row = await this.knex(SCORES)
      .select('record')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) {
      return undefined;
    }
    // Records written before display names were resolved lack them.
    const record = JSON.parse(row.record) as StoredAgentRecord;
    return {
      ...record,
      ownerTitle: record.ownerTitle ?? null,
      systemTitle: record.systemTitle ?? null,
      reviewedAt: record.reviewedAt ?? null,
    };
  }

  /** The stored records of these (lower-case) refs, for the CSV's reasons. */
  async getRecords(
    entityRefs: readonly string[],
  ): Promise<Map<string, Pick<StoredAgentRecord, 'contributions' | 'errors'>>> {
    const records = new Map<
      string,
      Pick<StoredAgentRecord, 'contributions' | 'errors'>
    >();
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      const rows: Array<{ entity_ref: string; record: string }> =
        await this.knex(SCORES)
          .select('entity_ref', 'record')
          .whereIn('entity_ref', entityRefs.slice(i, i + BATCH) as string[]);
      for (const row of rows) {
        const { contributions, errors } = JSON.parse(row.record);
        records.set(row.entity_ref, { contributions, errors });
      }
    }
    return records;
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

  /**
   * Rank inputs of a score among scored agents in scope: how many score
   * higher, how many score lower, and how many are scored in all.
   */
  async countScoredAround(
    score: number,
    filter: AgentFilter,
  ): Promise<{ higher: number; lower: number; total: number }> {
    // Range counts on score_sort walk the score index; unscored rows hold -1.
    const count = async (build: (q: Knex.QueryBuilder) => void) => {
      const query = this.knex(SCORES).count({ count: '*' });
      build(query);
      this.applyFilter(query, filter);
      const [row] = await query;
      return num(row?.count ?? 0);
    };
    const [higher, lower, total] = await Promise.all([
      count(q => q.where('score_sort', '>', score)),
      count(q =>
        q.where('score_sort', '<', score).andWhere('score_sort', '>=', 0),
      ),
      count(q => q.where('score_sort', '>=', 0)),
    ]);
    return { higher, lower, total };
  }

  /** History of one agent, oldest first. */
  async getHistory(entityRef: string): Promise<ScoreHistoryEntry[]> {
    const rows = await this.knex(HISTORY)
      .select('computed_at', 'model', 'status', 'score', 'severity')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'computed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => ({
      computedAt: row.computed_at,
      model: row.model,
      status: row.status,
      score: numOrNull(row.score),
      severity: row.severity,
    }));
  }

  /** The aggregates of `GET /summary`, computed in the database. */
  async aggregate(filter: AgentFilter): Promise<AgentAggregates> {
    const statusQuery = this.knex(SCORES)
      .select('status', 'severity')
      .count({ count: '*' })
      .groupBy('status', 'severity');
    this.applyFilter(statusQuery, filter);

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
    this.applyFilter(ownerQuery, filter);

    const scoreQuery = this.knex(SCORES)
      .select('score')
      .count({ count: '*' })
      .where('status', 'scored')
      .groupBy('score');
    this.applyFilter(scoreQuery, filter);

    const [statusRows, ownerRows, scoreRows] = await Promise.all([
      statusQuery,
      ownerQuery,
      scoreQuery,
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
    };
  }

  /** Restricts a query on the scores table to the filter (the trend store scopes history with it). */
  applyFilter(query: Knex.QueryBuilder, filter: AgentFilter) {
    const anyOf = (column: string, values?: readonly (string | null)[]) => {
      if (values && values.length > 0) {
        query.whereIn(column, values as string[]);
      }
    };
    anyOf('owner', filter.owner);
    anyOf('severity', filter.severity);
    anyOf('status', filter.status);
    const lower = (values?: readonly string[]) =>
      (values ?? []).map(v => v.toLocaleLowerCase('en-US'));
    anyOf('lifecycle_key', lower(filter.lifecycle));
    if (filter.system && filter.system.length > 0) {
      // A system filter value is a ref (kind and namespace optional) or a title.
      const refs = filter.system
        .map(v => normalizeRef(v, 'system', 'default'))
        .filter((ref): ref is string => ref !== null);
      const titles = lower(filter.system);
      query.where(q =>
        q
          .whereIn('system_key', lower(refs))
          .orWhereIn('system_title_key', titles),
      );
    }
    if (filter.reviewedBefore) {
      const before = filter.reviewedBefore;
      query.where(q =>
        q.whereNull('reviewed_at').orWhere('reviewed_at', '<', before),
      );
    }
    if (filter.reviewedSince) {
      query.where('reviewed_at', '>=', filter.reviewedSince);
    }
    if (filter.q) {
      query.whereRaw("search_text LIKE ? ESCAPE '\\'", [
        `%${escapeLike(filter.q.toLocaleLowerCase('en-US'))}%`,
      ]);
    }
    const refs = filter.visibleRefs;
    if (refs) {
      if (refs.length <= INLINE_REFS_LIMIT) {
        query.whereIn('entity_ref', refs as string[]);
      } else if (this.isPostgres) {
        // One JSON parameter instead of thousands of bind variables.
        query.whereRaw('entity_ref = ANY(?::text[])', [pgTextArray(refs)]);
      } else {
        query.whereRaw('entity_ref IN (SELECT value FROM json_each(?))', [
          JSON.stringify(refs),
        ]);
      }
    }
  }
}

/**
 * Applies migrations and returns a store: what the plugin and benchmarks use.
 *
 * @public
 */
export async function createAgentRiskStore(
  knex: Knex,
  options?: { skipMigrations?: boolean },
): Promise<AgentRiskStore> {
  return AgentRiskStore.create(knex, options);
}
