/*
 * Risk acceptance (spec section 7): an owner asks to accept an agent's
 * current risk until a date, with a justification; an approver approves. It
 * ends by itself at its expiry, and when the agent's severity rises.
 */
import { Severity, SEVERITIES } from './severity';

/**
 * The states of a risk acceptance, in the order they may be reached.
 *
 * @public
 */
export const ACCEPTANCE_STATES = [
  'pending',
  'accepted',
  'expired',
  'revoked',
] as const;

/**
 * A risk acceptance's state.
 *
 * @public
 */
export type AcceptanceState = (typeof ACCEPTANCE_STATES)[number];

/**
 * Longest an acceptance may run unless `agentRisk.acceptance.maxDays` says otherwise.
 *
 * @public
 */
export const DEFAULT_ACCEPTANCE_MAX_DAYS = 365;

/**
 * The state of an acceptance at `now`: a pending or accepted one whose
 * expiry has passed is expired, whether or not the backend has recorded it yet.
 *
 * @public
 */
export function acceptanceStateAt(
  acceptance: { state: AcceptanceState; expiresAt: string },
  now: Date,
): AcceptanceState {
  if (
    (acceptance.state === 'pending' || acceptance.state === 'accepted') &&
    Date.parse(acceptance.expiresAt) <= now.getTime()
  ) {
    return 'expired';
  }
  return acceptance.state;
}

/**
 * Whether `now` is a higher band than `then` (a rise ends an acceptance).
 *
 * @public
 */
export function severityRose(
  then: Severity | null,
  now: Severity | null,
): boolean {
  if (!then || !now) {
    return false;
  }
  // SEVERITIES runs from the highest band down.
  return SEVERITIES.indexOf(now) < SEVERITIES.indexOf(then);
}
