import { mockServices } from '@backstage/backend-test-utils';
import { AcceptanceService } from '../acceptance/AcceptanceService';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity } from '../__testUtils__/entities';
import { createAgentRiskDatabase } from '../database/AgentRiskDatabase';
import {
  AgentVisibility,
  visibleSetFingerprint,
} from '../permissions/visibility';
import { toScoreWrite } from '../sync/toScoreWrite';
import { AgentRiskService } from './AgentRiskService';

const { databases } = setUpBackendTests();

const some = (refs: string[]): AgentVisibility => ({
  type: 'some',
  refs,
  fingerprint: visibleSetFingerprint(refs),
});

describe.each(databases.eachSupportedId())(
  'AgentRiskService on %p',
  databaseId => {
    /** Agents a, b and c with these CVSS bases, stored; `write` stores more. */
    async function seed(factor: string, cvssBases: [string, string, string]) {
      const database = await createAgentRiskDatabase(
        await databases.init(databaseId),
      );
      const write = (name: string, cvssBase: string) =>
        toScoreWrite(agentEntity({ name, factor, cvssBase }), {
          model: 'aivss-0.8',
        });
      await database.scores.writeScores(
        ['a', 'b', 'c'].map((name, i) => write(name, cvssBases[i])),
        new Date().toISOString(),
      );
      return { database, write };
    }

    it('caches a restricted summary by the visible set and data version, not by the array it came in', async () => {
      const { database, write } = await seed('0.5', ['5.0', '7.0', '9.0']);
      const aggregate = jest.spyOn(database.scores, 'aggregate');
      const service = new AgentRiskService({
        database,
        options: { model: 'aivss-0.8' },
      });
      const [a, b, c] = ['a', 'b', 'c'].map(n => `airesource:default/${n}`);

      const first = await service.getSummary(some([a, b]));
      expect(first.totalAgents).toBe(2);
      // The same set in a new array (and another order) is the same read model.
      expect(await service.getSummary(some([b, a]))).toEqual(first);
      expect(aggregate).toHaveBeenCalledTimes(1);

      // Another set is computed for itself.
      expect((await service.getSummary(some([a, c]))).totalAgents).toBe(2);
      expect(aggregate).toHaveBeenCalledTimes(2);

      // A write changes the data version: the cached set is computed afresh.
      await database.scores.writeScores(
        [write('a', '1.0')],
        new Date().toISOString(),
      );
      const after = await service.getSummary(some([a, b]));
      expect(aggregate).toHaveBeenCalledTimes(3);
      expect(after.byOwner).not.toEqual(first.byOwner);
    });

    it('counts a filtered ranking once per data version and view, and afresh after a write or with a time-dependent filter', async () => {
      const { database, write } = await seed('0.9', ['9.5', '9.8', '1.0']);
      const countAgents = jest.spyOn(database.scores, 'countAgents');
      const service = new AgentRiskService({
        database,
        options: { model: 'aivss-0.8' },
      });
      const [a, b] = ['a', 'b'].map(n => `airesource:default/${n}`);
      const critical = (visibility: AgentVisibility, cursor?: string) =>
        service.listAgents(
          {
            filters: { severity: ['critical'] },
            orderBy: 'score',
            order: 'desc',
            limit: 1,
            cursor,
          },
          visibility,
        );

      const first = await critical({ type: 'all' });
      expect(first.totalCount).toBe(2);
      // The next page of the same filter reuses the count.
      const second = await critical({ type: 'all' }, first.nextCursor!);
      expect(second.totalCount).toBe(2);
      expect(countAgents).toHaveBeenCalledTimes(1);
      // Another view counts for itself.
      expect((await critical(some([a]))).totalCount).toBe(1);
      expect(countAgents).toHaveBeenCalledTimes(2);

      // A write changes the data version: counted afresh, and right.
      await database.scores.writeScores(
        [write('b', '1.0')],
        new Date().toISOString(),
      );
      expect((await critical({ type: 'all' })).totalCount).toBe(1);
      expect(countAgents).toHaveBeenCalledTimes(3);
      expect((await critical(some([a, b]))).totalCount).toBe(1);

      // The unfiltered total, too.
      const all = () =>
        service.listAgents(
          { filters: {}, orderBy: 'score', order: 'desc', limit: 1 },
          { type: 'all' },
        );
      expect((await all()).totalCount).toBe(3);
      expect((await all()).totalCount).toBe(3);
      expect(countAgents).toHaveBeenCalledTimes(5);

      // Review dates depend on the time of reading: never reused.
      const overdue = () =>
        service.listAgents(
          {
            filters: { reviewOverdue: true },
            orderBy: 'score',
            order: 'desc',
            limit: 10,
          },
          { type: 'all' },
        );
      await overdue();
      await overdue();
      expect(countAgents).toHaveBeenCalledTimes(7);
    });

    it('keeps a CSV export per view, and nothing for a caller who sees no agent', async () => {
      const { database } = await seed('0.5', ['5.0', '7.0', '9.0']);
      const service = new AgentRiskService({
        database,
        options: { model: 'aivss-0.8' },
      });
      const request = {
        filters: {},
        orderBy: 'score' as const,
        order: 'desc' as const,
      };
      const all = await service.csvExportKey(request, { type: 'all' });
      const some1 = await service.csvExportKey(
        request,
        some(['airesource:default/a']),
      );
      expect(all).toBeDefined();
      expect(some1).toBeDefined();
      expect(some1).not.toBe(all);
      // A caller whom the catalog lets read nothing must never be served
      // the export kept for everyone.
      expect(await service.csvExportKey(request, { type: 'none' })).toBe(
        undefined,
      );
      // Filters that depend on the time of reading are never kept.
      expect(
        await service.csvExportKey(
          { ...request, filters: { reviewOverdue: true } },
          { type: 'all' },
        ),
      ).toBeUndefined();
    });

    it("reads an agent's acceptance for its detail only when the agent has one", async () => {
      const { database } = await seed('0.5', ['5.0', '7.0', '9.0']);
      const acceptances = new AcceptanceService({
        store: database.acceptance,
        scores: database.scores,
        registry: database.registry,
        logger: mockServices.logger.mock(),
        maxDays: 365,
      });
      const current = jest.spyOn(acceptances, 'current');
      const service = new AgentRiskService({
        database,
        options: { model: 'aivss-0.8' },
        acceptances,
      });
      const [a, b] = ['a', 'b'].map(n => `airesource:default/${n}`);
      const now = new Date().toISOString();
      const stored = await database.acceptance.insert(
        {
          entityRef: b,
          state: 'pending',
          justification: 'Compensating controls in place',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          requestedBy: 'user:default/owner',
          requestedAt: now,
          approvedBy: null,
          approvedAt: null,
          severityAtRequest: 'medium',
          endedAt: null,
          endedReason: null,
          scoreAtRequest: 7,
          registrationId: null,
        },
        {
          entityRef: b,
          at: now,
          actor: 'user:default/owner',
          action: 'accept-request',
          reason: 'test',
          changes: [],
          registrationId: null,
        },
      );
      expect(stored).not.toBe('active-exists');

      const all: AgentVisibility = { type: 'all' };
      expect((await service.getAgent(a, all)).acceptance).toBeNull();
      expect(current).not.toHaveBeenCalled();

      expect((await service.getAgent(b, all)).acceptance).toMatchObject({
        state: 'pending',
        justification: 'Compensating controls in place',
      });
      expect(current).toHaveBeenCalledWith([b]);
      // The flag the store reads beside the record is not part of the answer.
      expect(await service.getAgent(b, all)).not.toHaveProperty(
        'hasAcceptance',
      );
    });
  },
);
