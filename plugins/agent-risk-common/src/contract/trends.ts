import type { RiskTrendPoint } from './api';
import { Severity } from '../domain/severity';

/**
 * `GET /trends` answers at most this many days.
 *
 * @public
 */
export const TREND_MAX_DAYS = 365;
/**
 * Days answered when `days` is not given.
 *
 * @public
 */
export const TREND_DEFAULT_DAYS = 90;

/**
 * How a trend's last point differs from the point `daysAgo` days before it.
 *
 * @public
 */
export interface TrendChange {
  /** The earlier point's date, or null when the trend is too short. */
  since: string | null;
  /** The change in agents in view. */
  totalAgents: number;
  /** The change per severity band. */
  bySeverity: Record<Severity, number>;
}

/**
 * Where a trend's history starts: the index of its first point with any
 * agent. The days before it hold no stored history (before the first sync,
 * or before the view's first agent), so they show nothing and nothing is
 * compared with them. The trend's length when no point has an agent.
 *
 * @public
 */
export function firstTrackedIndex(points: readonly RiskTrendPoint[]): number {
  const index = points.findIndex(p => p.totalAgents > 0);
  return index === -1 ? points.length : index;
}

/**
 * The change from `daysAgo` days before the last point to the last point
 * (e.g. "3 more Critical than 30 days ago"); the first point with history
 * stands in when the history is shorter.
 *
 * @public
 */
export function trendChange(
  points: readonly RiskTrendPoint[],
  daysAgo: number,
): TrendChange {
  const last = points[points.length - 1];
  const earlier =
    points[
      Math.max(
        Math.min(firstTrackedIndex(points), points.length - 1),
        points.length - 1 - daysAgo,
      )
    ];
  if (!last || !earlier || earlier === last) {
    return {
      since: null,
      totalAgents: 0,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, none: 0 },
    };
  }
  const delta = (s: Severity) => last.bySeverity[s] - earlier.bySeverity[s];
  return {
    since: earlier.date,
    totalAgents: last.totalAgents - earlier.totalAgents,
    bySeverity: {
      critical: delta('critical'),
      high: delta('high'),
      medium: delta('medium'),
      low: delta('low'),
      none: delta('none'),
    },
  };
}
