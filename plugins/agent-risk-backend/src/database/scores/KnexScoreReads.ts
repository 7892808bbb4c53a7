import { Knex } from 'knex';
import { isUnderstatedFinding } from '@agent-risk/plugin-agent-risk-common';
import { parseStoredEvidence } from '../evidence/KnexEvidenceStore';
import { ACCEPTANCE_TABLE, num, RECORDS_TABLE, SCORES_TABLE } from '../tables';
import {
  AgentFilter,
  AgentKeyset,
  AgentOrder,
  AgentPage,
  StoredAgentDetail,
  StoredAgentRecord,
  StoredAgentWithReasons,
} from '../types';
import { applyAgentFilter } from './agentFilter';
import {
  LIST_COLUMNS,
  ListRow,
  ORDER_COLUMNS,
  sortValue,
  toListItem,
} from './scoreRows';

const SCORES = SCORES_TABLE;
const RECORDS = RECORDS_TABLE;

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

/**
 * The reads of the score store: the ranking filtered, ordered and
 * keyset-paged in the database, its count, one agent's record and the
 * stored refs.
 */
export class KnexScoreReads {
  constructor(
    private readonly knex: Knex,
    private readonly isPostgres: boolean,
  ) {}

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
    const query = this.knex(SCORES).select(
      LIST_COLUMNS.includes(column) ? LIST_COLUMNS : [...LIST_COLUMNS, column],
    );
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
              value: sortValue(last, order.field),
              entityRef: last.entity_ref,
            }
          : null,
    };
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

  async getAgent(entityRef: string): Promise<StoredAgentDetail | undefined> {
    const row = await this.knex(RECORDS)
      .leftJoin(SCORES, `${SCORES}.entity_ref`, `${RECORDS}.entity_ref`)
      .select(
        `${RECORDS}.record`,
        `${RECORDS}.evidence`,
        `${SCORES}.discovered`,
        `${SCORES}.assessed`,
        // As on the ranking: the detail reads acceptances only for an agent
        // that has one, instead of a round trip for every detail.
        this.knex.raw(
          'EXISTS (SELECT 1 FROM ?? a WHERE a.entity_ref = ??) AS has_acceptance',
          [ACCEPTANCE_TABLE, `${RECORDS}.entity_ref`],
        ),
      )
      .where(`${RECORDS}.entity_ref`, entityRef)
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
      // Columns of the score row (they filter the ranking).
      discovered: Boolean(row.discovered),
      assessed: Boolean(row.assessed),
      hasAcceptance: Boolean(row.has_acceptance),
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
}
