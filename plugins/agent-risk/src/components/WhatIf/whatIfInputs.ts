import {
  AGENTIC_FACTOR_IDS,
  AgenticFactorId,
  AgentRiskRecord,
  ScoringInputs,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * The record's own inputs as a starting point for the what-if panel, or
 * undefined when any is missing: a missing factor is never taken as 0.
 */
export function initialWhatIfInputs(
  record: AgentRiskRecord,
): ScoringInputs | undefined {
  if (
    record.cvssBase === null ||
    record.threatMultiplier === null ||
    record.mitigationFactor === null
  ) {
    return undefined;
  }
  const factors = {} as Record<AgenticFactorId, number>;
  for (const id of AGENTIC_FACTOR_IDS) {
    const value = record.factors[id];
    if (value === undefined || value === null) {
      return undefined;
    }
    factors[id] = value;
  }
  return {
    cvssBase: record.cvssBase,
    factors,
    threatMultiplier: record.threatMultiplier,
    mitigationFactor: record.mitigationFactor,
  };
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
