import { Knex } from 'knex';
import { num, numOrNull, SCORES_TABLE } from '../tables';
import { AgentAggregates, AgentFilter } from '../types';
import { applyAgentFilter } from './agentFilter';

const SCORES = SCORES_TABLE;

/** PostgreSQL's pg_trgm index over search_text (see the migrations). */
const SEARCH_TRGM_INDEX = 'agent_risk_scores_search_trgm_idx';

/**
 * The aggregates of the score store, computed in the database, and the
 * statistics the planner needs for them after a bulk write.
 */
export class KnexScoreAggregates {
  constructor(
    private readonly knex: Knex,
    private readonly isPostgres: boolean,
  ) {}

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

  async ssvcDueDates(filter: AgentFilter): Promise<string[]> {
    const query = this.knex(SCORES)
      .select('ssvc_due_at')
      .whereNotNull('ssvc_due_at');
    applyAgentFilter(query, filter, this.isPostgres);
    const rows: Array<{ ssvc_due_at: string }> = await query;
    return rows.map(r => r.ssvc_due_at);
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
