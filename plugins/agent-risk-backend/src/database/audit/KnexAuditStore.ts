import { Knex } from 'knex';
import { AUDIT_TABLE } from '../tables';
import { AuditAction } from '@agent-risk/plugin-agent-risk-common';
import {
  AuditStore,
  NewAuditEntry,
  RegistryChange,
  StoredAuditEntry,
} from './AuditStore';

const REGISTRY_ACTIONS: AuditAction[] = ['create', 'update', 'delete'];

interface AuditRow {
  id: number | string;
  entity_ref: string;
  at: string;
  actor: string;
  action: string;
  reason: string;
  changes_json: string;
  registration_id: string | null;
}

/** The audit trail in the plugin's database (SQLite or PostgreSQL). */
export class KnexAuditStore implements AuditStore {
  constructor(private readonly knex: Knex) {}

  /** Appends inside the caller's transaction: the change and its entry commit together. */
  async append(entry: NewAuditEntry, tx: Knex.Transaction): Promise<void> {
    await tx(AUDIT_TABLE).insert({
      entity_ref: entry.entityRef,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      reason: entry.reason,
      changes_json: JSON.stringify(entry.changes),
      registration_id: entry.registrationId,
    });
  }

  async list(
    entityRef: string,
    page: { limit: number; beforeId?: number },
    registration: string | null | 'all',
  ): Promise<StoredAuditEntry[]> {
    const query = this.knex<AuditRow>(AUDIT_TABLE)
      .where('entity_ref', entityRef)
      .orderBy('id', 'desc')
      .limit(page.limit);
    if (registration === null) {
      query.whereNull('registration_id');
    } else if (registration !== 'all') {
      query.where('registration_id', registration);
    }
    if (page.beforeId !== undefined) {
      query.where('id', '<', page.beforeId);
    }
    const rows: AuditRow[] = await query;
    return rows.map(row => ({
      id: Number(row.id),
      entityRef: row.entity_ref,
      at: row.at,
      actor: row.actor,
      action: row.action as StoredAuditEntry['action'],
      reason: row.reason,
      changes: JSON.parse(row.changes_json),
      registrationId: row.registration_id ?? null,
    }));
  }

  async latestId(): Promise<number> {
    const row = await this.knex(AUDIT_TABLE).max({ id: 'id' }).first();
    return Number(row?.id ?? 0);
  }

  async changesSince(
    afterId: number,
    limit: number,
  ): Promise<RegistryChange[]> {
    const rows: Array<Pick<AuditRow, 'id' | 'entity_ref'>> =
      await this.knex<AuditRow>(AUDIT_TABLE)
        .select('id', 'entity_ref')
        .where('id', '>', afterId)
        // Acceptance steps change no entity: the provider follows registry changes only.
        .whereIn('action', REGISTRY_ACTIONS)
        .orderBy('id', 'asc')
        .limit(limit);
    return rows.map(row => ({ id: Number(row.id), entityRef: row.entity_ref }));
  }
}
