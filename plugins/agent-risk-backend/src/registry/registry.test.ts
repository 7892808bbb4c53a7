import request from 'supertest';
import { Knex } from 'knex';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AIVSS_ANNOTATIONS,
  AuditListResponse,
  REGISTRY_ANNOTATION,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import {
  registryTestAgent as newAgent,
  sampleCatalog,
} from '../__testUtils__/entities';
import {
  AgentRiskTestBackend,
  catalogAuth,
  syncNow,
  TestPolicy,
  userAuth,
} from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests();

describe.each(databases.eachSupportedId())(
  'agent registry on %p',
  databaseId => {
    const backend = on(databaseId);
    const start = (policy?: TestPolicy, knex?: Knex) =>
      backend.start({ policy, knex });

    const api = (b: AgentRiskTestBackend) => ({
      create: (body: unknown, user = 'user:default/guest') =>
        request(b.server)
          .post('/api/agent-risk/registry/agents')
          .set('Authorization', userAuth(user))
          .send(body as object),
      update: (
        ns: string,
        name: string,
        body: unknown,
        user = 'user:default/guest',
      ) =>
        request(b.server)
          .put(`/api/agent-risk/registry/agents/${ns}/${name}`)
          .set('Authorization', userAuth(user))
          .send(body as object),
      remove: (ns: string, name: string, reason?: string) =>
        request(b.server)
          .delete(
            `/api/agent-risk/registry/agents/${ns}/${name}${
              reason === undefined
                ? ''
                : `?reason=${encodeURIComponent(reason)}`
            }`,
          )
          .set('Authorization', userAuth()),
      audit: (ref: string, query = '') =>
        request(b.server)
          .get(`/api/agent-risk/agents/${ref}/audit${query}`)
          .set('Authorization', userAuth()),
      agent: (ref: string) =>
        request(b.server)
          .get(`/api/agent-risk/agents/${ref}`)
          .set('Authorization', userAuth()),
      feed: (path: string) =>
        request(b.server)
          .get(`/api/agent-risk/registry/${path}`)
          .set('Authorization', catalogAuth()),
    });

    it('registers an agent: 201, scored on write with the common core’s number, in the provider feed with registry annotations, audited', async () => {
      const b = await start();
      const entity = newAgent();
      const res = await api(b)
        .create({ entity, reason: 'New invoice assistant' })
        .expect(201);
      expect(res.body).toEqual({
        entityRef: 'airesource:default/invoice-helper',
      });

      // Scored at once: no sync ran since.
      const record = await api(b)
        .agent('AiResource/default/invoice-helper')
        .expect(200);
      const oracle = scoreEntity(entity);
      expect(record.body.status).toBe('scored');
      expect(record.body.score).toBe(oracle.score);
      expect(record.body.title).toBe('Invoice Helper');

      const snapshot = await api(b).feed('entities').expect(200);
      expect(snapshot.body.entities).toHaveLength(1);
      const emitted: Entity = snapshot.body.entities[0];
      expect(emitted.metadata.annotations).toMatchObject({
        [REGISTRY_ANNOTATION]: 'true',
        'backstage.io/managed-by-location':
          'agent-risk-registry:default/invoice-helper',
        'backstage.io/managed-by-origin-location':
          'agent-risk-registry:default/invoice-helper',
        [AIVSS_ANNOTATIONS.cvssBase]: '6.5',
      });
      expect(snapshot.body.cursor).toBeGreaterThan(0);

      const audit = await api(b)
        .audit('AiResource/default/invoice-helper')
        .expect(200);
      const body = audit.body as AuditListResponse;
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({
        actor: 'user:default/guest',
        action: 'create',
        reason: 'New invoice assistant',
      });
      expect(body.items[0].changes).toContainEqual({
        field: AIVSS_ANNOTATIONS.cvssBase,
        before: null,
        after: '6.5',
      });
      // Registry-managed annotations are not the user's change.
      expect(body.items[0].changes.map(c => c.field)).not.toContain(
        REGISTRY_ANNOTATION,
      );
    });

    it('keeps the score of an agent the catalog has not ingested yet through a full sync', async () => {
      const b = await start();
      await api(b).create({ entity: newAgent(), reason: 'new' }).expect(201);
      const summary = () =>
        request(b.server)
          .get('/api/agent-risk/summary')
          .set('Authorization', userAuth());
      const before = (await summary().expect(200)).body.lastSyncAt;
      await new Promise(resolve => setTimeout(resolve, 20));
      await syncNow(b);
      const deadline = Date.now() + 10_000;
      while (
        (await summary()).body.lastSyncAt === before &&
        Date.now() < deadline
      ) {
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      expect((await summary()).body.lastSyncAt).not.toBe(before);
      // The fake catalog never got the entity: the sweep would have removed it.
      await api(b).agent('AiResource/default/invoice-helper').expect(200);
    });

    it('refuses a malformed assessment with 400 naming the field, and stores nothing', async () => {
      const b = await start();
      const entity = newAgent({
        extraAnnotations: { [AIVSS_ANNOTATIONS.cvssBase]: '11' },
      });
      const res = await api(b).create({ entity, reason: 'x' }).expect(400);
      expect(res.body.error.message).toContain(AIVSS_ANNOTATIONS.cvssBase);

      const partial = newAgent({ factor: undefined });
      const res2 = await api(b)
        .create({ entity: partial, reason: 'x' })
        .expect(400);
      expect(res2.body.error.message).toContain('aivss.owasp.org/');

      const noOwner = newAgent();
      delete (noOwner.spec as any).owner;
      const res3 = await api(b)
        .create({ entity: noOwner, reason: 'x' })
        .expect(400);
      expect(res3.body.error.message).toContain('spec.owner');

      const notAgent = {
        ...newAgent(),
        spec: { ...newAgent().spec, type: 'service' },
      };
      const res4 = await api(b)
        .create({ entity: notAgent, reason: 'x' })
        .expect(400);
      expect(res4.body.error.message).toContain('spec.type');

      const res5 = await api(b)
        .create({ entity: newAgent(), reason: '  ' })
        .expect(400);
      expect(res5.body.error.message).toContain('reason');

      const res6 = await api(b)
        .create({ entity: newAgent({ name: 'Bad Name!' }), reason: 'x' })
        .expect(400);
      expect(res6.body.error.message).toContain('metadata.name');

      const snapshot = await api(b).feed('entities').expect(200);
      expect(snapshot.body.entities).toEqual([]);
      expect(snapshot.body.cursor).toBe(0);
    });

    it('answers 409 when the name is taken in the registry or in the catalog', async () => {
      const b = await start();
      await api(b).create({ entity: newAgent(), reason: 'first' }).expect(201);
      await api(b).create({ entity: newAgent(), reason: 'again' }).expect(409);
      // The same name as a Component agent: one agent per namespace and name.
      await api(b)
        .create({ entity: newAgent({ kind: 'Component' }), reason: 'again' })
        .expect(409);
      // A YAML agent of the catalog.
      await api(b)
        .create({ entity: newAgent({ name: 'support-bot' }), reason: 'copy' })
        .expect(409);
    });

    it('updates with a reason: new score at once, the audit names the changed field, newest first; YAML agents answer 409', async () => {
      const b = await start();
      await api(b).create({ entity: newAgent(), reason: 'first' }).expect(201);
      const changed = newAgent({
        extraAnnotations: { [AIVSS_ANNOTATIONS.cvssBase]: '8.0' },
      });
      await api(b)
        .update('default', 'invoice-helper', {
          entity: changed,
          reason: 'Pen test found an RCE',
        })
        .expect(200, { entityRef: 'airesource:default/invoice-helper' });

      const record = await api(b)
        .agent('AiResource/default/invoice-helper')
        .expect(200);
      expect(record.body.score).toBe(scoreEntity(changed).score);
      expect(record.body.cvssBase).toBe(8);

      const audit = (
        await api(b).audit('AiResource/default/invoice-helper').expect(200)
      ).body as AuditListResponse;
      expect(audit.items.map(i => i.action)).toEqual(['update', 'create']);
      expect(audit.items[0].reason).toBe('Pen test found an RCE');
      // Exactly the field the caller changed: the review date the registry
      // sets with it is the entry's own time, not a change of the caller's.
      expect(audit.items[0].changes).toEqual([
        { field: AIVSS_ANNOTATIONS.cvssBase, before: '6.5', after: '8.0' },
      ]);
      // The assessment changed, so it counts as a review.
      expect(record.body.reviewedAt).toBe(audit.items[0].at);

      // Paged: one per page, the cursor reaches the older entry.
      const first = (
        await api(b)
          .audit('AiResource/default/invoice-helper', '?limit=1')
          .expect(200)
      ).body as AuditListResponse;
      expect(first.items.map(i => i.action)).toEqual(['update']);
      const second = (
        await api(b)
          .audit(
            'AiResource/default/invoice-helper',
            `?limit=1&cursor=${first.nextCursor}`,
          )
          .expect(200)
      ).body as AuditListResponse;
      expect(second.items.map(i => i.action)).toEqual(['create']);
      expect(second.nextCursor).toBeNull();

      // The feed reports the change after the snapshot's cursor.
      const { cursor } = (await api(b).feed('entities').expect(200)).body;
      const none = (await api(b).feed(`changes?after=${cursor}`).expect(200))
        .body;
      expect(none).toEqual({ added: [], removed: [], cursor });

      // YAML agents stay owned by their YAML.
      const yaml = sampleCatalog().find(
        e => e.metadata.name === 'support-bot',
      )!;
      const res = await api(b)
        .update('default', 'support-bot', { entity: yaml, reason: 'edit' })
        .expect(409);
      expect(res.body.error.message).toContain('YAML');
      await api(b).remove('default', 'support-bot', 'gone').expect(409);
      await api(b)
        .update('default', 'no-such-agent', { entity: yaml, reason: 'x' })
        .expect(404);
      // A rename is not an update.
      await api(b)
        .update('default', 'invoice-helper', {
          entity: newAgent({ name: 'other-name' }),
          reason: 'x',
        })
        .expect(400);
    });

    it('deletes with a reason: gone from the feed and the ranking, the audit keeps both entries for agent-risk.audit.history', async () => {
      const b = await start({ auditHistory: true });
      await api(b).create({ entity: newAgent(), reason: 'first' }).expect(201);
      const { cursor } = (await api(b).feed('entities').expect(200)).body;
      await api(b).remove('default', 'invoice-helper').expect(400);
      await api(b).remove('default', 'invoice-helper', 'Retired').expect(204);

      const delta = (await api(b).feed(`changes?after=${cursor}`).expect(200))
        .body;
      expect(delta.added).toEqual([]);
      expect(delta.removed).toEqual(['airesource:default/invoice-helper']);
      expect(delta.cursor).toBeGreaterThan(cursor);
      await api(b).agent('AiResource/default/invoice-helper').expect(404);

      // The deleted agent's trail is an earlier registration's: not the
      // name's current trail, but kept for the security team.
      expect(
        (await api(b).audit('AiResource/default/invoice-helper').expect(200))
          .body.items,
      ).toEqual([]);
      const audit = (
        await api(b)
          .audit('AiResource/default/invoice-helper', '?registrations=all')
          .expect(200)
      ).body as AuditListResponse;
      expect(audit.items.map(i => [i.action, i.reason])).toEqual([
        ['delete', 'Retired'],
        ['create', 'first'],
      ]);
      expect(audit.items[0].changes).toContainEqual({
        field: 'spec.owner',
        before: 'group:default/ai-platform',
        after: null,
      });
      // The name is free again.
      await api(b).create({ entity: newAgent(), reason: 'back' }).expect(201);
    });

    it('needs agent-risk.agent.create to register and agent-risk.agent.update on the agent to change it', async () => {
      const b = await start({
        agentCreate: false,
        agentUpdate: ['airesource:default/invoice-helper'],
      });
      await api(b).create({ entity: newAgent(), reason: 'x' }).expect(403);
      // A service token is refused whatever the policy: it acts for no one.
      const asService = await start();
      await request(asService.server)
        .post('/api/agent-risk/registry/agents')
        .set('Authorization', mockCredentials.service.header())
        .send({ entity: newAgent(), reason: 'x' })
        .expect(403);
    });

    it('checks the update permission on the agent before saying it is YAML-owned', async () => {
      const b = await start({
        agentUpdate: ['airesource:default/invoice-helper'],
      });
      await api(b).create({ entity: newAgent(), reason: 'x' }).expect(201);
      await api(b)
        .update('default', 'invoice-helper', {
          entity: newAgent(),
          reason: 'ok',
        })
        .expect(200);
      const yaml = sampleCatalog().find(e => e.metadata.name === 'code-fixer')!;
      await api(b)
        .update('default', 'code-fixer', { entity: yaml, reason: 'edit' })
        .expect(403);
      await api(b).remove('default', 'code-fixer', 'x').expect(403);
    });

    it('holds a change request until a registration lands, then answers it at once (the catalog hears within a second, with one request per wait)', async () => {
      const b = await start();
      const { cursor } = (await api(b).feed('entities').expect(200)).body;

      // Nothing changes: held for the wait, then an empty delta.
      const idleStart = Date.now();
      const idle = (
        await api(b).feed(`changes?after=${cursor}&wait=1`).expect(200)
      ).body;
      expect(Date.now() - idleStart).toBeGreaterThanOrEqual(900);
      expect(idle).toEqual({ added: [], removed: [], cursor });

      // A registration while a request is held answers it well before its wait ends.
      const heldStart = Date.now();
      const held = api(b)
        .feed(`changes?after=${cursor}&wait=20`)
        .then(res => ({ res, ms: Date.now() - heldStart }));
      await new Promise(resolve => setTimeout(resolve, 300));
      await api(b).create({ entity: newAgent(), reason: 'held' }).expect(201);
      const { res, ms } = await held;
      expect(res.status).toBe(200);
      expect(res.body.added.map((e: Entity) => e.metadata.name)).toEqual([
        'invoice-helper',
      ]);
      expect(ms).toBeLessThan(5_000);

      await api(b).feed(`changes?after=${cursor}&wait=26`).expect(400);
      await api(b).feed(`changes?after=${cursor}&wait=-1`).expect(400);
    });

    it('serves the provider feed to services only', async () => {
      const b = await start();
      await request(b.server)
        .get('/api/agent-risk/registry/entities')
        .set('Authorization', userAuth())
        .expect(403);
      await api(b).feed('changes?after=abc').expect(400);
    });

    it('keeps registry and audit across a restart on the same database', async () => {
      const b = await start();
      await api(b).create({ entity: newAgent(), reason: 'first' }).expect(201);
      await api(b)
        .update('default', 'invoice-helper', {
          entity: newAgent(),
          reason: 'same',
        })
        .expect(200);
      await b.server.close();
      const again = await start(undefined, b.knex);
      const snapshot = await api(again).feed('entities').expect(200);
      expect(
        snapshot.body.entities.map((e: Entity) => e.metadata.name),
      ).toEqual(['invoice-helper']);
      const audit = (
        await api(again).audit('AiResource/default/invoice-helper').expect(200)
      ).body as AuditListResponse;
      expect(audit.items.map(i => i.action)).toEqual(['update', 'create']);
      // Nothing changed in that update, and the entry says so.
      expect(audit.items[0].changes).toEqual([]);
    });

    it('sets reviewedAt on every assessment change, and only then', async () => {
      const b = await start();
      const reviewedAt = async () =>
        (await api(b).feed('entities').expect(200)).body.entities[0].metadata
          .annotations['agent-risk.io/reviewed-at'];
      await api(b).create({ entity: newAgent(), reason: 'new' }).expect(201);
      const first = await reviewedAt();
      expect(Date.parse(first)).not.toBeNaN();
      // A title change is no review.
      await api(b)
        .update('default', 'invoice-helper', {
          entity: newAgent({ title: 'Invoice Helper 2' }),
          reason: 'rename',
        })
        .expect(200);
      expect(await reviewedAt()).toBe(first);
      // A new factor value is.
      await new Promise(r => setTimeout(r, 5));
      await api(b)
        .update('default', 'invoice-helper', {
          entity: newAgent({ factor: '0.6' }),
          reason: 'reassessed',
        })
        .expect(200);
      const second = await reviewedAt();
      expect(Date.parse(second)).toBeGreaterThan(Date.parse(first));
      const record = await api(b)
        .agent('AiResource/default/invoice-helper')
        .expect(200);
      expect(record.body.reviewedAt).toBe(second);
      expect(record.body.reviewOverdue).toBe(false);
    });
  },
);
