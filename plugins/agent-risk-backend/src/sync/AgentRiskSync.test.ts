import { randomBytes } from 'crypto';
import request from 'supertest';
import {
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
  AIVSS_ANNOTATIONS,
  isAgentEntity,
  MAESTRO_LAYERS,
  RiskSummary,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity, sampleCatalog } from '../__testUtils__/entities';
import {
  AgentRiskTestBackend,
  syncNow,
  TestPolicy,
  userAuth,
} from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests();

describe.each(databases.eachSupportedId())(
  'agent-risk sync on %p',
  databaseId => {
    const { get, ...backend } = on(databaseId);
    const start = (options: { policy?: TestPolicy; config?: any } = {}) =>
      backend.start({ ...options, sync: false });
    const sync = syncNow;
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
      // The agents' first page (reach reads the graph before it).
      const agentQuery = calls.find(
        ([req]) => req && 'filter' in req && Array.isArray(req.filter),
      );
      expect(agentQuery?.[0]).toMatchObject({
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
      // Owner and system display names: at most one batched request per page,
      // and each ref asked for once per sync.
      const nameCalls = b.catalog.service.getEntitiesByRefs.mock.calls;
      expect(nameCalls.length).toBeLessThanOrEqual(calls.length);
      const asked = nameCalls.flatMap(([req]) => req.entityRefs);
      expect(new Set(asked).size).toBe(asked.length);
      expect(asked).toEqual(
        expect.arrayContaining([
          'group:default/ai-platform',
          'group:default/payments',
          'system:default/helpdesk',
        ]),
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
      // Its history stays as a tombstone for the retention period.
      expect(
        await b
          .knex('agent_risk_history')
          .where({ entity_ref: 'airesource:default/support-bot' }),
      ).toHaveLength(1);
      expect((await record(b, 'code-fixer')).cvssBase).toBe(1);
    });

    it('removes nothing when the catalog fails on a later page', async () => {
      const b = await start();
      await sync(b);
      const before = await storedRefs(b);
      const history = await b.knex('agent_risk_history').count({ n: '*' });
      // Only the first page arrives: every other agent looks gone.
      b.catalog.failAfterFirstPage = true;
      await sync(b);
      expect(await storedRefs(b)).toEqual(before);
      expect(await b.knex('agent_risk_history').count({ n: '*' })).toEqual(
        history,
      );
    });

    it('never sweeps after a run that saw no agents, nor one that would remove more than maxSweepShare', async () => {
      const b = await start();
      await sync(b);
      const all = await storedRefs(b);
      const historyRows = async () =>
        Number((await b.knex('agent_risk_history').count({ n: '*' }))[0].n);
      const history = await historyRows();

      // An empty answer (a restore, a token that lost access): keep everything.
      const catalog = b.catalog.entities;
      b.catalog.entities = catalog.filter(e => !isAgentEntity(e));
      await sync(b);
      expect(await storedRefs(b)).toEqual(all);
      expect(await historyRows()).toBe(history);

      // More than half gone at once: keep everything too (default share 0.5).
      const kept = ['support-bot', 'code-fixer', 'ops-pilot'];
      b.catalog.entities = catalog.filter(
        e => !isAgentEntity(e) || kept.includes(e.metadata.name),
      );
      await sync(b);
      expect(await storedRefs(b)).toEqual(all);

      // A small departure is swept as before.
      b.catalog.entities = catalog.filter(e => e.metadata.name !== 'low-agent');
      await sync(b);
      expect(await storedRefs(b)).toEqual(
        all.filter(ref => ref !== 'airesource:default/low-agent'),
      );
    });

    it('sweeps a large departure when maxSweepShare allows it', async () => {
      const b = await start({
        config: { sync: { pageSize: 3, maxSweepShare: 1 } },
      });
      await sync(b);
      b.catalog.entities = b.catalog.entities.filter(
        e => !isAgentEntity(e) || e.metadata.name === 'support-bot',
      );
      await sync(b);
      expect(await storedRefs(b)).toEqual(['airesource:default/support-bot']);
    });

    it("keeps a removed agent's history for the retention, counted from its removal", async () => {
      const b = await start({
        config: { history: { retention: { days: 30 } } },
      });
      await sync(b);
      b.catalog.entities = b.catalog.entities.filter(
        e => e.metadata.name !== 'low-agent',
      );
      await sync(b);
      const tombstone = () =>
        b
          .knex('agent_risk_history')
          .where({ entity_ref: 'airesource:default/low-agent' });
      expect(await tombstone()).toHaveLength(1);
      // Still within the retention since the removal: kept.
      await sync(b);
      expect(await tombstone()).toHaveLength(1);
      // Removed longer ago than the retention: gone.
      await b
        .knex('agent_risk_removed')
        .update({ removed_at: '2000-01-01T00:00:00.000Z' });
      await sync(b);
      expect(await tombstone()).toHaveLength(0);
      expect(await b.knex('agent_risk_removed')).toEqual([]);
    });

    it('scores every agent when the display names cannot be read, and adds them at the next sync', async () => {
      const b = await start();
      b.catalog.service.getEntitiesByRefs.mockRejectedValueOnce(
        new Error('catalog busy'),
      );
      await sync(b);
      expect(await storedRefs(b)).toHaveLength(
        sampleCatalog().filter(e => isAgentEntity(e)).length,
      );
      expect((await record(b, 'support-bot')).ownerTitle).toBeNull();
      await sync(b);
      expect(await record(b, 'support-bot')).toMatchObject({
        ownerTitle: 'AI Platform',
        systemTitle: 'Help Desk',
      });
      expect((await record(b, 'support-bot')).history).toHaveLength(1);
    });

    it('stores every agent when one has fields longer than the old column sizes', async () => {
      const b = await start();
      const long = 'x'.repeat(600);
      const title = `Long ${'title '.repeat(120)}`;
      b.catalog.entities.push(
        agentEntity({
          name: 'long-fields',
          title,
          owner: `group:default/${long}`,
          system: `system:default/${long}`,
          lifecycle: long,
          factor: '0.5',
          cvssBase: '7.5',
        }),
      );
      await sync(b);
      const agents = b.catalog.entities.filter(e => isAgentEntity(e));
      expect(await storedRefs(b)).toEqual(
        agents.map(e => scoreEntity(e).entityRef).sort(),
      );
      const stored = await record(b, 'long-fields');
      expect(stored.title).toBe(title);
      expect(stored.lifecycle).toBe(long);
      expect(stored.status).toBe('scored');
      expect((await get(b, '/summary').expect(200)).body.lastSyncAt).toEqual(
        expect.any(String),
      );
      const refresh = await request(b.server)
        .post('/api/agent-risk/agents/airesource/default/long-fields/refresh')
        .set('Authorization', userAuth());
      expect(refresh.status).toBe(200);
    });

    it('stores the other agents, and the bad one as invalid naming the error, when the database refuses a record', async () => {
      const b = await start();
      // PostgreSQL refuses NUL in text, and its indexes cannot hold a 10 kB owner.
      b.catalog.entities.push(
        agentEntity({
          name: 'nul-title',
          title: 'Bad\u0000title',
          factor: '0.5',
          cvssBase: '7.5',
        }),
        agentEntity({
          name: 'huge-owner',
          // Random, so PostgreSQL cannot compress it under its index entry limit.
          owner: `group:default/${randomBytes(5000).toString('hex')}`,
          factor: '0.5',
          cvssBase: '7.5',
        }),
      );
      await sync(b);
      const agents = b.catalog.entities.filter(e => isAgentEntity(e));
      expect(await storedRefs(b)).toEqual(
        agents.map(e => scoreEntity(e).entityRef).sort(),
      );
      // SQLite stores both; PostgreSQL refuses both records.
      const refused = databaseId === 'POSTGRES_16';
      for (const name of ['nul-title', 'huge-owner']) {
        const stored = await record(b, name);
        expect(stored.status).toBe(refused ? 'invalid' : 'scored');
        const storageErrors = stored.errors.filter(e => e.field === 'storage');
        expect(storageErrors).toHaveLength(refused ? 1 : 0);
        expect(
          storageErrors.every(e => e.message.includes('could not be stored')),
        ).toBe(true);
        // A stored stand-in has its display fields cut short.
        expect((stored.owner ?? '').length).toBeLessThanOrEqual(
          refused ? 500 : 20_000,
        );
        const refresh = await request(b.server)
          .post(`/api/agent-risk/agents/airesource/default/${name}/refresh`)
          .set('Authorization', userAuth());
        expect(refresh.status).toBe(200);
      }
      // A later sync with nothing changed writes nothing, also for the refused ones.
      b.agentWrites.length = 0;
      await sync(b);
      expect(b.agentWrites).toEqual([]);
    });

    it('stores an agent whose title, owner, system and layer text hold lone surrogates, beside the others', async () => {
      const b = await start();
      const lone = 'x\uD800y\uDFFFz';
      b.catalog.entities.push(
        agentEntity({
          name: 'lone-surrogates',
          title: `Title ${lone}`,
          owner: `group:default/${lone}`,
          system: `system:default/${lone}`,
          factor: '0.5',
          cvssBase: '7.5',
          extraAnnotations: {
            [MAESTRO_LAYERS[0].textAnnotation]: `Layer text ${lone}`,
          },
        }),
      );
      await sync(b);
      const agents = b.catalog.entities.filter(e => isAgentEntity(e));
      expect(await storedRefs(b)).toEqual(
        agents.map(e => scoreEntity(e).entityRef).sort(),
      );
      const stored = await record(b, 'lone-surrogates');
      expect(stored.status).toBe('scored');
      expect(stored.score).toBe(
        scoreEntity(agents.find(e => e.metadata.name === 'lone-surrogates')!)
          .score,
      );
      // Text keeps what can be stored: the surrogates themselves, or U+FFFD.
      expect(stored.title).toMatch(/^Title x(\uD800|\uFFFD)y(\uDFFF|\uFFFD)z$/);
      // Free text finds it by the readable part of its title.
      const found = await get(b, '/agents?q=Title%20x').expect(200);
      expect(found.body.items.map((i: any) => i.entityRef)).toEqual([
        'airesource:default/lone-surrogates',
      ]);
      // Nothing changed, nothing written: the stored hashes match what the sync computes.
      b.agentWrites.length = 0;
      await sync(b);
      expect(b.agentWrites).toEqual([]);
    });

    it("keeps each agent's latest history entry however old", async () => {
      const b = await start({
        config: { history: { retention: { days: 30 } } },
      });
      await sync(b);
      // Nothing changed for longer than the retention.
      await b
        .knex('agent_risk_history')
        .update({ computed_at: '2000-01-01T00:00:00.000Z' });
      await sync(b);
      const agents = sampleCatalog().filter(e => isAgentEntity(e));
      expect(
        Number((await b.knex('agent_risk_history').count({ n: '*' }))[0].n),
      ).toBe(agents.length);
      expect((await record(b, 'support-bot')).history).toHaveLength(1);
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

    it('refresh asks the catalog to re-read the agent, waits for it, re-scores and says what changed', async () => {
      const b = await start();
      await sync(b);
      const before = await record(b, 'ops-pilot');
      // The catalog picks up the edit only when asked to refresh, a moment later.
      b.catalog.onRefresh = () =>
        setTimeout(
          () =>
            setAnnotation(
              b,
              'ops-pilot',
              AIVSS_ANNOTATIONS.mitigationFactor,
              'adversarial-tested',
            ),
          300,
        );
      const refresh = (name: string, kind = 'airesource') =>
        request(b.server)
          .post(`/api/agent-risk/agents/${kind}/default/${name}/refresh`)
          .set('Authorization', userAuth());

      const res = await refresh('ops-pilot').expect(200);
      expect(b.catalog.service.refreshEntity).toHaveBeenCalledWith(
        'airesource:default/ops-pilot',
        expect.anything(),
      );
      const entity = b.catalog.entities.find(
        e => e.metadata.name === 'ops-pilot',
      )!;
      const result = res.body as AgentRefreshResult;
      expect(result).toEqual({
        agent: expect.objectContaining({
          entityRef: 'airesource:default/ops-pilot',
          score: scoreEntity(entity).score,
          mitigationFactor: 0.5,
        }),
        refreshedAt: expect.any(String),
        catalogUpdated: true,
        scoreChanged: true,
        previous: {
          status: before.status,
          score: before.score,
          severity: before.severity,
        },
      });
      expect(result.agent.score).not.toBe(before.score);
      expect(result.agent.history).toHaveLength(2);
      expect(Date.parse(result.refreshedAt)).toBeGreaterThan(
        Date.parse(before.computedAt),
      );

      // Nothing new in the catalog: the wait ends, and the answer says so.
      b.catalog.onRefresh = undefined;
      const again = (await refresh('ops-pilot').expect(200))
        .body as AgentRefreshResult;
      expect(again).toMatchObject({
        catalogUpdated: false,
        scoreChanged: false,
        previous: { score: result.agent.score },
      });
      expect(again.agent.history).toHaveLength(2);

      expect((await refresh('plain-service', 'component')).status).toBe(404);
      expect((await refresh('ghost')).status).toBe(404);
    });

    it('refresh returns a brand-new agent to a user with a conditional catalog view', async () => {
      const b = await start({ policy: { catalogRead: 'conditional' } });
      await sync(b);
      // The user's visible set is now cached without the new agent.
      await get(b, '/agents').expect(200);
      b.catalog.entities.push(
        agentEntity({ name: 'brand-new', factor: '0.3', cvssBase: '5.0' }),
      );
      const res = await request(b.server)
        .post('/api/agent-risk/agents/airesource/default/brand-new/refresh')
        .set('Authorization', userAuth())
        .expect(200);
      expect((res.body as AgentRefreshResult).agent.entityRef).toBe(
        'airesource:default/brand-new',
      );
      expect((res.body as AgentRefreshResult).previous).toBeNull();
      await get(b, '/agents/airesource/default/brand-new').expect(200);

      // An agent the cached set already holds: no visible set is read again.
      const queries = b.catalog.service.queryEntities.mock.calls.length;
      await request(b.server)
        .post('/api/agent-risk/agents/airesource/default/support-bot/refresh')
        .set('Authorization', userAuth())
        .expect(200);
      expect(b.catalog.service.queryEntities.mock.calls.length).toBe(queries);
    });

    it('needs agent-risk.refresh for a refresh and agent-risk.sync for a full sync', async () => {
      const post = (b: AgentRiskTestBackend, path: string) =>
        request(b.server)
          .post(`/api/agent-risk${path}`)
          .set('Authorization', userAuth());
      const refreshPath = '/agents/airesource/default/support-bot/refresh';

      const noRefresh = await start({ policy: { refresh: false } });
      expect((await post(noRefresh, refreshPath)).status).toBe(403);
      expect((await post(noRefresh, '/sync')).status).toBe(202);

      // Refreshing one agent needs no prior sync.
      const noSync = await start({ policy: { sync: false } });
      expect((await post(noSync, '/sync')).status).toBe(403);
      expect((await post(noSync, refreshPath)).status).toBe(200);
    });
  },
);
