import { ssvcDueAt } from '@agent-risk/plugin-agent-risk-common';
import { AgentScoreWrite, StoredSsvc } from '../types';

/** The sort key of an agent without a due date: after every real one. */
export const NO_DUE_DATE_SORT = '9999-12-31T23:59:59.999Z';

/** What the store kept of an agent's SSVC inputs. */
export interface StoredSsvcInputs {
  ssvc_inputs_hash: string | null;
  ssvc_seen_at: string | null;
}

/** An agent's SSVC decision, dated, and when the store first saw its inputs. */
export interface DatedSsvc {
  ssvc: StoredSsvc | null;
  seenAt: string | null;
}

/**
 * Dates a scored SSVC decision (spec section 10.1). The assessment date is
 * the agent's reviewedAt when set, else when the store first saw the current
 * SSVC inputs: kept across writes while the inputs stay the same, so a sync
 * does not move a deadline. The due date is the assessment date plus the
 * outcome's days; Defer, and a decision without an outcome, have none.
 */
export function datedSsvc(
  score: AgentScoreWrite,
  stored: StoredSsvcInputs | undefined,
  computedAt: string,
): DatedSsvc {
  const scored = score.record.ssvc;
  if (!scored) {
    return { ssvc: null, seenAt: null };
  }
  const seenAt =
    stored?.ssvc_seen_at && stored.ssvc_inputs_hash === score.ssvcInputsHash
      ? stored.ssvc_seen_at
      : computedAt;
  const assessedAt = score.record.reviewedAt ?? seenAt;
  const due = scored.outcome
    ? ssvcDueAt(new Date(assessedAt), scored.outcome)
    : null;
  return {
    ssvc: { ...scored, assessedAt, dueAt: due ? due.toISOString() : null },
    seenAt,
  };
}
