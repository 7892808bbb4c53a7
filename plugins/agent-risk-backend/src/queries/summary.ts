import {
  RiskSummary,
  SCORE_STATUSES,
  ScoreStatus,
  ScoringModelId,
  Severity,
  SEVERITIES,
  SSVC_OUTCOMES,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentAggregates } from '../database/types';

const HISTOGRAM_BUCKETS = 10;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Shapes the store's aggregates into `GET /summary`: counts by severity and
 * status, a roll-up per owner (riskiest first), and a histogram of ten
 * one-point buckets where 10.0 falls in the last.
 */
export function buildSummary(
  aggregates: AgentAggregates,
  model: ScoringModelId,
  lastSyncAt: string | null,
  ssvcOverdue: number,
): RiskSummary {
  // Most urgent first, as the leadership view lists them.
  const bySsvcOutcome = Object.fromEntries(
    [...[...SSVC_OUTCOMES].reverse(), 'none'].map(o => [o, 0]),
  ) as Record<SsvcOutcome | 'none', number>;
  for (const { outcome, count } of aggregates.bySsvcOutcome) {
    const key = outcome ?? 'none';
    if (key in bySsvcOutcome) {
      bySsvcOutcome[key] += count;
    }
  }
  const bySeverity = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
    Severity,
    number
  >;
  const byStatus = Object.fromEntries(
    SCORE_STATUSES.map(s => [s, 0]),
  ) as Record<ScoreStatus, number>;
  let totalAgents = 0;
  for (const row of aggregates.byStatusAndSeverity) {
    totalAgents += row.count;
    if (row.status in byStatus) {
      byStatus[row.status] += row.count;
    }
    if (row.severity && row.severity in bySeverity) {
      bySeverity[row.severity] += row.count;
    }
  }

  const histogram = Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => ({
    from: i,
    to: i + 1,
    count: 0,
  }));
  for (const { score, count } of aggregates.byScore) {
    const bucket = Math.min(
      Math.max(Math.floor(score), 0),
      HISTOGRAM_BUCKETS - 1,
    );
    histogram[bucket].count += count;
  }

  const byOwner = aggregates.byOwner
    .map(o => ({
      ...o,
      meanScore: o.meanScore === null ? null : round2(o.meanScore),
    }))
    .sort(
      (a, b) =>
        (b.maxScore ?? -1) - (a.maxScore ?? -1) ||
        b.agents - a.agents ||
        a.owner.localeCompare(b.owner),
    );

  return {
    model,
    totalAgents,
    bySeverity,
    byStatus,
    byOwner,
    histogram,
    lastSyncAt,
    bySsvcOutcome,
    ssvcOverdue,
    // Filled in by the service from the reach store.
    exposure: [],
  };
}
