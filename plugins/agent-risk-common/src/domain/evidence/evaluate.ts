import { AgenticFactorId } from '../factors';
import { EvidenceFinding } from '../facts';
import { boundFacts, EvidenceFacts } from './facts';
import { EVIDENCE_RULES, EvidenceRule } from './rules';

/**
 * The findings the evidence rules draw from an agent's facts and its
 * declared factors (spec 9.2): a rule with a bound that the declared value
 * is below (or that is not declared) is a finding `understated`; a rule
 * without a bound is a finding whenever it sees something. Never throws.
 *
 * @public
 */
export function evaluateEvidence(
  facts: EvidenceFacts,
  declared: Partial<Record<AgenticFactorId, number>>,
  rules: readonly EvidenceRule[] = EVIDENCE_RULES,
): EvidenceFinding[] {
  const findings: EvidenceFinding[] = [];
  for (const rule of rules) {
    const value = rule.factor === null ? undefined : declared[rule.factor];
    const declaredValue =
      typeof value === 'number' && Number.isFinite(value) ? value : null;
    if (
      rule.bound !== null &&
      declaredValue !== null &&
      declaredValue >= rule.bound
    ) {
      continue; // the assessment already says so: nothing to look at
    }
    const seen = rule.saw(facts);
    if (seen.length === 0) continue;
    findings.push({
      rule: rule.id,
      factor: rule.factor,
      bound: rule.bound,
      declared: rule.factor === null ? null : declaredValue,
      facts: boundFacts(seen),
    });
  }
  return findings;
}

/**
 * Whether a finding says a declared factor is below what the facts show.
 *
 * @public
 */
export function isUnderstatedFinding(finding: EvidenceFinding): boolean {
  return finding.factor !== null && finding.bound !== null;
}

/**
 * The declared factors with each understated one raised to its highest
 * bound: the what-if "score with evidence". Factors no finding bounds are
 * returned as declared; the input is not changed.
 *
 * @public
 */
export function applyEvidence(
  factors: Partial<Record<AgenticFactorId, number>>,
  findings: readonly EvidenceFinding[],
): Partial<Record<AgenticFactorId, number>> {
  const result: Partial<Record<AgenticFactorId, number>> = { ...factors };
  for (const finding of findings) {
    if (!isUnderstatedFinding(finding)) continue;
    const factor = finding.factor as AgenticFactorId;
    const current = result[factor];
    if (current === undefined || current < (finding.bound as number)) {
      result[factor] = finding.bound as number;
    }
  }
  return result;
}
