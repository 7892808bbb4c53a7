import { AGENTIC_FACTOR_IDS, AgenticFactorId } from '../factors';
import { MITIGATION_FACTOR_KEYWORDS } from '../multipliers';
import { SCORING_MODELS, ScoreResult } from '../scoring';

/** What a reason reads: a score result and the factor values. */
type ReasonInput = ScoreResult & {
  factors: Partial<Record<AgenticFactorId, number>>;
};

/** A factor value from which the reason calls the factor high (0.7 of 1). */
export const HIGH_FACTOR_VALUE = 0.7;
/** At most this many high factors are named; the rest are counted. */
const MAX_NAMED_FACTORS = 3;

/** Short names that fit a one-line reason. */
const SHORT_FACTOR_NAMES: Record<AgenticFactorId, string> = {
  'autonomy-of-action': 'autonomy',
  'goal-driven-planning': 'planning',
  'self-modification': 'self-modification',
  'dynamic-tool-use': 'tool use',
  'persistent-memory': 'memory',
  'contextual-awareness': 'context',
  'dynamic-identity': 'identity',
  'multi-agent-interactions': 'multi-agent',
  'non-determinism': 'non-determinism',
  'opacity-reflexivity': 'opacity',
};

const MITIGATION_WORDS: Record<string, string> = {
  none: 'no mitigation',
  partial: 'partial mitigation',
  strong: 'strong mitigation',
  'adversarial-tested': 'adversarially tested mitigation',
};

/** "a", "a and b", "a, b and c". */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) {
    return words.join('');
  }
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function factorPart(input: ReasonInput): string {
  // Largest contribution first: the factors that move the score most lead.
  const high = AGENTIC_FACTOR_IDS.filter(
    id => (input.factors[id] ?? 0) >= HIGH_FACTOR_VALUE,
  ).sort(
    (a, b) =>
      (input.contributions[b] ?? 0) - (input.contributions[a] ?? 0) ||
      AGENTIC_FACTOR_IDS.indexOf(a) - AGENTIC_FACTOR_IDS.indexOf(b),
  );
  if (high.length === 0) {
    return 'no agentic factor high';
  }
  const named = high
    .slice(0, MAX_NAMED_FACTORS)
    .map(id => SHORT_FACTOR_NAMES[id]);
  const more = high.length - named.length;
  if (more > 0) {
    named.push(`${more} more`);
  }
  return `${joinWords(named)} high`;
}

function mitigationPart(input: ReasonInput): string | null {
  const m = input.mitigationFactor;
  if (m === null || !SCORING_MODELS[input.model]?.usesMitigation) {
    return null;
  }
  // 1.00 is "none" and "weak" alike: either way no credit is given.
  if (m >= 1) {
    return MITIGATION_WORDS.none;
  }
  const keyword = Object.entries(MITIGATION_FACTOR_KEYWORDS).find(
    ([, value]) => Number(value) === m,
  )?.[0];
  return keyword && MITIGATION_WORDS[keyword]
    ? `${MITIGATION_WORDS[keyword]} (×${m.toFixed(2)})`
    : `mitigation ×${m.toFixed(2)}`;
}

function threatPart(input: ReasonInput): string | null {
  const t = input.threatMultiplier;
  if (t === null) {
    return null;
  }
  // The default (a proof of concept, ×0.97) says nothing worth a word.
  if (t >= 1) {
    return 'actively attacked';
  }
  return t <= 0.5 ? 'no reported exploit' : null;
}

/**
 * One line on what a score is made of, e.g. "CVSS base 8.0, autonomy and
 * tool use high, no mitigation": the CVSS base, the agentic factors at or
 * above 0.7 of 1 (largest contribution first), and the
 * mitigation and exploit state when they move the score. Null unless
 * scored. The API, the CSV and the UI all show this line.
 *
 * @public
 */
export function scoreReason(
  input: ScoreResult & { factors: Partial<Record<AgenticFactorId, number>> },
): string | null {
  if (input.status !== 'scored' || input.cvssBase === null) {
    return null;
  }
  const cvss = `CVSS base ${input.cvssBase.toFixed(1)}${
    input.cvssAssumed ? ' (assumed)' : ''
  }`;
  return [cvss, factorPart(input), mitigationPart(input), threatPart(input)]
    .filter((part): part is string => part !== null)
    .join(', ');
}
