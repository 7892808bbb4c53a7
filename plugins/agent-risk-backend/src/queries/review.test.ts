import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity } from '../__testUtils__/entities';
import { createAgentRiskDatabase } from '../database/AgentRiskDatabase';
import { toScoreWrite } from '../sync/toScoreWrite';
import { AgentRiskService } from './AgentRiskService';

const { databases } = setUpBackendTests();
const REVIEWED_AT = 'agent-risk.io/reviewed-at';

describe.each(databases.eachSupportedId())(
  'review cadence on %p',
  databaseId => {
    it('falls overdue one interval after the review, by the clock, and filters in the database', async () => {
      const database = await createAgentRiskDatabase(
        await databases.init(databaseId),
      );
      const store = database.scores;
      let clock = new Date('2026-01-10T00:00:00Z');
      const service = new AgentRiskService({
        database,
        options: { model: 'aivss-0.8', review: { interval: { days: 30 } } },
        now: () => clock,
      });
      const write = (name: string, reviewedAt?: string) =>
        toScoreWrite(
          agentEntity({
            name,
            factor: '0.5',
            cvssBase: '5.0',
            extraAnnotations: reviewedAt ? { [REVIEWED_AT]: reviewedAt } : {},
          }),
          { model: 'aivss-0.8' },
        );
      await store.writeScores(
        [
          write('fresh', '2026-01-05'),
          write('older', '2025-12-20'),
          write('never'),
          // Not a review: in the future, so treated as never reviewed.
          write('future', '2999-01-01'),
        ],
        clock.toISOString(),
      );
      const overdue = async (reviewOverdue?: boolean) =>
        (
          await service.listAgents(
            {
              filters: { reviewOverdue },
              orderBy: 'name',
              order: 'asc',
              limit: 50,
            },
            { type: 'all' },
          )
        ).items.map(i => `${i.title}:${i.reviewOverdue}`);

      expect(await overdue()).toEqual([
        'fresh:false',
        'future:true',
        'never:true',
        'older:false',
      ]);
      const older = await service.getAgent('airesource:default/older', {
        type: 'all',
      });
      expect(older.reviewedAt).toBe('2025-12-20T00:00:00.000Z');
      expect(older.reviewDue).toBe('2026-01-19T00:00:00.000Z');

      // Twenty days later the older review has fallen due; the fresh one not yet.
      clock = new Date('2026-01-30T00:00:00Z');
      expect(await overdue()).toEqual([
        'fresh:false',
        'future:true',
        'never:true',
        'older:true',
      ]);
      expect(await overdue(true)).toEqual([
        'future:true',
        'never:true',
        'older:true',
      ]);
      expect(await overdue(false)).toEqual(['fresh:false']);
      const summary = await service.getSummary(
        { type: 'all' },
        { reviewOverdue: true },
      );
      expect(summary.totalAgents).toBe(3);
    });
  },
);
