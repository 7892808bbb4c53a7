import Big from 'big.js';
import type { EntityAnnotations, FieldError } from '../parse';
import { SSVC_FACTORS, SsvcCategory } from './annotations';
import {
  classifyAgent,
  round2,
  SsvcAgentClass,
  SsvcCategoryTotal,
  ssvcLikelihood,
  SsvcOutcome,
  ssvcOutcome,
  ssvcRiskScore,
} from './model';
import { parseSsvc, SsvcInputs } from './parse';

/**
 * `none`: no SSVC annotation; `incomplete`: some are missing (named in
 * `errors`); `invalid`: a value is malformed (beats incomplete); `scored`.
 *
 * @public
 */
export type SsvcStatus = 'none' | 'scored' | 'incomplete' | 'invalid';

/**
 * The AIVSS-SSVC result of one agent, as spec section 10.1 names it. Each
 * value is set when all of its own inputs are valid: the category averages,
 * class and exposure once the ten factors are; the likelihood once threat and
 * vulnerability are; the risk score and outcome only when `scored`.
 *
 * @public
 */
export interface SsvcResult {
  /** Whether the decision could be made, or why not. */
  status: SsvcStatus;
  /** The unrounded averages decide the class; these are rounded to two decimals as OWASP shows them. */
  categoryAverages: Record<SsvcCategory, number> | null;
  /** The agent class decided. */
  agentClass: SsvcAgentClass | null;
  /** The class's exposure multiplier: Copilot 2, Specialist 4, Prime Mover 8. */
  exposure: number | null;
  /** P(threat) × P(vulnerability), two decimals. */
  likelihood: number | null;
  /** Likelihood × exposure × impact, two decimals. */
  riskScore: number | null;
  /** From OWASP's threat × class × impact table; sets the due date (`ssvcDueAt`). */
  outcome: SsvcOutcome | null;
  /** Malformed values first, then missing ones; each names its annotation. */
  errors: FieldError[];
}

function categoryTotals(
  factors: SsvcInputs['factors'],
): Record<SsvcCategory, SsvcCategoryTotal> | undefined {
  const totals: Record<SsvcCategory, SsvcCategoryTotal> = {
    A: { sum: 0, count: 0 },
    B: { sum: 0, count: 0 },
    C: { sum: 0, count: 0 },
  };
  for (const factor of SSVC_FACTORS) {
    const rating = factors[factor.id];
    if (rating === undefined) {
      return undefined;
    }
    totals[factor.category].sum += rating;
    totals[factor.category].count += 1;
  }
  return totals;
}

const average = (t: SsvcCategoryTotal) => round2(new Big(t.sum).div(t.count));

/**
 * Parses and computes an agent's AIVSS-SSVC assessment. Never throws.
 *
 * @public
 */
export function scoreSsvc(annotations: EntityAnnotations): SsvcResult {
  const { present, inputs, missing, invalid } = parseSsvc(annotations);
  const result: SsvcResult = {
    status: 'scored',
    categoryAverages: null,
    agentClass: null,
    exposure: null,
    likelihood: null,
    riskScore: null,
    outcome: null,
    errors: [...invalid, ...missing],
  };
  if (!present) {
    return { ...result, status: 'none' };
  }
  if (invalid.length > 0) {
    result.status = 'invalid';
  } else if (missing.length > 0) {
    result.status = 'incomplete';
  }

  const totals = categoryTotals(inputs.factors);
  const agent = totals && classifyAgent(totals);
  if (totals && agent) {
    result.categoryAverages = {
      A: average(totals.A),
      B: average(totals.B),
      C: average(totals.C),
    };
    result.agentClass = agent.agentClass;
    result.exposure = agent.exposure;
  }
  const { threat, vulnerability, impact } = inputs;
  const likelihood =
    threat && vulnerability ? ssvcLikelihood(threat, vulnerability) : undefined;
  if (likelihood) {
    result.likelihood = round2(likelihood);
  }
  if (result.status === 'scored' && agent && likelihood && threat && impact) {
    result.riskScore = round2(
      ssvcRiskScore(likelihood, agent.exposure, impact),
    );
    result.outcome = ssvcOutcome(threat, agent.agentClass, impact);
  }
  return result;
}

/**
 * The SSVC problems of an agent's annotations that are the entity's fault:
 * every malformed value, and, once any SSVC annotation is given, the missing
 * ones. An agent without SSVC annotations has none (SSVC is optional).
 *
 * @public
 */
export function findSsvcProblems(rawAnnotations: unknown): FieldError[] {
  const annotations =
    rawAnnotations &&
    typeof rawAnnotations === 'object' &&
    !Array.isArray(rawAnnotations)
      ? (rawAnnotations as Record<string, string | undefined>)
      : undefined;
  const { invalid, missing } = parseSsvc(annotations);
  return [...invalid, ...missing];
}
