import { AgentRiskService, countBefore } from './AgentRiskService';

describe('countBefore', () => {
  it('counts the sorted times before a time', () => {
    const times = [1, 2, 2, 5, 9];
    expect(countBefore(times, 0)).toBe(0);
    expect(countBefore(times, 2)).toBe(1);
    expect(countBefore(times, 3)).toBe(3);
    expect(countBefore(times, 10)).toBe(5);
    expect(countBefore([], 10)).toBe(0);
  });
});

describe("the summary's past-due count", () => {
  function setup() {
    const scores = {
      aggregate: jest.fn(async () => ({
        byStatusAndSeverity: [],
        byOwner: [],
        byScore: [],
        bySsvcOutcome: [],
      })),
      ssvcDueDates: jest.fn(async () => [
        '2026-12-10T00:00:00.000Z',
        '2026-12-01T00:00:00.000Z',
        'not a date',
      ]),
      countAgents: jest.fn(async () => 7),
    };
    let dataVersion = 1;
    const database = {
      scores,
      syncState: {
        getState: async () => ({ dataVersion, lastSyncAt: null }),
      },
      history: {},
    } as any;
    let now = new Date('2026-12-05T00:00:00Z');
    const service = new AgentRiskService({
      database,
      options: { model: 'aivss-0.8' },
      now: () => now,
    });
    return {
      service,
      scores,
      setNow: (date: string) => (now = new Date(date)),
      write: () => (dataVersion += 1),
    };
  }

  it('follows the time of reading from due dates read once per data version', async () => {
    const { service, scores, setNow, write } = setup();
    expect((await service.getSummary({ type: 'all' })).ssvcOverdue).toBe(1);
    // No write, but a due date passed: counted without reading again.
    setNow('2026-12-11T00:00:00Z');
    expect((await service.getSummary({ type: 'all' })).ssvcOverdue).toBe(2);
    expect(scores.ssvcDueDates).toHaveBeenCalledTimes(1);
    expect(scores.countAgents).not.toHaveBeenCalled();
    // A write makes a new data version: read again.
    write();
    await service.getSummary({ type: 'all' });
    expect(scores.ssvcDueDates).toHaveBeenCalledTimes(2);
  });

  it('counts a filtered summary in the database at the time of reading', async () => {
    const { service, scores } = setup();
    const summary = await service.getSummary(
      { type: 'all' },
      {
        severity: ['high'],
      },
    );
    expect(summary.ssvcOverdue).toBe(7);
    expect(scores.countAgents).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: ['high'],
        ssvcDueBefore: '2026-12-05T00:00:00.000Z',
      }),
    );
    expect(scores.ssvcDueDates).not.toHaveBeenCalled();
  });
});
