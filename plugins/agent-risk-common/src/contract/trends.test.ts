import type { RiskTrendPoint } from './api';
import { firstTrackedIndex, trendChange } from './trends';

const point = (
  date: string,
  critical: number,
  high: number,
  incomplete = 0,
): RiskTrendPoint => ({
  date,
  totalAgents: critical + high + incomplete,
  bySeverity: { critical, high, medium: 0, low: 0, none: 0 },
  byStatus: { scored: critical + high, incomplete, invalid: 0 },
  bySsvcOutcome: {
    Immediate: 0,
    'Out-of-Cycle': 0,
    Scheduled: 0,
    Defer: 0,
    none: critical + high + incomplete,
  },
});

describe('trendChange', () => {
  const points = Array.from({ length: 40 }, (_, i) =>
    point(`2026-01-${String(i + 1).padStart(2, '0')}`, i < 10 ? 1 : 4, 2),
  );

  it('compares the last point with the one that many days before', () => {
    expect(trendChange(points, 30)).toEqual({
      since: points[9].date,
      totalAgents: 3,
      bySeverity: { critical: 3, high: 0, medium: 0, low: 0, none: 0 },
    });
    expect(trendChange(points, 20).bySeverity.critical).toBe(0);
  });

  it('falls back to the earliest point when the trend is shorter', () => {
    expect(trendChange(points.slice(5), 90).since).toBe(points[5].date);
  });

  it('compares with the first day of history, never with the empty days before it', () => {
    const empty = point('2025-12-31', 0, 0);
    const started = [
      ...Array.from({ length: 20 }, (_, i) => ({
        ...empty,
        date: `2025-12-${String(i + 1).padStart(2, '0')}`,
      })),
      ...points.slice(0, 15),
    ];
    expect(firstTrackedIndex(started)).toBe(20);
    expect(trendChange(started, 30)).toEqual({
      since: points[0].date,
      totalAgents: 3,
      bySeverity: { critical: 3, high: 0, medium: 0, low: 0, none: 0 },
    });
    // History that starts on the last day has nothing before it to compare.
    expect(
      trendChange([...started.slice(0, 20), points[0]], 30).since,
    ).toBeNull();
    expect(firstTrackedIndex([empty, empty])).toBe(2);
    expect(trendChange([empty, empty], 30).since).toBeNull();
  });

  it('has nothing to compare with one point or none', () => {
    expect(trendChange(points.slice(0, 1), 30).since).toBeNull();
    expect(trendChange([], 30)).toEqual({
      since: null,
      totalAgents: 0,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, none: 0 },
    });
  });
});
