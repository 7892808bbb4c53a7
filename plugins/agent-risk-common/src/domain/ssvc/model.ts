/*
 * OWASP's AIVSS-SSVC model, implemented from the calculator's own source:
 * `ssvc.html` of github.com/OWASP/www-project-artificial-intelligence-vulnerability-scoring-system
 * at commit 531a39dc8817517cf2107943d1f9c0a65a5ae4cb (2026-01-03, "Update ssvc"),
 * the file's last change at the repository's commit 62fb0be849b0 (2026-04-10).
 * The constants, the class rules (`classifyAgent`) and the outcome table
 * (`outcomeMatrix`) follow that script; dradis's Ruby port
 * (dradis/dradis-calculator_aivss-ssvc, v1.rb) carries the same table.
 *
 * Where OWASP's script uses binary floats, this uses exact decimals: every
 * input has at most two decimals, so the exact result is what OWASP's
 * `round2` shows, without float residue.
 */
import Big from 'big.js';
import {
  SsvcCategory,
  SsvcImpactLevel,
  SsvcThreatLevel,
  SsvcVulnerabilityPosture,
} from './annotations';

/** P(threat): the exploitation state. */
export const SSVC_THREAT_PROBABILITY: Record<SsvcThreatLevel, string> = {
  none: '0.2',
  poc: '0.5',
  active: '0.9',
};

/** P(vulnerability): how likely an attempt succeeds against the agent's controls. */
export const SSVC_VULNERABILITY_PROBABILITY: Record<
  SsvcVulnerabilityPosture,
  string
> = {
  hardened: '0.3',
  moderate: '0.5',
  exposed: '0.8',
};

/** The systemic impact value. */
export const SSVC_IMPACT_VALUE: Record<SsvcImpactLevel, number> = {
  contained: 2,
  significant: 5,
  critical: 10,
};

/**
 * The agent classes, by OWASP's labels.
 *
 * @public
 */
export const SSVC_AGENT_CLASSES = [
  'Copilot',
  'Specialist',
  'Prime Mover',
] as const;

/**
 * An agent's AIVSS-SSVC class.
 *
 * @public
 */
export type SsvcAgentClass = 'Copilot' | 'Specialist' | 'Prime Mover';
// The list and the type name the same classes.
SSVC_AGENT_CLASSES satisfies readonly SsvcAgentClass[];

/** The exposure multiplier of each class. */
export const SSVC_EXPOSURE: Record<SsvcAgentClass, number> = {
  Copilot: 2,
  Specialist: 4,
  'Prime Mover': 8,
};

/**
 * The decision outcomes, least urgent first.
 *
 * @public
 */
export const SSVC_OUTCOMES = [
  'Defer',
  'Scheduled',
  'Out-of-Cycle',
  'Immediate',
] as const;

/**
 * An AIVSS-SSVC outcome.
 *
 * @public
 */
export type SsvcOutcome = (typeof SSVC_OUTCOMES)[number];

/**
 * Days to act for each outcome (spec section 10.1: the upper end of OWASP's
 * timeline); `Defer` has no deadline.
 *
 * @public
 */
export const SSVC_OUTCOME_DAYS: Record<SsvcOutcome, number | null> = {
  Defer: null,
  Scheduled: 90,
  'Out-of-Cycle': 30,
  Immediate: 7,
};

/**
 * Which of OWASP's class rules decided, in the order the script tries them.
 * Two rules give Specialist and two give Copilot; the name says which.
 */
export type SsvcClassRule =
  | 'any-category-at-least-4'
  | 'two-categories-at-least-3'
  | 'all-categories-below-2.5'
  | 'strongest-at-least-3'
  | 'strongest-below-3';

/** The integer ratings of one category, summed: the average is sum / count. */
export interface SsvcCategoryTotal {
  sum: number;
  count: number;
}

/** avg ≥ threshold, decided on the integers (sum ≥ threshold × count), so exactly. */
function averageAtLeast(total: SsvcCategoryTotal, threshold: string): boolean {
  return new Big(total.sum).gte(new Big(threshold).times(total.count));
}

/**
 * The agent class from the three category totals, rule by rule as OWASP's
 * `classifyAgent` tries them. The thresholds compare the unrounded averages.
 */
