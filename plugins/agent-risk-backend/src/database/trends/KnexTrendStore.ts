import { Knex } from 'knex';
import { applyAgentFilter } from '../scores/agentFilter';
import {
  HISTORY_TABLE,
  isPostgres,
  REMOVED_TABLE,
  SCORES_TABLE,
} from '../tables';
import { TrendInputs, TrendScope, TrendStore } from './TrendStore';

const SCORES = SCORES_TABLE;
const HISTORY = HISTORY_TABLE;
const REMOVED = REMOVED_TABLE;

/**
 * Trend inputs from `agent_risk_history` and the tombstones of
 * `agent_risk_removed`, on SQLite and PostgreSQL. Agents in the catalog are
 * scoped by their current attributes (the score store's filter); removed
 * agents by the owner they had when they left. A removed agent can no longer
 * be checked against the catalog's permissions, so callers with a restricted
 * view, and filters on system, lifecycle or text, leave them out.
 */
export class KnexTrendStore implements TrendStore {
  private readonly isPostgres: boolean;

  constructor(private readonly knex: Knex) {
    this.isPostgres = isPostgres(knex);
  }

  async readTrendInputs(
    scope: TrendScope,
    since: string,
  ): Promise<TrendInputs> {
    const present = this.knex(SCORES).select('entity_ref');
    applyAgentFilter(present, scope, this.isPostgres);
    const includeRemoved =
      !scope.visibleRefs &&
      !scope.system?.length &&
      !scope.lifecycle?.length &&
      !scope.q;
    const removed = this.knex(REMOVED).select('entity_ref');
    if (scope.owner?.length) {
      removed.whereIn('owner', scope.owner as string[]);
    }
    const inScope = (q: Knex.QueryBuilder) =>
      q.where(inner => {
        inner.whereIn('entity_ref', present);
        if (includeRemoved) {
          inner.orWhereIn('entity_ref', removed.clone());
        }
      });

    // Each agent's state when the range starts: its latest earlier entry.
    const ranked = this.knex(HISTORY)
      .select(
        'entity_ref',
        'computed_at',
        'status',
        'severity',
        'ssvc_outcome',
        this.knex.raw(
          'ROW_NUMBER() OVER (PARTITION BY entity_ref ORDER BY computed_at DESC, id DESC) AS rn',
        ),
      )
      .where('computed_at', '<', since)
      .modify(inScope);
    const baseline = this.knex
      .select('entity_ref', 'computed_at', 'status', 'severity', 'ssvc_outcome')
      .from(ranked.as('ranked'))
      .where('rn', 1);
    const inRange = this.knex(HISTORY)
      .select('entity_ref', 'computed_at', 'status', 'severity', 'ssvc_outcome')
      .where('computed_at', '>=', since)
      .modify(inScope)
      .orderBy([
        { column: 'computed_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    const removals = includeRemoved
      ? this.knex(REMOVED)
          .select('entity_ref', 'removed_at')
          .whereIn('entity_ref', removed.clone())
      : Promise.resolve([]);

    const [baselineRows, rangeRows, removalRows] = await Promise.all([
      baseline,
      inRange,
      removals,
    ]);
    const toChange = (row: any) => ({
      entityRef: row.entity_ref,
      at: row.computed_at,
      status: row.status,
      severity: row.severity ?? null,
      ssvcOutcome: row.ssvc_outcome ?? null,
    });
    return {
      changes: [...baselineRows.map(toChange), ...rangeRows.map(toChange)],
      removals: removalRows.map((row: any) => ({
        entityRef: row.entity_ref,
        at: row.removed_at,
      })),
    };
  }
}
