import Big from 'big.js';
import {
  AGENTIC_FACTOR_IDS,
  AgenticFactorId,
  getAgenticFactor,
} from './factors';
import {
  MITIGATION_FACTOR_KEYWORDS,
  MitigationFactorKeyword,
} from './multipliers';
import {
  computeScore,
  SCORING_MODELS,
  ScoringInputs,
  ScoringModelId,
} from './scoring';

/**
 * A score as its parts: the CVSS base, the agentic uplift the factors add on
 * top (before mitigation) and the mitigation's effect (zero or negative).
 * The parts add up to the score exactly (each is a difference of one-decimal scores).
 *
 * @public
 */
export interface ScoreParts {
  /** The score these add up to. */
  score: number;
  /** The CVSS base. */
  cvssBase: number;
  /** What the agentic factors add. */
  agenticUplift: number;
  /** What the mitigation factor takes off. */
  mitigationEffect: number;
}

/**
 * One change to an agent's inputs and the score it would have.
 *
 * @public
 */
export interface ScoreLever {
  /** Stable id, e.g. `mitigation:strong`, `factor:autonomy-of-action`, `factors:all`. */
  id: string;
  /** What the lever changes. */
  kind: 'mitigation' | 'factor' | 'all-factors';
  /** What to change, in words: "strong mitigation", "Autonomy of action at 0". */
  label: string;
  /** The value now. */
  from: number;
  /** The value it would take. */
  to: number;
}

/** Mitigation levels from weakest to strongest, as the annotation spells them. */
const MITIGATION_LEVELS = Object.keys(
  MITIGATION_FACTOR_KEYWORDS,
) as MitigationFactorKeyword[];

const sum = (values: number[]) =>
  values.reduce((total, value) => total + value, 0);

/**
 * Splits a score into CVSS base, agentic uplift and mitigation effect.
 *
 * @public
 */
export function scoreParts(
  inputs: ScoringInputs,
  model: ScoringModelId,
): ScoreParts {
  const { score } = computeScore(inputs, model);
  const unmitigated = SCORING_MODELS[model].usesMitigation
    ? computeScore({ ...inputs, mitigationFactor: 1 }, model).score
    : score;
  return {
    score,
    cvssBase: inputs.cvssBase,
    agenticUplift: difference(unmitigated, inputs.cvssBase),
    mitigationEffect: difference(score, unmitigated),
  };
}

/**
 * The changes that lower the score most, each with the score it leads to
 * (e.g. "strong mitigation: 9.2 → 6.1"): stronger mitigation levels than the
 * current one, each agentic factor at 0, and all factors at 0. Changes that
 * do not lower the score are left out; the biggest drop comes first.
 *
 * @public
 */
export function scoreLevers(
  inputs: ScoringInputs,
  model: ScoringModelId,
  limit = 5,
): ScoreLever[] {
  const from = computeScore(inputs, model).score;
  const levers: ScoreLever[] = [];
  const add = (
    lever: Omit<ScoreLever, 'from' | 'to'>,
    changed: ScoringInputs,
  ) => {
    const to = computeScore(changed, model).score;
    if (to < from) {
      levers.push({ ...lever, from, to });
    }
  };

  if (SCORING_MODELS[model].usesMitigation) {
    for (const level of MITIGATION_LEVELS) {
      const factor = Number(MITIGATION_FACTOR_KEYWORDS[level]);
      if (factor < inputs.mitigationFactor) {
        add(
          {
            id: `mitigation:${level}`,
            kind: 'mitigation',
            label: `${level} mitigation`,
          },
          { ...inputs, mitigationFactor: factor },
        );
      }
    }
  }
  for (const id of AGENTIC_FACTOR_IDS) {
    if (inputs.factors[id] > 0) {
      add(
        {
          id: `factor:${id}`,
          kind: 'factor',
          label: `${getAgenticFactor(id).title} at 0`,
        },
        { ...inputs, factors: { ...inputs.factors, [id]: 0 } },
      );
    }
  }
  if (sum(AGENTIC_FACTOR_IDS.map(id => inputs.factors[id])) > 0) {
    add(
      { id: 'factors:all', kind: 'all-factors', label: 'every factor at 0' },
      {
        ...inputs,
        factors: Object.fromEntries(
          AGENTIC_FACTOR_IDS.map(id => [id, 0]),
        ) as Record<AgenticFactorId, number>,
      },
    );
  }
  // Biggest drop first; ties keep the order above (mitigation, factors, all).
  return levers
    .map((lever, order) => ({ lever, order }))
    .sort((a, b) => a.lever.to - b.lever.to || a.order - b.order)
    .slice(0, limit)
    .map(({ lever }) => lever);
}

/** a − b in exact decimals: both have one decimal, so the difference does too. */
function difference(a: number, b: number): number {
  return new Big(String(a)).minus(String(b)).toNumber();
}
