import {
  RiskTrendPoint,
  SCORE_STATUSES,
  ScoreStatus,
  Severity,
  SEVERITIES,
  SSVC_OUTCOMES,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { TrendRemoval, TrendStateChange } from '../database/trends/TrendStore';

export interface DailyTrendInput {
  /**
   * Every change of the agents in scope from `firstDay` on, plus each agent's
   * last change before it (its state when the range starts); any order.
   */
  changes: readonly TrendStateChange[];
  removals: readonly TrendRemoval[];
  /** `YYYY-MM-DD`, UTC. */
  firstDay: string;
  days: number;
  /** Counts only agents whose state that day matches (the ranking's filters). */
  severity?: readonly Severity[];
  status?: readonly ScoreStatus[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Midnight UTC starting the day `offset` days after `day`, as ISO 8601. */
export function startOfDay(day: string, offset = 0): string {
  return new Date(
    Date.parse(`${day}T00:00:00.000Z`) + offset * DAY_MS,
  ).toISOString();
}

/**
 * Replays stored history day by day: each point is the state of every agent
 * at the end of its UTC day (its latest change before midnight), leaving out
 * agents not yet assessed then and agents removed by then. Linear in the
 * number of changes plus days.
 */
export function dailyTrend(input: DailyTrendInput): RiskTrendPoint[] {
  type Event =
    | { at: string; order: number; change: TrendStateChange }
    | { at: string; order: number; removal: TrendRemoval };
  // A removal at the same instant as a change happened after it.
  const events: Event[] = [
    ...input.changes.map((change, order) => ({ at: change.at, order, change })),
    ...input.removals.map((removal, i) => ({
      at: removal.at,
      order: input.changes.length + i,
      removal,
    })),
  ].sort((a, b) => compareText(a.at, b.at) || a.order - b.order);

  const matches = (state: TrendStateChange) =>
    (!input.status?.length || input.status.includes(state.status)) &&
    (!input.severity?.length ||
      (state.severity !== null && input.severity.includes(state.severity)));

  const current = new Map<string, TrendStateChange>();
  const point = zeroPoint('');
  const count = (state: TrendStateChange, delta: 1 | -1) => {
    if (!matches(state)) {
      return;
    }
    point.totalAgents += delta;
    point.byStatus[state.status] += delta;
    if (state.severity !== null && state.severity in point.bySeverity) {
      point.bySeverity[state.severity] += delta;
    }
    const outcome = state.ssvcOutcome ?? 'none';
    if (outcome in point.bySsvcOutcome) {
      point.bySsvcOutcome[outcome] += delta;
    }
  };

  const points: RiskTrendPoint[] = [];
  let next = 0;
  for (let day = 0; day < input.days; day++) {
    const end = startOfDay(input.firstDay, day + 1);
    while (next < events.length && events[next].at < end) {
      const event = events[next++];
      const ref =
        'change' in event ? event.change.entityRef : event.removal.entityRef;
      const before = current.get(ref);
      if (before) {
        count(before, -1);
        current.delete(ref);
      }
      if ('change' in event) {
        current.set(ref, event.change);
        count(event.change, 1);
      }
    }
    points.push({
      date: startOfDay(input.firstDay, day).slice(0, 10),
      totalAgents: point.totalAgents,
      bySeverity: { ...point.bySeverity },
      byStatus: { ...point.byStatus },
      bySsvcOutcome: { ...point.bySsvcOutcome },
    });
  }
  return points;
}

/** Code-point order: ISO 8601 UTC times of one format sort as text. */
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function zeroPoint(date: string): RiskTrendPoint {
  return {
    date,
    totalAgents: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
      Severity,
      number
    >,
    byStatus: Object.fromEntries(SCORE_STATUSES.map(s => [s, 0])) as Record<
      ScoreStatus,
      number
    >,
    bySsvcOutcome: Object.fromEntries(
      [...[...SSVC_OUTCOMES].reverse(), 'none'].map(o => [o, 0]),
    ) as Record<SsvcOutcome | 'none', number>,
  };
}
