import { Knex } from 'knex';
import { BATCH_SIZE, NOTIFICATIONS_TABLE, SCORES_TABLE } from '../tables';
import {
  AgentNotification,
  NotificationOutbox,
  PendingAgentNotification,
  UnnotifiedOverdueReview,
} from './NotificationOutbox';

/** The outbox in `agent_risk_notifications`, on SQLite and PostgreSQL. */
export class KnexNotificationOutbox implements NotificationOutbox {
  constructor(private readonly knex: Knex) {}

  async record(
    notifications: readonly AgentNotification[],
    recordedAt: string,
  ): Promise<number> {
    let recorded = 0;
    for (let i = 0; i < notifications.length; i += BATCH_SIZE) {
      const rows = notifications.slice(i, i + BATCH_SIZE).map(n => ({
        entity_ref: n.entityRef,
        kind: n.kind,
        subject: n.subject,
        recipient: n.recipient,
        payload: JSON.stringify(n.payload),
        created_at: recordedAt,
      }));
      // The unique event key makes a second record of the same event a no-op.
      const inserted = await this.knex(NOTIFICATIONS_TABLE)
        .insert(rows)
        .onConflict(['entity_ref', 'kind', 'subject'])
        .ignore()
        .returning('id');
      recorded += inserted.length;
    }
    return recorded;
  }

  async listPending(
    limit: number,
    maxAttempts: number,
  ): Promise<PendingAgentNotification[]> {
    const rows = await this.knex(NOTIFICATIONS_TABLE)
      .select(
        'id',
        'entity_ref',
        'kind',
        'subject',
        'recipient',
        'payload',
        'attempts',
      )
      .whereNull('sent_at')
      .andWhere('attempts', '<', maxAttempts)
      .orderBy('id', 'asc')
      .limit(limit);
    return rows.map(row => ({
      id: Number(row.id),
      entityRef: row.entity_ref,
      kind: row.kind,
      subject: row.subject,
      recipient: row.recipient,
      payload: JSON.parse(row.payload),
      attempts: Number(row.attempts),
    }));
  }

  async claim(
    id: number,
    claimedAt: string,
    staleBefore: string,
  ): Promise<boolean> {
    const updated = await this.knex(NOTIFICATIONS_TABLE)
      .where({ id })
      .whereNull('sent_at')
      .andWhere(q =>
        q.whereNull('claimed_at').orWhere('claimed_at', '<', staleBefore),
      )
      .update({ claimed_at: claimedAt });
    return updated === 1;
  }

  async markSent(id: number, sentAt: string): Promise<void> {
    await this.knex(NOTIFICATIONS_TABLE)
      .where({ id })
      .update({ sent_at: sentAt, attempts: this.knex.raw('attempts + 1') });
  }

  async markFailedAttempt(id: number): Promise<void> {
    await this.knex(NOTIFICATIONS_TABLE)
      .where({ id })
      .update({
        attempts: this.knex.raw('attempts + 1'),
        claimed_at: null,
      });
  }

  async listUnnotifiedOverdueReviews(
    cutoff: string,
    kind: string,
  ): Promise<UnnotifiedOverdueReview[]> {
    const rows = await this.knex(`${SCORES_TABLE} as s`)
      .select('s.entity_ref', 's.title', 's.owner', 's.reviewed_at')
      .whereNotNull('s.reviewed_at')
      .andWhere('s.reviewed_at', '<', cutoff)
      .whereNotExists(
        this.knex(`${NOTIFICATIONS_TABLE} as n`)
          .select(this.knex.raw('1'))
          .whereRaw('n.entity_ref = s.entity_ref')
          .andWhere('n.kind', kind)
          .andWhereRaw('n.subject = s.reviewed_at'),
      )
      .orderBy('s.entity_ref', 'asc');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      title: row.title,
      owner: row.owner === '' ? null : row.owner,
      reviewedAt: row.reviewed_at,
    }));
  }
}
