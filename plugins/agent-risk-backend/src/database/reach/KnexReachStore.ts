import { Knex } from 'knex';
import { ReachedEntity, Severity } from '@agent-risk/plugin-agent-risk-common';
import {
  ReachingAgentRow,
  ReachStore,
  ReachWrite,
  StoredReach,
  SystemExposureRow,
} from './ReachStore';
import { applyAgentFilter } from '../scores/agentFilter';
import {
  BATCH_SIZE,
  isPostgres,
  num,
  numOrNull,
  REACH_INDEX_TABLE,
  REACH_NODES_TABLE,
  REACH_TABLE,
  SCORES_TABLE,
} from '../tables';

function chunks<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** @public */
export class KnexReachStore implements ReachStore {
  constructor(private readonly knex: Knex) {}

  async nodeHashes(): Promise<Map<string, string>> {
    const rows: Array<{ entity_ref: string; hash: string }> = await this.knex(
      REACH_NODES_TABLE,
    ).select('entity_ref', 'hash');
    return new Map(rows.map(r => [r.entity_ref, r.hash]));
  }

  async writeNodes(
    upserts: Array<{ entityRef: string; hash: string }>,
    removed: readonly string[],
  ): Promise<void> {
    for (const batch of chunks(upserts)) {
      await this.knex(REACH_NODES_TABLE)
        .insert(batch.map(n => ({ entity_ref: n.entityRef, hash: n.hash })))
        .onConflict('entity_ref')
        .merge(['hash']);
    }
    for (const batch of chunks(removed)) {
      await this.knex(REACH_NODES_TABLE).whereIn('entity_ref', batch).delete();
    }
  }

  async reachDepths(): Promise<Map<string, number>> {
    const rows: Array<{ agent_ref: string; depth: number | string }> =
      await this.knex(REACH_TABLE).select('agent_ref', 'depth');
    return new Map(rows.map(r => [r.agent_ref, num(r.depth)]));
  }

  async agentsOn(entityRefs: readonly string[]): Promise<string[]> {
    const agents = new Set<string>();
    for (const batch of chunks(entityRefs)) {
      const rows: Array<{ agent_ref: string }> = await this.knex(
        REACH_INDEX_TABLE,
      )
        .distinct('agent_ref')
        .whereIn('entity_ref', batch);
      rows.forEach(r => agents.add(r.agent_ref));
    }
    return [...agents];
  }

  async writeReach(
    writes: readonly ReachWrite[],
    computedAt: string,
  ): Promise<void> {
    for (const batch of chunks(writes, 100)) {
      await this.knex.transaction(async tx => {
        const refs = batch.map(w => w.agentRef);
        await tx(REACH_INDEX_TABLE).whereIn('agent_ref', refs).delete();
        await tx(REACH_TABLE)
          .insert(
            batch.map(w => ({
              agent_ref: w.agentRef,
              depth: w.depth,
              entity_count: w.entities.length,
              reach: JSON.stringify(w.entities),
              computed_at: computedAt,
            })),
          )
          .onConflict('agent_ref')
          .merge(['depth', 'entity_count', 'reach', 'computed_at']);
        const indexRows = batch.flatMap(w =>
          w.index.map(e => ({
            entity_ref: e.entityRef,
            agent_ref: w.agentRef,
            distance: e.distance,
            system: e.system,
            missing: e.missing,
          })),
        );
        for (const rows of chunks(indexRows, BATCH_SIZE)) {
          await tx(REACH_INDEX_TABLE).insert(rows);
        }
      });
    }
  }

  async deleteReach(agentRefs: readonly string[]): Promise<void> {
    for (const batch of chunks(agentRefs)) {
      await this.knex.transaction(async tx => {
        await tx(REACH_INDEX_TABLE).whereIn('agent_ref', batch).delete();
        await tx(REACH_TABLE).whereIn('agent_ref', batch).delete();
      });
    }
  }

  async getReach(
    agentRefs: readonly string[],
  ): Promise<Map<string, StoredReach>> {
    const out = new Map<string, StoredReach>();
    for (const batch of chunks(agentRefs)) {
      const rows: Array<{
        agent_ref: string;
        depth: number | string;
        reach: string;
        computed_at: string;
      }> = await this.knex(REACH_TABLE)
        .select('agent_ref', 'depth', 'reach', 'computed_at')
        .whereIn('agent_ref', batch);
      for (const row of rows) {
        out.set(row.agent_ref, {
          agentRef: row.agent_ref,
          depth: num(row.depth),
          entities: JSON.parse(row.reach) as ReachedEntity[],
          computedAt: row.computed_at,
        });
      }
    }
    return out;
  }

