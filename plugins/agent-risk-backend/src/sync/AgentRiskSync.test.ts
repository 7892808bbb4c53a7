import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AgentListResponse,
  AgentRiskRecord,
  AIVSS_ANNOTATIONS,
  isAgentEntity,
  RiskSummary,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { agentEntity, sampleCatalog } from '../__testUtils__/entities';
import {
  AgentRiskTestBackend,
  startAgentRiskTestBackend,
  TestPolicy,
  userAuth,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'agent-risk sync on %p',
  databaseId => {
    async function start(options: { policy?: TestPolicy; config?: any } = {}) {
      return startAgentRiskTestBackend({
        databases,
        databaseId,
        entities: sampleCatalog(),
        ...options,
      });
    }
    const sync = (b: AgentRiskTestBackend) =>
      request(b.server)
        .post('/api/agent-risk/sync')
        .set('Authorization', mockCredentials.service.header())
        .expect(202);
    const get = (b: AgentRiskTestBackend, path: string) =>
      request(b.server)
        .get(`/api/agent-risk${path}`)
        .set('Authorization', userAuth());
    const record = async (b: AgentRiskTestBackend, name: string) =>
      (await get(b, `/agents/airesource/default/${name}`).expect(200))
        .body as AgentRiskRecord;
    const storedRefs = async (b: AgentRiskTestBackend) =>
      (
        await b
          .knex('agent_risk_scores')
          .select('entity_ref')
          .orderBy('entity_ref')
      ).map((r: { entity_ref: string }) => r.entity_ref);
    const setAnnotation = (
      b: AgentRiskTestBackend,
      name: string,
      key: string,
      value: string,
    ) => {
      const entity = b.catalog.entities.find(e => e.metadata.name === name)!;
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        [key]: value,
      };
    };

    it('scores and stores every agent of the catalog, paging through it', async () => {
      const b = await start();
      expect(await storedRefs(b)).toEqual([]);
      await sync(b);
      const agents = sampleCatalog().filter(e => isAgentEntity(e));
      expect(await storedRefs(b)).toEqual(
        agents.map(e => scoreEntity(e).entityRef).sort(),
      );
      // pageSize 3 in the test config: the catalog was read page by page.
      const calls = b.catalog.service.queryEntities.mock.calls;
      expect(
        calls.filter(([req]) => req && 'cursor' in req).length,
      ).toBeGreaterThanOrEqual(2);
      expect(calls[0][0]).toMatchObject({
        limit: 3,
        filter: [
          { kind: 'AiResource', 'spec.type': 'agent' },
          { kind: 'Component', 'spec.type': 'ai-agent' },
        ],
        fields: expect.arrayContaining(['metadata.annotations', 'spec.owner']),
      });
      expect((await get(b, '/summary').expect(200)).body.lastSyncAt).toEqual(
        expect.any(String),
      );
    });

    it('writes nothing when nothing changed', async () => {
      const b = await start();
      await sync(b);
      const before = (await get(b, '/agents?limit=500').expect(200))
        .body as AgentListResponse;
      b.agentWrites.length = 0;
      await sync(b);
      expect(b.agentWrites).toEqual([]);
      const after = (await get(b, '/agents?limit=500').expect(200))
        .body as AgentListResponse;
      expect(after.items).toEqual(before.items);
    });

    it('picks up an annotation change in one sync and appends one history entry', async () => {
      const b = await start();
      await sync(b);
      const before = await record(b, 'support-bot');
      setAnnotation(b, 'support-bot', AIVSS_ANNOTATIONS.cvssBase, '9.5');
      b.agentWrites.length = 0;
      await sync(b);

      const entity = b.catalog.entities.find(
        e => e.metadata.name === 'support-bot',
      )!;
      const oracle = scoreEntity(entity);
      const after = await record(b, 'support-bot');
      expect(after.score).toBe(oracle.score);
      expect(after.score).not.toBe(before.score);
      expect(after.history.map(h => h.score)).toEqual([
        before.score,
        oracle.score,
      ]);
      // One row rewritten and one history entry appended, nothing else.
      expect(
        b.agentWrites.filter(sql => /agent_risk_scores/.test(sql)),
      ).toHaveLength(1);
      expect(
        b.agentWrites.filter(sql => /agent_risk_history/.test(sql)),
      ).toHaveLength(1);
      expect(
        Number(
          (
            await b
              .knex('agent_risk_history')
              .where({ entity_ref: 'airesource:default/support-bot' })
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(2);
    });

    it('rewrites the row but adds no history when only the title changes', async () => {
      const b = await start();
      await sync(b);
      b.catalog.entities.find(
        e => e.metadata.name === 'report-writer',
      )!.metadata.title = 'Quarterly Reports';
      await sync(b);
      const after = await record(b, 'report-writer');
      expect(after.title).toBe('Quarterly Reports');
      expect(after.history).toHaveLength(1);
    });

    it('deletes agents that left the catalog after a complete sync, but not after a failed one', async () => {
      const b = await start();
      await sync(b);
      const lastSyncAt = (
        (await get(b, '/summary').expect(200)).body as RiskSummary
      ).lastSyncAt;
      b.catalog.entities = b.catalog.entities.filter(
        e => e.metadata.name !== 'support-bot',
      );
      setAnnotation(b, 'code-fixer', AIVSS_ANNOTATIONS.cvssBase, '1.0');

      b.catalog.failAfterFirstPage = true;
      await sync(b); // the scheduler swallows the failure; the store must not
      expect(await storedRefs(b)).toContain('airesource:default/support-bot');
      const summary = (await get(b, '/summary').expect(200))
        .body as RiskSummary;
      expect(summary.lastSyncAt).toBe(lastSyncAt);
      expect(summary.totalAgents).toBe(
        sampleCatalog().filter(e => isAgentEntity(e)).length,
      );

      b.catalog.failAfterFirstPage = false;
      await sync(b);
      expect(await storedRefs(b)).not.toContain(
        'airesource:default/support-bot',
      );
      expect(
        (await get(b, '/agents/airesource/default/support-bot')).status,
      ).toBe(404);
      expect(
        await b
          .knex('agent_risk_history')
          .where({ entity_ref: 'airesource:default/support-bot' }),
      ).toEqual([]);
      expect((await record(b, 'code-fixer')).cvssBase).toBe(1);
    });

    it('prunes history older than the retention', async () => {
      const b = await start({
        config: { history: { retention: { days: 30 } } },
      });
      await sync(b);
      await b.knex('agent_risk_history').insert({
        entity_ref: 'airesource:default/support-bot',
        computed_at: '2000-01-01T00:00:00.000Z',
        model: 'aivss-0.8',
        status: 'scored',
        score: 1,
        severity: 'low',
        input_hash: 'old',
      });
      expect((await record(b, 'support-bot')).history).toHaveLength(2);
      await sync(b);
      expect((await record(b, 'support-bot')).history).toHaveLength(1);
    });

    it('scores with the configured model and assumed CVSS base', async () => {
      const b = await start({
        config: { scoring: { model: 'aivss-0.5', assumedCvssBase: 6.5 } },
      });
      b.catalog.entities.push(agentEntity({ name: 'no-cvss', factor: '0.4' }));
      await sync(b);
      for (const name of ['code-fixer', 'no-cvss']) {
        const entity = b.catalog.entities.find(e => e.metadata.name === name)!;
        const oracle = scoreEntity(entity, {
          model: 'aivss-0.5',
          assumedCvssBase: 6.5,
        });
        expect(await record(b, name)).toMatchObject({
          model: 'aivss-0.5',
          score: oracle.score,
          cvssAssumed: oracle.cvssAssumed,
        });
      }
      expect((await record(b, 'no-cvss')).cvssAssumed).toBe(true);
      expect(
        ((await get(b, '/summary').expect(200)).body as RiskSummary).model,
      ).toBe('aivss-0.5');
    });

    it('refreshes one agent on demand, with the refresh permission', async () => {
      const b = await start();
      await sync(b);
      setAnnotation(
        b,
        'ops-pilot',
        AIVSS_ANNOTATIONS.mitigationFactor,
        'adversarial-tested',
      );
      const refresh = (name: string, kind = 'airesource') =>
        request(b.server)
          .post(`/api/agent-risk/agents/${kind}/default/${name}/refresh`)
          .set('Authorization', userAuth());

      const res = await refresh('ops-pilot').expect(200);
      const entity = b.catalog.entities.find(
        e => e.metadata.name === 'ops-pilot',
      )!;
      expect(res.body).toMatchObject({
        entityRef: 'airesource:default/ops-pilot',
        score: scoreEntity(entity).score,
        mitigationFactor: 0.5,
      });
      expect((res.body as AgentRiskRecord).history).toHaveLength(2);
      expect((await refresh('plain-service', 'component')).status).toBe(404);
      expect((await refresh('ghost')).status).toBe(404);

      const readOnly = await start({ policy: { refresh: false } });
      expect(
        (
          await request(readOnly.server)
            .post('/api/agent-risk/agents/airesource/default/ops-pilot/refresh')
            .set('Authorization', userAuth())
        ).status,
      ).toBe(403);
      expect(
        (
          await request(readOnly.server)
            .post('/api/agent-risk/sync')
            .set('Authorization', userAuth())
        ).status,
      ).toBe(403);
    });
  },
);
