import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuditListResponse,
  REVIEWED_AT_ANNOTATION,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { registryTestAgent as newAgent } from '../__testUtils__/entities';
import {
  AgentRiskTestBackend,
  syncNow,
  TestPolicy,
  userAuth,
} from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests({ timeoutMs: 90_000 });

const GUEST = 'user:default/guest';
const ERIN = 'user:default/erin';
const MALLORY = 'user:default/mallory';
const AGENT = 'airesource/default/invoice-helper';

const inDays = (days: number) =>
  new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

/**
 * Spec section 11: records belong to a registration, not to a name; owners
 * are the caller or the caller's groups unless agent-risk.agent.assign; the
 * refs an agent names are refs the caller can read; reviewed-at is the
 * registry's.
 */
describe.each(databases.eachSupportedId())(
  'registrations and owners on %p',
  databaseId => {
    const backend = on(databaseId);
    const start = (policy: TestPolicy = {}) =>
      backend.start({
        policy: { acceptanceApprovers: [ERIN], ...policy },
        memberships: {
          [GUEST]: ['group:default/ai-platform'],
          [MALLORY]: ['group:default/payments'],
        },
      });

    const api = (b: AgentRiskTestBackend) => ({
      create: (entity: unknown, user = GUEST) =>
        request(b.server)
          .post('/api/agent-risk/registry/agents')
          .set('Authorization', userAuth(user))
          .send({ entity, reason: 'New agent' }),
      update: (entity: unknown, user = GUEST) =>
        request(b.server)
          .put('/api/agent-risk/registry/agents/default/invoice-helper')
          .set('Authorization', userAuth(user))
          .send({ entity, reason: 'Change' }),
      remove: (user = GUEST) =>
        request(b.server)
          .delete(
            '/api/agent-risk/registry/agents/default/invoice-helper?reason=Retired',
          )
          .set('Authorization', userAuth(user)),
      ask: (user = GUEST) =>
        request(b.server)
          .post(`/api/agent-risk/agents/${AGENT}/acceptance`)
          .set('Authorization', userAuth(user))
          .send({
            justification: 'Compensating controls',
            expiresAt: inDays(30),
          }),
      approve: (user = ERIN) =>
        request(b.server)
          .post(`/api/agent-risk/agents/${AGENT}/acceptance/approve`)
          .set('Authorization', userAuth(user))
          .send({}),
      record: (path = AGENT, user = MALLORY) =>
        request(b.server)
          .get(`/api/agent-risk/agents/${path}`)
          .set('Authorization', userAuth(user)),
      audit: (query = '', user = MALLORY, path = AGENT) =>
        request(b.server)
          .get(`/api/agent-risk/agents/${path}/audit${query}`)
          .set('Authorization', userAuth(user)),
    });

    it('a name registered again starts clean: no acceptance, trail or history of the deleted agent (issue 17 finding 2)', async () => {
      const b = await start();
      await api(b).create(newAgent()).expect(201);
      await api(b).ask().expect(201);
      await api(b).approve().expect(200);
      expect((await api(b).record().expect(200)).body.acceptance).toMatchObject(
        { state: 'accepted', approvedBy: ERIN },
      );
      await api(b).remove().expect(204);

      // Another team takes the name with another owner.
      await api(b)
        .create(newAgent({ owner: 'group:default/payments' }), MALLORY)
        .expect(201);
      const record = (await api(b).record().expect(200)).body;
      expect(record.owner).toBe('group:default/payments');
      expect(record.acceptance).toBeNull();
      // One score: the one of the new registration.
      expect(record.history).toHaveLength(1);
      const trail = (await api(b).audit().expect(200))
        .body as AuditListResponse;
      expect(trail.items.map(i => [i.action, i.actor])).toEqual([
        ['create', MALLORY],
      ]);
      expect(trail.items[0]).not.toHaveProperty('registration');

      // The new agent asks for its own acceptance: nothing blocks it.
      await api(b).ask(MALLORY).expect(201);
    });

    it('deleting an agent ends its acceptance in the same step, audited; the earlier trail needs agent-risk.audit.history', async () => {
      const b = await start({ auditHistory: true });
      await api(b).create(newAgent()).expect(201);
      await api(b).ask().expect(201);
      await api(b).approve().expect(200);
      await api(b).remove().expect(204);
      await api(b)
        .create(newAgent({ owner: 'group:default/payments' }), MALLORY)
        .expect(201);

      const all = (await api(b).audit('?registrations=all').expect(200))
        .body as AuditListResponse;
      expect(all.items.map(i => [i.action, i.actor, i.reason])).toEqual([
        ['create', MALLORY, 'New agent'],
        ['accept-revoke', GUEST, 'The agent was deleted'],
        ['delete', GUEST, 'Retired'],
        ['accept-approve', ERIN, 'Approved: Compensating controls'],
        ['accept-request', GUEST, 'Compensating controls'],
        ['create', GUEST, 'New agent'],
      ]);
      expect(all.items[1].changes).toEqual([
        { field: 'acceptance.state', before: 'accepted', after: 'revoked' },
      ]);
      // Each entry names its registration: two agents, two registrations.
      const registrations = all.items.map(i => i.registration);
      expect(registrations.every(r => typeof r === 'string')).toBe(true);
      expect(new Set(registrations).size).toBe(2);
      expect(registrations[0]).not.toBe(registrations[1]);
      expect(new Set(registrations.slice(1)).size).toBe(1);
    });

    it('refuses earlier registrations without agent-risk.audit.history, and a malformed registrations value', async () => {
      const b = await start();
      await api(b).create(newAgent()).expect(201);
      await api(b).audit('?registrations=all').expect(403);
      await api(b).audit('?registrations=every').expect(400);
      await api(b).audit('?registrations=current').expect(200);
    });

    it('an acceptance of a YAML agent that left the catalog ends, and does not pass to a later entity of the ref', async () => {
      const b = await start();
      const path = 'airesource/default/support-bot';
      await request(b.server)
        .post(`/api/agent-risk/agents/${path}/acceptance`)
        .set('Authorization', userAuth(GUEST))
        .send({ justification: 'Known risk', expiresAt: inDays(30) })
        .expect(201);
      await request(b.server)
        .post(`/api/agent-risk/agents/${path}/acceptance/approve`)
        .set('Authorization', userAuth(ERIN))
        .send({})
        .expect(200);
      const original = b.catalog.entities;
      b.catalog.entities = original.filter(
        e => e.metadata.name !== 'support-bot',
      );
      await syncNow(b);
      b.catalog.entities = original;
      await syncNow(b);
      const { acceptance } = (await api(b).record(path).expect(200)).body;
      expect(acceptance).toMatchObject({
        state: 'revoked',
        endedReason: 'The agent left the catalog',
      });
    });

    describe('owner assignment (issue 17 finding 4)', () => {
      it('lets a user name themselves or a group they belong to, and another team only with agent-risk.agent.assign', async () => {
        const b = await start({ agentAssign: false });
        await api(b)
          .create(newAgent({ owner: 'user:default/guest' }))
          .expect(201);
        await api(b).remove().expect(204);
        // Own group, in another case and without kind: still theirs.
        await api(b)
          .create(newAgent({ owner: 'AI-Platform' }))
          .expect(201);
        await api(b).remove().expect(204);

        const refused = await api(b)
          .create(newAgent({ owner: 'group:default/payments' }))
          .expect(403);
        expect(refused.body.error.message).toMatch(/^Invalid spec\.owner: /);

        // Re-assigning on update is assigning too.
        await api(b).create(newAgent()).expect(201);
        await api(b)
          .update(newAgent({ owner: 'group:default/payments' }))
          .expect(403);
        // An update that keeps the owner is not re-assigning.
        await api(b)
          .update(newAgent({ title: 'Renamed' }))
          .expect(200);

        // A policy may grant any owner, e.g. to a security team.
        const granted = await start({ agentAssign: true });
        await api(granted)
          .create(newAgent({ owner: 'group:default/payments' }))
          .expect(201);
        await api(granted).update(newAgent()).expect(200);
      });

      it('applies to the register-agent action too', async () => {
        const b = await start({ agentAssign: false });
        await expect(
          b.actions.invoke({
            id: 'test:register-agent',
            input: {
              entity: newAgent({ owner: 'group:default/payments' }),
              reason: 'x',
            },
            credentials: mockCredentials.user(GUEST),
          }),
        ).rejects.toThrow(/Invalid spec\.owner/);
      });
    });

    it('ignores a reviewed-at from the client: the registry sets it, never in the future (issue 17 finding 4)', async () => {
      const b = await start();
      const future = '2999-01-01T00:00:00.000Z';
      const before = Date.now();
      await api(b)
        .create(
          newAgent({ extraAnnotations: { [REVIEWED_AT_ANNOTATION]: future } }),
        )
        .expect(201);
      const created = (await api(b).record(AGENT, GUEST).expect(200)).body;
      expect(Date.parse(created.reviewedAt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(created.reviewedAt)).toBeLessThanOrEqual(Date.now());

      await api(b)
        .update(
          newAgent({ extraAnnotations: { [REVIEWED_AT_ANNOTATION]: future } }),
        )
        .expect(200);
      const updated = (await api(b).record(AGENT, GUEST).expect(200)).body;
      expect(updated.reviewedAt).toBe(created.reviewedAt);
    });

    it('refuses refs the caller cannot read like refs that do not exist (issue 17 finding 9)', async () => {
      const b = await start();
      b.catalog.hiddenFromUsers.add('system:default/helpdesk');
      const hidden = await api(b)
        .create(newAgent({ system: 'helpdesk' }))
        .expect(400);
      expect(hidden.body.error.message).toBe(
        'Invalid spec.system: no such entity you can read (system:default/helpdesk)',
      );
      const missing = await api(b)
        .create(newAgent({ system: 'nowhere' }))
        .expect(400);
      expect(missing.body.error.message).toBe(
        'Invalid spec.system: no such entity you can read (system:default/nowhere)',
      );
      const dependsOn = await api(b)
        .create({
          ...newAgent(),
          spec: { ...newAgent().spec, dependsOn: ['component:default/ghost'] },
        })
        .expect(400);
      expect(dependsOn.body.error.message).toMatch(
        /^Invalid spec\.dependsOn: /,
      );

      b.catalog.hiddenFromUsers.clear();
      await api(b)
        .create(newAgent({ system: 'helpdesk' }))
        .expect(201);
      expect(
        (await api(b).record(AGENT, GUEST).expect(200)).body,
      ).toMatchObject({ system: 'system:default/helpdesk' });
    });

    it('refuses self-approval whatever the case of the ref (issue 17 finding 10a)', async () => {
      const b = await start({ acceptanceApprovers: true });
      await api(b).create(newAgent()).expect(201);
      await api(b).ask().expect(201);
      const refused = await api(b).approve('user:default/Guest').expect(403);
      expect(refused.body.error.message).toMatch(/may not approve/);
      await api(b).approve(ERIN).expect(200);
    });
  },
);
