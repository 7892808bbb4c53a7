import { Knex } from 'knex';
import { BATCH_SIZE, REMOVED_TABLE } from '../tables';

/**
 * Agents removed from the catalog, and when: their history is kept until the
 * retention has passed since the removal. Only the score and history stores
 * use this, inside their own transactions, so it has no public interface.
 */
export class KnexTombstones {
  constructor(private readonly knex: Knex) {}

  /** Each removed agent keeps the owner it had, so trends per owner still count it. */
  async record(
    tx: Knex.Transaction,
    removed: ReadonlyArray<{ entityRef: string; owner: string | null }>,
    removedAt: string,
  ): Promise<void> {
    if (removed.length === 0) {
      return;
    }
    await tx(REMOVED_TABLE)
      .insert(
        removed.map(({ entityRef, owner }) => ({
          entity_ref: entityRef,
          removed_at: removedAt,
          owner,
        })),
      )
      .onConflict('entity_ref')
      .merge();
  }

  /** An agent that is back in the catalog is no longer a tombstone. */
  async forget(entityRefs: readonly string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      await this.knex(REMOVED_TABLE)
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH_SIZE))
        .delete();
    }
  }

  /** A subquery of the refs removed before `before`. */
  expiredRefs(before: string): Knex.QueryBuilder {
    return this.knex(REMOVED_TABLE)
      .select('entity_ref')
      .where('removed_at', '<', before);
  }

  async deleteExpired(tx: Knex.Transaction, before: string): Promise<void> {
    await tx(REMOVED_TABLE).where('removed_at', '<', before).delete();
  }
}
