import { Knex } from 'knex';
import { ScoreHistoryEntry } from '@agent-risk/plugin-agent-risk-common';
import { AUDIT_TABLE, HISTORY_TABLE, numOrNull } from '../tables';
import { KnexTombstones } from '../tombstones/KnexTombstones';
import { AgentScoreWrite } from '../types';
import { ScoreHistoryStore } from './ScoreHistoryStore';

export class KnexScoreHistoryStore implements ScoreHistoryStore {
  constructor(
    private readonly knex: Knex,
    private readonly tombstones: KnexTombstones,
  ) {}

  /** Appends one entry per score, inside the score store's transaction. */
  async append(
    tx: Knex.Transaction,
    scores: readonly AgentScoreWrite[],
    computedAt: string,
  ): Promise<void> {
    if (scores.length === 0) {
      return;
    }
    await tx(HISTORY_TABLE).insert(
      scores.map(s => ({
        entity_ref: s.record.entityRef,
        computed_at: computedAt,
        model: s.record.model,
        status: s.record.status,
        score: s.record.score,
        severity: s.record.severity,
        input_hash: s.inputHash,
        ssvc_outcome: s.record.ssvc?.outcome ?? null,
      })),
    );
  }

  /**
   * The agent's history since its latest registry deletion: a registry agent
   * deleted and registered again is a new agent (spec section 11), so the
   * earlier one's scores are not its history. The rows stay for the trends,
   * which count the earlier agent on its days.
   */
  async getHistory(entityRef: string): Promise<ScoreHistoryEntry[]> {
    const rows = await this.knex(HISTORY_TABLE)
      .select('computed_at', 'model', 'status', 'score', 'severity')
      .where({ entity_ref: entityRef })
      .whereNotExists(deleted =>
        deleted
          .select(this.knex.raw('1'))
          .from(AUDIT_TABLE)
          .where({ entity_ref: entityRef, action: 'delete' })
          .where('at', '>=', this.knex.ref(`${HISTORY_TABLE}.computed_at`)),
      )
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

  /**
   * An agent unchanged for longer than the retention keeps its latest entry
   * (its current state); a tombstone's history goes once it has expired.
   */
  async pruneHistory(before: string): Promise<number> {
    const H = HISTORY_TABLE;
    const prunable = () =>
      this.knex(H).where(q =>
        q
          .where(old =>
            old
              .where('computed_at', '<', before)
              .whereExists(newer =>
                newer
                  .select(this.knex.raw('1'))
                  .from(`${H} as newer`)
                  .whereRaw(
                    `newer.entity_ref = ${H}.entity_ref AND (newer.computed_at > ${H}.computed_at OR (newer.computed_at = ${H}.computed_at AND newer.id > ${H}.id))`,
                  ),
              ),
          )
          .orWhereIn('entity_ref', this.tombstones.expiredRefs(before)),
      );
    // Look first, so a sync with nothing to prune issues no write at all.
    if (!(await prunable().select('id').first())) {
      return 0;
    }
    return this.knex.transaction(async tx => {
      const pruned = await prunable().transacting(tx).delete();
      await this.tombstones.deleteExpired(tx, before);
      return pruned;
    });
  }

  async analyze(): Promise<void> {
    await this.knex.raw(`ANALYZE ${HISTORY_TABLE}`);
  }
}
