import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AIVSS_ANNOTATIONS } from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { sampleCatalog } from '../__testUtils__/entities';
import { FakeCatalog } from '../__testUtils__/testBackend';
import { readAgentRiskBackendOptions } from '../options';
import { toScoreWrite } from './toScoreWrite';
import { createAgentRiskDatabase } from '../database/AgentRiskDatabase';
import { AgentRiskSync } from './AgentRiskSync';

// The real scorer, watched: which agents does a sync score?
jest.mock('./toScoreWrite', () => {
  const actual = jest.requireActual('./toScoreWrite');
  return { ...actual, toScoreWrite: jest.fn(actual.toScoreWrite) };
});
const scored = toScoreWrite as jest.MockedFunction<typeof toScoreWrite>;
const scoredNames = () =>
  scored.mock.calls.map(([entity]) => entity.metadata.name).sort();

const { databases } = setUpBackendTests();

describe.each(databases.eachSupportedId())(
  'AgentRiskSync skips unchanged agents on %p',
  databaseId => {
    async function setUp(model = 'aivss-0.8') {
      const knex = await databases.init(databaseId);
      const database = await createAgentRiskDatabase(knex);
      const store = database.scores;
      const catalog = new FakeCatalog(sampleCatalog());
      const syncWith = (m: string) =>
        new AgentRiskSync({
          catalog: catalog.service,
          auth: mockServices.auth(),
          database,
          logger: mockServices.logger.mock(),
          options: readAgentRiskBackendOptions(
            new ConfigReader({
              agentRisk: { sync: { pageSize: 3 }, scoring: { model: m } },
            }),
          ),
        });
      const sync = syncWith(model);
      const first = await sync.syncAll();
      expect(first.unchanged).toBe(0);
      scored.mockClear();
      return { knex, store, catalog, sync, syncWith, agents: first.seen };
    }
    const entity = (catalog: FakeCatalog, name: string): Entity =>
      catalog.entities.find(e => e.metadata.name === name)!;

    it('scores no agent again when nothing changed', async () => {
      const { sync, agents } = await setUp();
      const report = await sync.syncAll();
      expect(scored).not.toHaveBeenCalled();
      expect(report).toMatchObject({
        seen: agents,
        unchanged: agents,
        written: 0,
        removed: 0,
      });
    });

    it('scores again exactly the agents whose annotations, fields or display names changed', async () => {
      const { sync, store, catalog } = await setUp();
      const supportBot = entity(catalog, 'support-bot');
      supportBot.metadata.annotations = {
        ...supportBot.metadata.annotations,
        [AIVSS_ANNOTATIONS.cvssBase]: '9.9',
      };
      entity(catalog, 'code-fixer').spec!.lifecycle = 'deprecated';
      // The owner's display name feeds the stored record and the free text.
      entity(catalog, 'payments').metadata.title = 'Payments Guild';
      const payments = catalog.entities
        .filter(
          e =>
            (e.spec?.type === 'agent' || e.spec?.type === 'ai-agent') &&
            /payments$/.test(String(e.spec?.owner)),
        )
        .map(e => e.metadata.name);
      expect(payments.length).toBeGreaterThan(0);

      const report = await sync.syncAll();
      expect(scoredNames()).toEqual(
        [...new Set(['support-bot', 'code-fixer', ...payments])].sort(),
      );
      expect(report.unchanged).toBe(report.seen - scored.mock.calls.length);
      expect(
        (await store.getAgent('airesource:default/support-bot'))?.cvssBase,
      ).toBe(9.9);
      expect(
        (await store.getAgent(`airesource:default/${payments[0]}`))?.ownerTitle,
      ).toBe('Payments Guild');
    });

    it('scores every agent again when the model changes', async () => {
      const { syncWith, agents } = await setUp();
      const report = await syncWith('aivss-0.5').syncAll();
      expect(scored).toHaveBeenCalledTimes(agents);
      expect(report.unchanged).toBe(0);
      expect(report.written).toBe(agents);
    });

    it('scores rows stored without a source hash again once, then skips them', async () => {
      const { knex, sync, agents } = await setUp();
      // As rows written before source hashes existed (or stored as a problem).
      await knex('agent_risk_scores').update({ source_hash: null });
      const again = await sync.syncAll();
      expect(scored).toHaveBeenCalledTimes(agents);
      expect(again).toMatchObject({ unchanged: 0, written: 0 });
      scored.mockClear();
      expect((await sync.syncAll()).unchanged).toBe(agents);
      expect(scored).not.toHaveBeenCalled();
    });
  },
);
