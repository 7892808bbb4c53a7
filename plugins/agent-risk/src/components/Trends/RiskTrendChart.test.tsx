import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { RiskTrendPoint } from '@agent-risk/plugin-agent-risk-common';
import { formatDate } from '../shared/format';
import { RiskTrendChart, trackedPoints } from './RiskTrendChart';

const day = (i: number) =>
  new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);

/** `days` points; the first `untracked` hold no agent, the rest 2 Critical and 1 High. */
function trend(days: number, untracked: number): RiskTrendPoint[] {
  return Array.from({ length: days }, (_, i) => {
    const critical = i < untracked ? 0 : 2;
    const high = i < untracked ? 0 : 1;
    return {
      date: day(i),
      totalAgents: critical + high,
      bySeverity: { critical, high, medium: 0, low: 0, none: 0 },
      byStatus: { scored: critical + high, incomplete: 0, invalid: 0 },
      bySsvcOutcome: {
        Immediate: 0,
        'Out-of-Cycle': 0,
        Scheduled: 0,
        Defer: 0,
        none: critical + high,
      },
    };
  });
}

describe('RiskTrendChart', () => {
  it('compares with the first day of history, not with the empty days before it', async () => {
    const points = trend(90, 80);
    // One more Critical on the last day.
    points[89] = {
      ...points[89],
      totalAgents: 4,
      bySeverity: { ...points[89].bySeverity, critical: 3 },
    };
    await renderInTestApp(<RiskTrendChart points={points} />);
    expect(screen.getByTestId('risk-trend-change')).toHaveTextContent(
      `1 more Critical, no change in High than on ${formatDate(day(80))}.`,
    );
  });

  it('says the history starts today with its counts, and draws no empty 90-day axis', async () => {
    const { container } = await renderInTestApp(
      <RiskTrendChart points={trend(90, 89)} />,
    );
    expect(screen.getByTestId('risk-trend-change')).toHaveTextContent(
      'History starts today: 2 Critical, 1 High, 0 Medium, 0 Low.',
    );
    expect(
      container.querySelector('.recharts-responsive-container'),
    ).toBeNull();
  });

  it('draws from the first day of history, not from the start of the window', () => {
    const points = trend(90, 80);
    expect(trackedPoints(points).map(p => p.date)).toEqual(
      points.slice(80).map(p => p.date),
    );
  });

  it('says there is no history when no day has an agent', async () => {
    await renderInTestApp(<RiskTrendChart points={trend(90, 90)} />);
    expect(
      screen.getByText('No history yet: the trend starts with the first sync.'),
    ).toBeInTheDocument();
  });
});
