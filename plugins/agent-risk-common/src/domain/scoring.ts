import Big from 'big.js';
import { clamp, round1 } from './decimal';
import { AIVSS_ANNOTATIONS } from './annotations';
import { AGENTIC_FACTOR_IDS, AgenticFactorId } from './factors';
import { AgentAssessment, FieldError, parseAssessment } from './parse';
import { Severity, severityOf } from './severity';

/**
 * The scoring models an org can choose (spec section 3).
 *
 * @public
 */
export const SCORING_MODEL_IDS = [
  'aivss-0.8',
  'aivss-0.8-floor',
  'aivss-0.5',
] as const;
/**
 * A scoring model's id.
 *
 * @public
 */
export type ScoringModelId = (typeof SCORING_MODEL_IDS)[number];
/** @public */
export const DEFAULT_SCORING_MODEL: ScoringModelId = 'aivss-0.8';

/**
 * One scoring model.
 *
 * @public
 */
export interface ScoringModelDefinition {
  /** The model id. */
  id: ScoringModelId;
  /** Display title. */
  title: string;
  /** The formula, in plain text. */
  formula: string;
  /** Whether the mitigation factor counts. */
  usesMitigation: boolean;
}

/**
 * The scoring models by id.
 *
 * @public
 */
export const SCORING_MODELS: Record<ScoringModelId, ScoringModelDefinition> = {
  'aivss-0.8': {
    id: 'aivss-0.8',
    title: 'OWASP AIVSS v0.8',
    formula: 'AIVSS = round1((C + (10 − C) × S/10 × T) × M)',
    usesMitigation: true,
  },
  'aivss-0.8-floor': {
    id: 'aivss-0.8-floor',
    title: 'OWASP AIVSS v0.8 with CVSS floor',
    formula: 'AIVSS = max(C, min(10, round1(C + (10 − C) × S/10 × T × M)))',
    usesMitigation: true,
  },
  'aivss-0.5': {
    id: 'aivss-0.5',
    title: 'OWASP AIVSS v0.5',
    formula: 'AIVSS = round1(((C + S) / 2) × T)',
    usesMitigation: false,
  },
};

/**
 * True for a scoring model id.
 *
 * @public
 */
export function isScoringModelId(value: unknown): value is ScoringModelId {
  return (SCORING_MODEL_IDS as readonly unknown[]).includes(value);
}

/**
 * Complete numeric inputs of a score: what the what-if panel moves.
 *
 * @public
 */
export interface ScoringInputs {
  /** CVSS base score, 0..10. */
  cvssBase: number;
  /** The agentic factor values, 0..1. */
  factors: Record<AgenticFactorId, number>;
  /** The threat multiplier. */
  threatMultiplier: number;
  /** The mitigation factor. */
  mitigationFactor: number;
}

/**
 * How a score was reached.
 *
 * @public
 */
export interface ScoreBreakdown {
  /** AIVSS score 0..10. */
  score: number;
  /** Its severity band. */
  severity: Severity;
  /** Agentic uplift, unrounded (show with two decimals). */
  aars: number;
  /** Sum of the agentic factors. */
  factorSum: number;
  /** Each factor's contribution to the score, in score points. */
  contributions: Record<AgenticFactorId, number>;
}

const big = (n: number) => new Big(String(n));

/** S, the exact decimal sum of the factor values. */
const sumFactors = (values: readonly number[]) =>
  values.reduce((sum, f) => sum.plus(big(f)), new Big(0));

/**
 * Computes an AIVSS score with the given model, in exact decimal arithmetic,
 * rounding half up to one decimal and clamping to [0, 10].
 *
 * @public
 */
export function computeScore(
  inputs: ScoringInputs,
  model: ScoringModelId,
): ScoreBreakdown {
  const c = big(inputs.cvssBase);
  const t = big(inputs.threatMultiplier);
  const m = big(inputs.mitigationFactor);
  const s = sumFactors(AGENTIC_FACTOR_IDS.map(id => inputs.factors[id]));
  const headroom = new Big(10).minus(c);

  let aars: Big;
  let score: Big;
  let perFactorWeight: Big;
  switch (model) {
    case 'aivss-0.5':
      // v0.5 uses the plain factor sum as its agentic term and ignores M.
      aars = s;
      score = round1(c.plus(s).div(2).times(t));
      perFactorWeight = t.div(2);
      break;
    case 'aivss-0.8-floor': {
      aars = headroom.times(s.div(10)).times(t);
      const uplifted = clamp(round1(c.plus(aars.times(m))), 0, 10);
      score = uplifted.lt(c) ? c : uplifted;
      perFactorWeight = headroom.div(10).times(t).times(m);
      break;
    }
    case 'aivss-0.8':
    default:
      aars = headroom.times(s.div(10)).times(t);
      score = round1(c.plus(aars).times(m));
      perFactorWeight = headroom.div(10).times(t).times(m);
      break;
  }
  const finalScore = clamp(score, 0, 10).toNumber();
  const contributions = {} as Record<AgenticFactorId, number>;
  for (const id of AGENTIC_FACTOR_IDS) {
    contributions[id] = perFactorWeight
      .times(big(inputs.factors[id]))
      .toNumber();
  }
  return {
    score: finalScore,
    severity: severityOf(finalScore),
    aars: aars.toNumber(),
    factorSum: s.toNumber(),
    contributions,
  };
}

