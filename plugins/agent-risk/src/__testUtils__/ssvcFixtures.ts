import {
  scoreSsvc,
  SSVC_ANNOTATIONS,
  SSVC_FACTORS,
  SsvcDetail,
  ssvcDueAt,
} from '@agent-risk/plugin-agent-risk-common';

/** OWASP's calculator's default worked example, as annotations. */
export const SSVC_WORKED_EXAMPLE: Record<string, string> = {
  [SSVC_ANNOTATIONS.threat]: 'poc',
  [SSVC_ANNOTATIONS.vulnerability]: 'moderate',
  [SSVC_ANNOTATIONS.impact]: 'critical',
  ...Object.fromEntries(
    SSVC_FACTORS.map((f, i) => [
      f.annotation,
      String([4, 4, 4, 4, 3, 3, 3, 2, 3, 2][i]),
    ]),
  ),
};

/**
 * The detail's `ssvc` as the backend serves it, computed by the common core
 * so the numbers in tests are the real ones; null without SSVC annotations.
 */
export function ssvcDetailFor(
  annotations: Record<string, string>,
  assessedAt: string,
  now = new Date(),
): SsvcDetail | null {
  const result = scoreSsvc(annotations);
  if (result.status === 'none') {
    return null;
  }
  const due = result.outcome
    ? ssvcDueAt(new Date(assessedAt), result.outcome)
    : null;
  return {
    status: result.status,
    outcome: result.outcome,
    agentClass: result.agentClass,
    riskScore: result.riskScore,
    assessedAt,
    dueAt: due?.toISOString() ?? null,
    overdue: due !== null && due.getTime() < now.getTime(),
    categoryAverages: result.categoryAverages,
    exposure: result.exposure,
    likelihood: result.likelihood,
    errors: result.errors,
  };
}
