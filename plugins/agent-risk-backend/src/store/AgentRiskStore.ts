import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  AgentListItem,
  AgentListOrderField,
  ScoreHistoryEntry,
  ScoreStatus,
  ScoringModelId,
  Severity,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AgentAggregates,
  AgentFilter,
  AgentKeyset,
  AgentOrder,
  AgentPage,
  AgentRiskState,
  AgentScoreWrite,
  AgentWriteReport,
  StoredAgentRecord,
} from './types';

const SCORES = 'agent_risk_scores';
const HISTORY = 'agent_risk_history';
const STATE = 'agent_risk_state';

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
  'system',
  'lifecycle',
  'model',
  'status',
  'score',
  'score_sort',
  'severity',
  'cvss_base',
  'cvss_assumed',
  'factor_sum',
  'computed_at',
  'sort_name',
];

type ListRow = {
  entity_ref: string;
  title: string;
  owner: string;
  system: string | null;
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
  sort_name: string;
};

/** PostgreSQL returns bigint aggregates as strings; SQLite returns numbers. */
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

function toListItem(row: ListRow): AgentListItem {
  return {
    entityRef: row.entity_ref,
    title: row.title,
    owner: row.owner === '' ? null : row.owner,
    system: row.system,
    lifecycle: row.lifecycle,
    model: row.model as ScoringModelId,
    status: row.status as ScoreStatus,
    score: numOrNull(row.score),
    severity: row.severity as Severity | null,
    cvssBase: numOrNull(row.cvss_base),
    cvssAssumed: Boolean(row.cvss_assumed),
    factorSum: numOrNull(row.factor_sum),
    computedAt: row.computed_at,
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
   */
  async writeScores(
    scores: readonly AgentScoreWrite[],
    computedAt: string,
  ): Promise<AgentWriteReport> {
    const report: AgentWriteReport = { written: 0, historyAppended: 0 };
    for (let i = 0; i < scores.length; i += BATCH) {
      const batch = scores.slice(i, i + BATCH);
      const existing = new Map<
        string,
        { record_hash: string; input_hash: string }
      >();
      const rows = await this.knex(SCORES)
        .select('entity_ref', 'record_hash', 'input_hash')
        .whereIn(
          'entity_ref',
          batch.map(s => s.record.entityRef),
        );
      for (const row of rows) {
        existing.set(row.entity_ref, row);
      }
      const changed = batch.filter(
        s => existing.get(s.record.entityRef)?.record_hash !== s.recordHash,
      );
      if (changed.length === 0) {
        continue;
      }
      const history = changed.filter(
        s => existing.get(s.record.entityRef)?.input_hash !== s.inputHash,
      );
      await this.knex.transaction(async tx => {
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
      });
      report.written += changed.length;
      report.historyAppended += history.length;
    }
    return report;
  }

  private toRow(s: AgentScoreWrite, computedAt: string) {
    const r = s.record;
    return {
      entity_ref: r.entityRef,
      kind: s.kind,
      namespace: s.namespace,
      name: s.name,
      title: r.title,
      sort_name: (r.title || s.name).toLocaleLowerCase('en-US'),
      owner: r.owner ?? '',
      system: r.system,
      lifecycle: r.lifecycle,
      model: r.model,
      status: r.status,
      score: r.score,
      score_sort: r.score ?? -1,
      severity: r.severity,
      cvss_base: r.cvssBase,
      cvss_assumed: r.cvssAssumed,
      factor_sum: r.factorSum,
      computed_at: computedAt,
      input_hash: s.inputHash,
      record_hash: s.recordHash,
      search_text: `${r.entityRef} ${s.name} ${r.title}`.toLocaleLowerCase(
        'en-US',
      ),
      record: JSON.stringify({ ...r, computedAt }),
    };
  }

  /** Deletes agents and their history. Returns how many agents were deleted. */
  async deleteAgents(entityRefs: readonly string[]): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      deleted += await this.deleteBatch(entityRefs.slice(i, i + BATCH));
    }
    return deleted;
  }

  private deleteBatch(batch: readonly string[]): Promise<number> {
    return this.knex.transaction(async tx => {
      await tx(HISTORY).whereIn('entity_ref', batch).delete();
      const count = await tx(SCORES).whereIn('entity_ref', batch).delete();
      if (count > 0) {
        await this.bumpDataVersion(tx);
      }
      return count;
    });
  }

  /**
   * The sweep of a complete sync: deletes stored agents that the sync did not
   * see and that were not written since it started (a single-agent refresh
   * may have added one meanwhile).
   */
  async deleteAgentsNotIn(
    seenRefs: ReadonlySet<string>,
    unchangedSince: string,
  ): Promise<number> {
    const rows: Array<{ entity_ref: string }> = await this.knex(SCORES)
      .select('entity_ref')
      .where('computed_at', '<', unchangedSince);
    const gone = rows.map(r => r.entity_ref).filter(ref => !seenRefs.has(ref));
    return this.deleteAgents(gone);
  }

  /** Deletes history entries older than `before`. */
  async pruneHistory(before: string): Promise<number> {
    // Look first, so a sync with nothing to prune issues no write at all.
    const old = await this.knex(HISTORY)
      .select('id')
      .where('computed_at', '<', before)
      .first();
    return old
      ? this.knex(HISTORY).where('computed_at', '<', before).delete()
      : 0;
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
  }): AsyncGenerator<AgentListItem[]> {
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
    return row ? (JSON.parse(row.record) as StoredAgentRecord) : undefined;
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

  private applyFilter(query: Knex.QueryBuilder, filter: AgentFilter) {
    const anyOf = (column: string, values?: readonly (string | null)[]) => {
      if (values && values.length > 0) {
        query.whereIn(column, values as string[]);
      }
    };
    anyOf('owner', filter.owner);
    anyOf('severity', filter.severity);
    anyOf('status', filter.status);
    anyOf('system', filter.system);
    anyOf('lifecycle', filter.lifecycle);
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
