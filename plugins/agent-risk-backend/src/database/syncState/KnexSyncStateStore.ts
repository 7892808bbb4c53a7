import { Knex } from 'knex';
import { AgentRiskState } from '../types';
import { num, STATE_TABLE } from '../tables';
import { SyncStateStore } from './SyncStateStore';

/**
 * How long a state read is reused in this process. Every ranking, summary
 * and detail read needs the data version (it keys the cached counts and
 * aggregates), and a database round trip each time was a measurable part of
 * their CPU under load. This process's own changes show at once (they drop
 * the kept state when they commit); another replica's within this time.
 */
const DEFAULT_MAX_AGE_MS = 1000;

/** The one-row state table. */
export class KnexSyncStateStore implements SyncStateStore {
  private kept?: { at: number; state: Promise<AgentRiskState> };

  constructor(
    private readonly knex: Knex,
    private readonly maxAgeMs: number = DEFAULT_MAX_AGE_MS,
  ) {}

  getState(): Promise<AgentRiskState> {
    const now = Date.now();
    if (this.kept && now - this.kept.at < this.maxAgeMs) {
      return this.kept.state;
    }
    const state = this.readState();
    const kept = { at: now, state };
    this.kept = kept;
    // A failed read is never reused.
    state.catch(() => this.forget(kept));
    return state;
  }

  async setLastSyncAt(at: string): Promise<void> {
    await this.knex(STATE_TABLE).where({ id: 1 }).update({ last_sync_at: at });
    this.forget();
  }

  /** Called inside every transaction that changes stored scores. */
  async bumpDataVersion(tx: Knex.Transaction): Promise<void> {
    await tx(STATE_TABLE)
      .where({ id: 1 })
      .update({ data_version: tx.raw('data_version + 1') });
    // Read meanwhile, the old version may be kept: dropped again once the
    // change is visible to other connections (or rolled back).
    this.forget();
    tx.executionPromise.then(
      () => this.forget(),
      () => this.forget(),
    );
  }

  private async readState(): Promise<AgentRiskState> {
    const row = await this.knex(STATE_TABLE).where({ id: 1 }).first();
    return {
      dataVersion: num(row?.data_version ?? 0),
      lastSyncAt: row?.last_sync_at ?? null,
    };
  }

  /** Drops the kept state (only `only`, when given). */
  private forget(only?: { state: Promise<AgentRiskState> }) {
    if (!only || this.kept === only) {
      this.kept = undefined;
    }
  }
}
