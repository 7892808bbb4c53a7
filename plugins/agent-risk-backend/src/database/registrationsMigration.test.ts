import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { AcceptanceService } from '../acceptance/AcceptanceService';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { createAgentRiskDatabase } from './AgentRiskDatabase';

const { databases } = setUpBackendTests();
const directory = resolvePackagePath(
  '@agent-risk/plugin-agent-risk-backend',
  'migrations',
);

const REGISTRATIONS_MIGRATION = '20261201000000';

/** Undoes the migration of this version and every later one, latest first. */
async function undoFrom(knex: Knex, version: string) {
  while ((await knex.migrate.currentVersion({ directory })) >= version) {
    await knex.migrate.down({ directory });
  }
}

const REBORN = 'airesource:default/reborn';
const YAML = 'airesource:default/yaml-bot';
const GONE = 'airesource:default/gone';

describe.each(databases.eachSupportedId())(
  'the registrations migration on %p',
  databaseId => {
    it('gives current registry agents their current trail and acceptance, and earlier agents of the name their own', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      // Back to the store as the release before wrote it (later migrations
      // first, which tests their down steps too).
      await undoFrom(knex, REGISTRATIONS_MIGRATION);
      expect(
        await knex.schema.hasColumn('agent_risk_audit', 'registration_id'),
      ).toBe(false);

      const entry = (entity_ref: string, action: string, at: string) => ({
        entity_ref,
        action,
        at,
        actor: 'user:default/guest',
        reason: action,
        changes_json: '[]',
      });
      await knex('agent_risk_audit').insert([
        entry(REBORN, 'create', '2026-10-01T00:00:00.000Z'),
        entry(REBORN, 'accept-request', '2026-10-02T00:00:00.000Z'),
        entry(YAML, 'accept-request', '2026-10-02T00:00:00.000Z'),
        entry(REBORN, 'accept-approve', '2026-10-03T00:00:00.000Z'),
        entry(GONE, 'create', '2026-10-03T00:00:00.000Z'),
        entry(REBORN, 'delete', '2026-10-04T00:00:00.000Z'),
        entry(GONE, 'delete', '2026-10-04T00:00:00.000Z'),
        entry(REBORN, 'create', '2026-10-05T00:00:00.000Z'),
        entry(REBORN, 'update', '2026-10-06T00:00:00.000Z'),
      ]);
      await knex('agent_risk_registry').insert({
        entity_ref: REBORN,
        namespace: 'default',
        name: 'reborn',
        entity_json: JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'AiResource',
          metadata: { name: 'reborn', namespace: 'default' },
          spec: { owner: 'group:default/payments' },
        }),
        created_by: 'user:default/mallory',
        created_at: '2026-10-05T00:00:00.000Z',
        updated_by: 'user:default/mallory',
        updated_at: '2026-10-06T00:00:00.000Z',
      });
      const acceptance = (entity_ref: string) => ({
        entity_ref,
        state: 'accepted',
        justification: 'Known risk',
        expires_at: '2999-01-01T00:00:00.000Z',
        requested_by: 'user:default/guest',
        requested_at: '2026-10-02T00:00:00.000Z',
        approved_by: 'user:default/erin',
        approved_at: '2026-10-03T00:00:00.000Z',
        severity_at_request: 'medium',
        score_at_request: 5,
      });
      // The earlier agent's acceptance, still accepted: what issue 17 found.
      await knex('agent_risk_acceptance').insert([
        acceptance(REBORN),
        acceptance(YAML),
      ]);

      // Runs the remaining migrations.
      const {
        audit,
        acceptance: acceptanceStore,
        registry,
      } = await createAgentRiskDatabase(knex);
      const [reborn] = await registry.getMany([REBORN]);
      expect(reborn.registrationId).toMatch(/^[0-9a-f-]{36}$/);

      const trail = async (ref: string, registration: string | null | 'all') =>
        (await audit.list(ref, { limit: 50 }, registration)).map(e => [
          e.action,
          e.registrationId,
        ]);
      expect(await trail(REBORN, reborn.registrationId)).toEqual([
        ['update', reborn.registrationId],
        ['create', reborn.registrationId],
      ]);
      const all = await trail(REBORN, 'all');
      expect(all).toHaveLength(6);
      const earlier = all[2][1];
      expect(earlier).toMatch(/^[0-9a-f-]{36}$/);
      expect(earlier).not.toBe(reborn.registrationId);
      expect(all.slice(2).every(([, r]) => r === earlier)).toBe(true);
      // A YAML agent's entries belong to no registration.
      expect(await trail(YAML, null)).toEqual([['accept-request', null]]);
      // Another name's registration is its own.
      const gone = await trail(GONE, 'all');
      expect(gone.map(([a]) => a)).toEqual(['delete', 'create']);
      expect(gone[0][1]).not.toBe(earlier);
      expect(gone[0][1]).not.toBe(reborn.registrationId);

      const service = new AcceptanceService({
        store: acceptanceStore,
        registry,
        scores: {
          getAgent: async () =>
            ({ status: 'scored', severity: 'medium', score: 5 } as any),
        },
        logger: mockServices.logger.mock(),
        maxDays: 365,
      });
      // The earlier agent's acceptance is not the new agent's; the YAML one stays.
      const current = await service.current([REBORN, YAML]);
      expect([...current.keys()]).toEqual([YAML]);
      expect(current.get(YAML)?.state).toBe('accepted');
      // The sweep ends the earlier agent's, audited in its registration.
      const ended = await service.sweep();
      expect(ended.map(e => [e.entityRef, e.cause])).toEqual([
        [REBORN, 'agent-gone'],
      ]);
      expect(ended[0].acceptance).toMatchObject({
        state: 'revoked',
        endedReason: 'The agent was deleted',
      });
      expect((await trail(REBORN, 'all'))[0]).toEqual(['accept-end', earlier]);

      // And back down: the columns go.
      await undoFrom(knex, REGISTRATIONS_MIGRATION);
      for (const table of [
        'agent_risk_registry',
        'agent_risk_audit',
        'agent_risk_acceptance',
      ]) {
        expect(await knex.schema.hasColumn(table, 'registration_id')).toBe(
          false,
        );
      }
    });
  },
);
