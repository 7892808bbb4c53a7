import {
  AcceptanceState,
  RiskAcceptance,
} from '@agent-risk/plugin-agent-risk-common';
import { NewAuditEntry } from '../audit/AuditStore';

/**
 * A stored risk acceptance.
 *
 * @public
 */
export interface StoredAcceptance extends RiskAcceptance {
  id: number;
  /** Lower-case `kind:namespace/name`. */
  entityRef: string;
  scoreAtRequest: number | null;
  /** The registry agent's registration it was granted to; null for a YAML agent. */
  registrationId: string | null;
}

/**
 * A change of state: only applied while the acceptance is in one of `from`,
 * so two approvers (or an approver and the expiry sweep) cannot both win.
 *
 * @public
 */
export interface AcceptanceTransition {
  id: number;
  from: readonly AcceptanceState[];
  to: AcceptanceState;
  at: string;
  approvedBy?: string;
  endedReason?: string;
}

/**
 * Risk acceptances, one row per acceptance asked for; an agent's latest is
 * its current one. Each change commits with its audit entry.
 *
 * @public
 */
export interface AcceptanceStore {
  /** The latest acceptance of each of these refs that has one. */
  latest(entityRefs: readonly string[]): Promise<Map<string, StoredAcceptance>>;
  /**
   * Adds a pending acceptance unless the agent has a pending or accepted
   * one (`'active-exists'`).
   */
  insert(
    acceptance: Omit<StoredAcceptance, 'id'>,
    audit: NewAuditEntry,
  ): Promise<StoredAcceptance | 'active-exists'>;
  /** Applies the transition; undefined when the acceptance was no longer in `from`. */
  transition(
    change: AcceptanceTransition,
    audit: NewAuditEntry,
  ): Promise<StoredAcceptance | undefined>;
  /** Every pending or accepted acceptance: what the expiry sweep looks at. */
  listActive(): Promise<StoredAcceptance[]>;
}
