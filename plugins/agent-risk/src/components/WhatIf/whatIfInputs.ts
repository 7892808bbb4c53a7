import {
  AGENTIC_FACTOR_IDS,
  AgenticFactorId,
  AgentRiskRecord,
  DEFAULT_MITIGATION_FACTOR,
  DEFAULT_THREAT_MULTIPLIER,
  MITIGATION_FACTOR_KEYWORDS,
  THREAT_MULTIPLIER_KEYWORDS,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * The record's inputs as far as they are known: the what-if panel starts
 * from them and asks for the rest. A missing or rejected factor stays
 * undefined (never taken as 0) until the user sets it.
 */
export interface PartialWhatIfInputs {
  factors: Partial<Record<AgenticFactorId, number>>;
  cvssBase: number | undefined;
  threatMultiplier: number;
  mitigationFactor: number;
}

export function initialWhatIfInputs(
  record: AgentRiskRecord,
): PartialWhatIfInputs {
  const factors: Partial<Record<AgenticFactorId, number>> = {};
  for (const id of AGENTIC_FACTOR_IDS) {
    const value = record.factors[id];
    if (value !== undefined && value !== null) {
      factors[id] = value;
    }
  }
  return {
    factors,
    cvssBase: record.cvssBase ?? undefined,
    // A rejected multiplier falls back to the spec default, as when absent.
    threatMultiplier:
      record.threatMultiplier ??
      Number(THREAT_MULTIPLIER_KEYWORDS[DEFAULT_THREAT_MULTIPLIER]),
    mitigationFactor:
      record.mitigationFactor ??
      Number(MITIGATION_FACTOR_KEYWORDS[DEFAULT_MITIGATION_FACTOR]),
  };
}

/** All ten factors, or undefined while any is still unset. */
export function completeFactors(
  factors: Partial<Record<AgenticFactorId, number>>,
): Record<AgenticFactorId, number> | undefined {
  return AGENTIC_FACTOR_IDS.every(id => factors[id] !== undefined)
    ? (factors as Record<AgenticFactorId, number>)
    : undefined;
}

/** The keyword whose number equals `value` (first match), or 'custom'. */
export function keywordFor(
  keywords: Record<string, string>,
  value: number,
): string {
  return (
    Object.keys(keywords).find(k => Number(keywords[k]) === value) ?? 'custom'
  );
}

/** Parses a number typed by the user, or undefined when out of range. */
export function parseInRange(
  text: string,
  min: number,
  max: number,
): number | undefined {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}