/**
 * Whether an agent could be scored.
 *
 * @public
 */
export type ScoreStatus = 'scored' | 'incomplete' | 'invalid';
/**
 * The score statuses, in order.
 *
 * @public
 */
export const SCORE_STATUSES: readonly ScoreStatus[] = [
  'scored',
  'incomplete',
  'invalid',
];

/**
 * The result of scoring one agent: the shape of the CLI's JSON lines.
 *
 * @public
 */
export interface ScoreResult {
  /** Whether the agent was scored, or why not. */
  status: ScoreStatus;
  /** The scoring model used. */
  model: ScoringModelId;
  /** Only set when `status` is `scored`. */
  score: number | null;
  /** The severity band; null unless scored. */
  severity: Severity | null;
  /** The CVSS base used. */
  cvssBase: number | null;
  /** True when the CVSS base was assumed. */
  cvssAssumed: boolean;
  /** The agentic uplift (AARS), unrounded. */
  aars: number | null;
  /** Sum of the agentic factors. */
  factorSum: number | null;
  /** The threat multiplier used. */
  threatMultiplier: number | null;
  /** The mitigation factor used. */
  mitigationFactor: number | null;
  /** Each factor's contribution in score points. */
  contributions: Partial<Record<AgenticFactorId, number>>;
  /** What is missing or malformed, each naming its field. */
  errors: FieldError[];
}

/**
 * Options of the scoring.
 *
 * @public
 */
export interface ScoreOptions {
  /** The scoring model; `aivss-0.8` when absent. */
  model?: ScoringModelId;
  /** Org-wide CVSS base used for agents without a CVSS input. */
  assumedCvssBase?: number;
}

/**
 * Scores a parsed assessment; invalid beats incomplete, and only `scored` has a number.
 *
 * @public
 */
export function scoreAssessment(
  parsed: {
    assessment: AgentAssessment;
    missing: FieldError[];
    invalid: FieldError[];
  },
  options: ScoreOptions = {},
): ScoreResult {
  const model = options.model ?? DEFAULT_SCORING_MODEL;
  const { assessment } = parsed;
  let missing = parsed.missing;
  let cvssBase = assessment.cvssBase;
  let cvssAssumed = false;
  // Only an absent CVSS input is assumed; a malformed one stays an error.
  const cvssAbsent = missing.some(e => e.field === AIVSS_ANNOTATIONS.cvssBase);
  if (cvssAbsent && options.assumedCvssBase !== undefined) {
    cvssBase = options.assumedCvssBase;
    cvssAssumed = true;
    missing = missing.filter(e => e.field !== AIVSS_ANNOTATIONS.cvssBase);
  }
  const errors = [...parsed.invalid, ...missing];
  let status: ScoreStatus = 'scored';
  if (parsed.invalid.length > 0) {
    status = 'invalid';
  } else if (missing.length > 0) {
    status = 'incomplete';
  }
  const base: ScoreResult = {
    status,
    model,
    score: null,
    severity: null,
    cvssBase: cvssBase ?? null,
    cvssAssumed,
    aars: null,
    factorSum: null,
    threatMultiplier: assessment.threatMultiplier.value,
    mitigationFactor: assessment.mitigationFactor.value,
    contributions: {},
    errors,
  };
  if (status !== 'scored' || cvssBase === undefined) {
    const known = Object.values(assessment.factors);
    if (known.length === AGENTIC_FACTOR_IDS.length) {
      base.factorSum = sumFactors(known).toNumber();
    }
    return base;
  }
  const breakdown = computeScore(
    {
      cvssBase,
      factors: assessment.factors as Record<AgenticFactorId, number>,
      threatMultiplier: assessment.threatMultiplier.value,
      mitigationFactor: assessment.mitigationFactor.value,
    },
    model,
  );
  return {
    ...base,
    score: breakdown.score,
    severity: breakdown.severity,
    aars: breakdown.aars,
    factorSum: breakdown.factorSum,
    contributions: breakdown.contributions,
  };
}

/**
 * Parses and scores annotations in one step: what the CLI, backend and processor call.
 *
 * @public
 */
export function scoreAnnotations(
  annotations: Record<string, string | undefined> | undefined,
  options: ScoreOptions = {},
): ScoreResult & { assessment: AgentAssessment } {
  const parsed = parseAssessment(annotations);
  return { ...scoreAssessment(parsed, options), assessment: parsed.assessment };
}
