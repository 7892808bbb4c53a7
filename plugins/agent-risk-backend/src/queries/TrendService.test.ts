import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity, TestAgentOptions } from '../__testUtils__/entities';
import { createAgentRiskDatabase } from '../database/AgentRiskDatabase';
import { toScoreWrite } from '../sync/toScoreWrite';
import { startOfDay } from './dailyTrend';
import { TrendService } from './TrendService';

const { databases } = setUpBackendTests();

const FIRST_DAY = '2026-01-01';
/** An instant on simulated day `n` (day 0 is FIRST_DAY). */
const onDay = (n: number, hour = 10) =>
  new Date(Date.parse(startOfDay(FIRST_DAY, n)) + hour * 3600_000);

const write = (options: TestAgentOptions) =>
  toScoreWrite(agentEntity(options), { model: 'aivss-0.8' });

describe.each(databases.eachSupportedId())('trends on %p', databaseId => {
  it('replays 90 simulated days of history, tombstones included', async () => {
    const knex = await databases.init(databaseId);
    const database = await createAgentRiskDatabase(knex);
    const store = database.scores;
    let clock = onDay(0);
    const trends = new TrendService(database.trends, () => clock);
    const at = (n: number) => onDay(n).toISOString();

    const alphaHigh = write({
      name: 'alpha',
      owner: 'group:default/team-a',
      cvssBase: '9.8',
      factor: '1.0',
    });
    const alphaLow = write({
      name: 'alpha',
      owner: 'group:default/team-a',
      cvssBase: '3.0',
      factor: '0.1',
    });
    const beta = write({
      name: 'beta',
      owner: 'group:default/team-b',
      cvssBase: '5.0',
      factor: '0.5',
    });
    const gamma = write({ name: 'gamma', owner: 'group:default/team-a' });
    expect(alphaHigh.record.severity).not.toBe(alphaLow.record.severity);
    expect(gamma.record.status).toBe('incomplete');

    await store.writeScores([alphaHigh, beta], at(0));
    await store.writeScores([alphaLow, beta], at(30));
    await store.writeScores([alphaLow, beta, gamma], at(45));
    await store.deleteAgents([beta.record.entityRef], at(60));
    // A sync that changes nothing appends nothing and moves no point.
    await store.writeScores([alphaLow, gamma], at(70));
    clock = onDay(89, 23);

    const all = await trends.getTrends(
      { days: 90, filters: {} },
      {
        type: 'all',
      },
    );
    expect(all.points).toHaveLength(90);
    expect(all.points[0].date).toBe(FIRST_DAY);
    expect(all.points[89].date).toBe('2026-03-31');
    const severities = (day: number) =>
      Object.entries(all.points[day].bySeverity)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${s}:${n}`)
        .sort();
    const expected = (...bands: Array<string | null>) => {
      const counts = new Map<string, number>();
      for (const s of bands) {
        if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      return [...counts].map(([s, n]) => `${s}:${n}`).sort();
    };
    for (const day of [0, 29]) {
      expect(all.points[day].totalAgents).toBe(2);
      expect(severities(day)).toEqual(
        expected(alphaHigh.record.severity, beta.record.severity),
      );
    }
    for (const day of [30, 44]) {
      expect(all.points[day].totalAgents).toBe(2);
      expect(severities(day)).toEqual(
        expected(alphaLow.record.severity, beta.record.severity),
      );
    }
    for (const day of [45, 59]) {
      expect(all.points[day].totalAgents).toBe(3);
      expect(all.points[day].byStatus).toEqual({
        scored: 2,
        incomplete: 1,
        invalid: 0,
      });
    }
    for (const day of [60, 89]) {
      expect(all.points[day].totalAgents).toBe(2);
      expect(severities(day)).toEqual(expected(alphaLow.record.severity));
    }

    // Per owner: the removed agent counts under the owner it had.
    const teamB = await trends.getTrends(
      { days: 90, filters: { owner: ['group:default/team-b'] } },
      { type: 'all' },
    );
    expect(teamB.points.map(p => p.totalAgents)).toEqual([
      ...Array(60).fill(1),
      ...Array(30).fill(0),
    ]);
    const teamA = await trends.getTrends(
      { days: 90, filters: { owner: ['group:default/team-a'] } },
      { type: 'all' },
    );
    expect(teamA.points.map(p => p.totalAgents)).toEqual([
      ...Array(45).fill(1),
      ...Array(45).fill(2),
    ]);

    // A shorter range starts from each agent's state before it.
    const lastMonth = await trends.getTrends(
      { days: 30, filters: {} },
      { type: 'all' },
    );
    expect(lastMonth.points[0].date).toBe('2026-03-02');
    expect(lastMonth.points).toEqual(all.points.slice(60));

    // The ranking's severity filter counts, each day, the agents in that band.
    const critical = await trends.getTrends(
      { days: 90, filters: { severity: [alphaHigh.record.severity!] } },
      { type: 'all' },
    );
    expect(critical.points[29].totalAgents).toBe(1);
    expect(critical.points[30].totalAgents).toBe(
      alphaLow.record.severity === alphaHigh.record.severity ? 1 : 0,
    );

    // A caller sees only the agents it may read.
    const restricted = await trends.getTrends(
      { days: 90, filters: {} },
      {
        type: 'some',
        refs: [alphaHigh.record.entityRef],
        fingerprint: 'alpha only',
      },
    );
    expect(restricted.points.map(p => p.totalAgents)).toEqual(
      Array(90).fill(1),
    );
    const nobody = await trends.getTrends(
      { days: 90, filters: {} },
      {
        type: 'none',
      },
    );
    expect(nobody.points.every(p => p.totalAgents === 0)).toBe(true);
  });
});
