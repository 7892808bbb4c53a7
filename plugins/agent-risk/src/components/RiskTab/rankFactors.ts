import {
  AGENTIC_FACTORS,
  AgenticFactorDefinition,
  AgenticFactorId,
} from '@agent-risk/plugin-agent-risk-common';
import { roundToHundredthsKeepingSum } from '../shared/format';

export interface RankedFactor extends AgenticFactorDefinition {
  value: number | undefined;
  contribution: number | undefined;
}

/**
 * The ten factors, most contributing first. Contributions come from the API
 * (or from `computeScore` in the what-if panel); factors without one keep the
 * spec's order at the end.
 */
export function rankFactors(
  values: Partial<Record<AgenticFactorId, number>>,
  contributions: Partial<Record<AgenticFactorId, number>>,
): RankedFactor[] {
  return AGENTIC_FACTORS.map((factor, index) => ({
    ...factor,
    index,
    value: values[factor.id],
    contribution: contributions[factor.id],
  }))
    .sort((a, b) => {
      const ca = a.contribution ?? -1;
      const cb = b.contribution ?? -1;
      return cb - ca || a.index - b.index;
    })
    .map(({ index: _index, ...factor }) => factor);
}

/**
 * The contributions as shown (two decimals), rounded so they add up to the
 * shown total; the Risk tab and the overview card both use it so they agree.
 */
export function shownContributions(rows: RankedFactor[]): {
  byFactor: Map<AgenticFactorId, number>;
  total: number;
} {
  const scored = rows.filter(r => r.contribution !== undefined);
  const { rounded, total } = roundToHundredthsKeepingSum(
    scored.map(r => r.contribution!),
  );
  return {
    byFactor: new Map(scored.map((r, i) => [r.id, rounded[i]])),
    total,
  };
}
