import { Knex } from 'knex';
import { AgentRiskState } from '../types';
import { num, STATE_TABLE } from '../tables';
import { SyncStateStore } from './SyncStateStore';

/** The one-row state table. */
export class KnexSyncStateStore implements SyncStateStore {
  constructor(private readonly knex: Knex) {}

  async getState(): Promise<AgentRiskState> {
    const row = await this.knex(STATE_TABLE).where({ id: 1 }).first();
    return {
      dataVersion: num(row?.data_version ?? 0),
      lastSyncAt: row?.last_sync_at ?? null,
    };
  }

  async setLastSyncAt(at: string): Promise<void> {
    await this.knex(STATE_TABLE).where({ id: 1 }).update({ last_sync_at: at });
  }

  /** Called inside every transaction that changes stored scores. */
  async bumpDataVersion(tx: Knex.Transaction): Promise<void> {
    await tx(STATE_TABLE)
      .where({ id: 1 })
      .update({ data_version: tx.raw('data_version + 1') });
  }
}