  /** The index rows of agents in view (all agents when no visible set). */
  private visibleAgents(
    query: Knex.QueryBuilder,
    visibleRefs: readonly string[] | undefined,
  ) {
    if (visibleRefs) {
      const inView = this.knex(SCORES_TABLE).select('entity_ref');
      applyAgentFilter(inView, { visibleRefs }, isPostgres(this.knex));
      query.whereIn(`${REACH_INDEX_TABLE}.agent_ref`, inView);
    }
  }

  async reachedBy(
    entityRef: string,
    options: { visibleRefs?: readonly string[]; limit: number },
  ): Promise<{ totalCount: number; items: ReachingAgentRow[] }> {
    const base = () => {
      const query = this.knex(REACH_INDEX_TABLE)
        .join(
          SCORES_TABLE,
          `${SCORES_TABLE}.entity_ref`,
          `${REACH_INDEX_TABLE}.agent_ref`,
        )
        .where(`${REACH_INDEX_TABLE}.entity_ref`, entityRef)
        .where(`${REACH_INDEX_TABLE}.missing`, false);
      this.visibleAgents(query, options.visibleRefs);
      return query;
    };
    const [count] = await base().count({ count: '*' });
    const rows: Array<{
      agent_ref: string;
      title: string;
      score: number | string | null;
      severity: string | null;
      status: string;
    }> = await base()
      .select(
        `${REACH_INDEX_TABLE}.agent_ref`,
        `${SCORES_TABLE}.title`,
        `${SCORES_TABLE}.score`,
        `${SCORES_TABLE}.severity`,
        `${SCORES_TABLE}.status`,
      )
      .orderBy([
        { column: `${SCORES_TABLE}.score_sort`, order: 'desc' },
        { column: `${REACH_INDEX_TABLE}.agent_ref`, order: 'asc' },
      ])
      .limit(options.limit);
    return {
      totalCount: num(count.count),
      items: rows.map(r => ({
        agentRef: r.agent_ref,
        title: r.title,
        score: numOrNull(r.score),
        severity: r.severity as Severity | null,
        status: r.status,
      })),
    };
  }

  async reachedByCount(
    entityRefs: readonly string[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>(entityRefs.map(ref => [ref, 0]));
    for (const batch of chunks(entityRefs)) {
      const rows: Array<{ entity_ref: string; count: number | string }> =
        await this.knex(REACH_INDEX_TABLE)
          .select('entity_ref')
          .count({ count: '*' })
          .whereIn('entity_ref', batch)
          .where('missing', false)
          .groupBy('entity_ref');
      rows.forEach(r => out.set(r.entity_ref, num(r.count)));
    }
    return out;
  }

  async exposure(options: {
    visibleRefs?: readonly string[];
    limit: number;
  }): Promise<SystemExposureRow[]> {
    // One row per (system, agent), then counted per system and band.
    const perAgent = this.knex(REACH_INDEX_TABLE)
      .join(
        SCORES_TABLE,
        `${SCORES_TABLE}.entity_ref`,
        `${REACH_INDEX_TABLE}.agent_ref`,
      )
      .whereNotNull(`${REACH_INDEX_TABLE}.system`)
      .where(`${REACH_INDEX_TABLE}.missing`, false)
      .whereIn(`${SCORES_TABLE}.severity`, ['critical', 'high'])
      .distinct(
        `${REACH_INDEX_TABLE}.system as system`,
        `${REACH_INDEX_TABLE}.agent_ref as agent_ref`,
        `${SCORES_TABLE}.severity as severity`,
      );
    this.visibleAgents(perAgent, options.visibleRefs);
    const rows: Array<{
      system: string;
      critical: number | string;
      high: number | string;
    }> = await this.knex
      .from(perAgent.as('exposed'))
      .select(
        'system',
        this.knex.raw(
          "SUM(CASE WHEN severity = 'critical' THEN 1 ELSE 0 END) AS critical",
        ),
        this.knex.raw(
          "SUM(CASE WHEN severity = 'high' THEN 1 ELSE 0 END) AS high",
        ),
      )
      .groupBy('system')
      .orderByRaw(
        "SUM(CASE WHEN severity = 'critical' THEN 1 ELSE 0 END) DESC, COUNT(*) DESC, system ASC",
      )
      .limit(options.limit);
    return rows.map(r => ({
      system: r.system,
      critical: num(r.critical),
      high: num(r.high),
    }));
  }
}