export function classifyAgent(
  totals: Record<SsvcCategory, SsvcCategoryTotal>,
): {
  agentClass: SsvcAgentClass;
  exposure: number;
  rule: SsvcClassRule;
} {
  const all = [totals.A, totals.B, totals.C];
  const decide = (agentClass: SsvcAgentClass, rule: SsvcClassRule) => ({
    agentClass,
    exposure: SSVC_EXPOSURE[agentClass],
    rule,
  });
  if (all.some(t => averageAtLeast(t, '4'))) {
    return decide('Prime Mover', 'any-category-at-least-4');
  }
  if (all.filter(t => averageAtLeast(t, '3')).length >= 2) {
    return decide('Specialist', 'two-categories-at-least-3');
  }
  if (all.every(t => !averageAtLeast(t, '2.5'))) {
    return decide('Copilot', 'all-categories-below-2.5');
  }
  // OWASP's "mixed profile": the strongest category decides.
  if (all.some(t => averageAtLeast(t, '3'))) {
    return decide('Specialist', 'strongest-at-least-3');
  }
  return decide('Copilot', 'strongest-below-3');
}

type ClassKey = 'copilot' | 'specialist' | 'primemover';

const CLASS_KEY: Record<SsvcAgentClass, ClassKey> = {
  Copilot: 'copilot',
  Specialist: 'specialist',
  'Prime Mover': 'primemover',
};

type Row = Record<SsvcImpactLevel, SsvcOutcome>;

/** OWASP's `outcomeMatrix`: threat × class × impact. */
const OUTCOME_TABLE: Record<SsvcThreatLevel, Record<ClassKey, Row>> = {
  none: {
    copilot: {
      contained: 'Defer',
      significant: 'Scheduled',
      critical: 'Out-of-Cycle',
    },
    specialist: {
      contained: 'Scheduled',
      significant: 'Scheduled',
      critical: 'Out-of-Cycle',
    },
    primemover: {
      contained: 'Scheduled',
      significant: 'Out-of-Cycle',
      critical: 'Immediate',
    },
  },
  poc: {
    copilot: {
      contained: 'Scheduled',
      significant: 'Scheduled',
      critical: 'Out-of-Cycle',
    },
    specialist: {
      contained: 'Scheduled',
      significant: 'Out-of-Cycle',
      critical: 'Out-of-Cycle',
    },
    primemover: {
      contained: 'Out-of-Cycle',
      significant: 'Out-of-Cycle',
      critical: 'Immediate',
    },
  },
  active: {
    copilot: {
      contained: 'Out-of-Cycle',
      significant: 'Out-of-Cycle',
      critical: 'Immediate',
    },
    specialist: {
      contained: 'Out-of-Cycle',
      significant: 'Immediate',
      critical: 'Immediate',
    },
    primemover: {
      contained: 'Immediate',
      significant: 'Immediate',
      critical: 'Immediate',
    },
  },
};

/**
 * The outcome from the table, not from the score: the two may disagree by
 * design. (OWASP falls back to Scheduled for an unknown key; the types here
 * make every key known.)
 */
export function ssvcOutcome(
  threat: SsvcThreatLevel,
  agentClass: SsvcAgentClass,
  impact: SsvcImpactLevel,
): SsvcOutcome {
  return OUTCOME_TABLE[threat][CLASS_KEY[agentClass]][impact];
}

/** Half up to two decimals, as OWASP's `round2` shows positive values. */
export function round2(value: Big): number {
  return value.round(2, Big.roundHalfUp).toNumber();
}

/** The unrounded likelihood P(T) × P(V). */
export function ssvcLikelihood(
  threat: SsvcThreatLevel,
  vulnerability: SsvcVulnerabilityPosture,
): Big {
  return new Big(SSVC_THREAT_PROBABILITY[threat]).times(
    SSVC_VULNERABILITY_PROBABILITY[vulnerability],
  );
}

/** Risk score P(T) × P(V) × exposure × impact, from the unrounded likelihood as OWASP does. */
export function ssvcRiskScore(
  likelihood: Big,
  exposure: number,
  impact: SsvcImpactLevel,
): Big {
  return likelihood.times(exposure).times(SSVC_IMPACT_VALUE[impact]);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The due date of an outcome: the assessment date plus the outcome's days
 * (whole 24-hour days, so the same instant of day in UTC); null for `Defer`.
 *
 * @public
 */
export function ssvcDueAt(assessedAt: Date, outcome: SsvcOutcome): Date | null {
  const time = assessedAt.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError('Invalid assessedAt: not a date');
  }
  const days = SSVC_OUTCOME_DAYS[outcome];
  return days === null ? null : new Date(time + days * DAY_MS);
}
