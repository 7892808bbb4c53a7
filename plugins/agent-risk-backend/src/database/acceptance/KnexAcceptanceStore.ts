import { Knex } from 'knex';
import {
  AcceptanceState,
  Severity,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AcceptanceStore,
  AcceptanceTransition,
  StoredAcceptance,
} from './AcceptanceStore';
import { NewAuditEntry } from '../audit/AuditStore';
import { KnexAuditStore } from '../audit/KnexAuditStore';
import { KnexSyncStateStore } from '../syncState/KnexSyncStateStore';
import { isUniqueViolation } from '../uniqueViolation';
import { ACCEPTANCE_TABLE, BATCH_SIZE, numOrNull } from '../tables';

const ACTIVE: AcceptanceState[] = ['pending', 'accepted'];

interface AcceptanceRow {
  id: number | string;
  entity_ref: string;
  state: string;
  justification: string;
  expires_at: string;
  requested_by: string;
  requested_at: string;
  approved_by: string | null;
  approved_at: string | null;
  severity_at_request: string | null;
  score_at_request: number | string | null;
  ended_at: string | null;
  ended_reason: string | null;
  registration_id: string | null;
}

function fromRow(row: AcceptanceRow): StoredAcceptance {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    state: row.state as AcceptanceState,
    justification: row.justification,
    expiresAt: row.expires_at,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    severityAtRequest: row.severity_at_request as Severity | null,
    scoreAtRequest: numOrNull(row.score_at_request),
    endedAt: row.ended_at,
    endedReason: row.ended_reason,
    registrationId: row.registration_id ?? null,
  };
}

/**
 * Risk acceptances in the plugin's database (SQLite or PostgreSQL). Every
 * change moves the data version too: an acceptance shows in the exports
 * kept per data version (the CSV's acceptance column).
 */
export class KnexAcceptanceStore implements AcceptanceStore {
  constructor(
    private readonly knex: Knex,
    private readonly audit: KnexAuditStore,
    private readonly state: Pick<KnexSyncStateStore, 'bumpDataVersion'>,
  ) {}

  async latest(
    entityRefs: readonly string[],
  ): Promise<Map<string, StoredAcceptance>> {
    const result = new Map<string, StoredAcceptance>();
    for (let i = 0; i < entityRefs.length; i += BATCH_SIZE) {
      const batch = entityRefs.slice(i, i + BATCH_SIZE) as string[];
      const rows: AcceptanceRow[] = await this.knex<AcceptanceRow>(
        ACCEPTANCE_TABLE,
      ).whereIn(
        'id',
        this.knex(ACCEPTANCE_TABLE)
          .max('id')
          .whereIn('entity_ref', batch)
          .groupBy('entity_ref'),
      );
      for (const row of rows) {
        result.set(row.entity_ref, fromRow(row));
      }
    }
    return result;
  }

  async insert(
    acceptance: Omit<StoredAcceptance, 'id'>,
    audit: NewAuditEntry,
  ): Promise<StoredAcceptance | 'active-exists'> {
    try {
      return await this.knex.transaction(async tx => {
        const [inserted] = await tx(ACCEPTANCE_TABLE)
          .insert({
            entity_ref: acceptance.entityRef,
            state: acceptance.state,
            justification: acceptance.justification,
            expires_at: acceptance.expiresAt,
            requested_by: acceptance.requestedBy,
            requested_at: acceptance.requestedAt,
            approved_by: acceptance.approvedBy,
            approved_at: acceptance.approvedAt,
            severity_at_request: acceptance.severityAtRequest,
            score_at_request: acceptance.scoreAtRequest,
            ended_at: acceptance.endedAt,
            ended_reason: acceptance.endedReason,
            registration_id: acceptance.registrationId,
          })
          .returning('id');
        const id = Number(
          typeof inserted === 'object'
            ? (inserted as { id: unknown }).id
            : inserted,
        );
        await this.audit.append(audit, tx);
        await this.state.bumpDataVersion(tx);
        return { ...acceptance, id };
      });
    } catch (error) {
      // The partial unique index: the agent has a pending or accepted one.
      if (isUniqueViolation(error)) {
        return 'active-exists';
      }
      throw error;
    }
  }

  async transition(
    change: AcceptanceTransition,
    audit: NewAuditEntry,
  ): Promise<StoredAcceptance | undefined> {
    return this.knex.transaction(async tx => {
      const ended = change.to === 'expired' || change.to === 'revoked';
      const count = await tx(ACCEPTANCE_TABLE)
        .where('id', change.id)
        .whereIn('state', change.from as AcceptanceState[])
        .update({
          state: change.to,
          ...(change.to === 'accepted'
            ? { approved_by: change.approvedBy ?? null, approved_at: change.at }
            : {}),
          ...(ended
            ? { ended_at: change.at, ended_reason: change.endedReason ?? null }
            : {}),
        });
      if (count === 0) {
        return undefined;
      }
      await this.audit.append(audit, tx);
      await this.state.bumpDataVersion(tx);
      const row = await tx<AcceptanceRow>(ACCEPTANCE_TABLE)
        .where('id', change.id)
        .first();
      return row ? fromRow(row) : undefined;
    });
  }

  /**
   * Revokes the agent's pending or accepted acceptance inside the caller's
   * transaction (its agent is being deleted), with an audit entry.
   */
  async endActive(
    tx: Knex.Transaction,
    entityRef: string,
    end: {
      at: string;
      actor: string;
      reason: string;
      registrationId: string | null;
    },
  ): Promise<void> {
    const active: AcceptanceRow[] = await tx<AcceptanceRow>(ACCEPTANCE_TABLE)
      .where('entity_ref', entityRef)
      .whereIn('state', ACTIVE);
    for (const row of active) {
      await tx(ACCEPTANCE_TABLE).where('id', row.id).update({
        state: 'revoked',
        ended_at: end.at,
        ended_reason: end.reason,
      });
      await this.audit.append(
        {
          entityRef,
          at: end.at,
          actor: end.actor,
          action: 'accept-revoke',
          reason: end.reason,
          changes: [
            { field: 'acceptance.state', before: row.state, after: 'revoked' },
          ],
          registrationId: row.registration_id ?? end.registrationId,
        },
        tx,
      );
    }
    if (active.length > 0) {
      await this.state.bumpDataVersion(tx);
    }
  }

  async listActive(): Promise<StoredAcceptance[]> {
    const rows: AcceptanceRow[] = await this.knex<AcceptanceRow>(
      ACCEPTANCE_TABLE,
    )
      .whereIn('state', ACTIVE)
      .orderBy('id');
    return rows.map(fromRow);
  }
}
