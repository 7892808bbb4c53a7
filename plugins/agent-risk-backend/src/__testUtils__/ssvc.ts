import {
  SSVC_ANNOTATIONS,
  SSVC_FACTORS,
  SsvcImpactLevel,
  SsvcThreatLevel,
  SsvcVulnerabilityPosture,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * The annotations of an AIVSS-SSVC assessment: three decision inputs and
 * the ten capability factors (one rating for all, or one each).
 */
export function ssvcAnnotations(
  threat: SsvcThreatLevel,
  vulnerability: SsvcVulnerabilityPosture,
  impact: SsvcImpactLevel,
  factors: number | number[],
): Record<string, string> {
  const annotations: Record<string, string> = {
    [SSVC_ANNOTATIONS.threat]: threat,
    [SSVC_ANNOTATIONS.vulnerability]: vulnerability,
    [SSVC_ANNOTATIONS.impact]: impact,
  };
  SSVC_FACTORS.forEach((factor, i) => {
    annotations[factor.annotation] = String(
      Array.isArray(factors) ? factors[i] : factors,
    );
  });
  return annotations;
}

/**
 * One assessment per outcome, from OWASP's table: all factors 5 make a Prime
 * Mover, all 1 a Copilot.
 */
export const SSVC_BY_OUTCOME = {
  Immediate: ssvcAnnotations('active', 'exposed', 'critical', 5),
  'Out-of-Cycle': ssvcAnnotations('poc', 'moderate', 'critical', 1),
  Scheduled: ssvcAnnotations('none', 'hardened', 'significant', 1),
  Defer: ssvcAnnotations('none', 'hardened', 'contained', 1),
} as const;
