import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AIVSS_ANNOTATIONS,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity } from '../__testUtils__/entities';
import { syncNow, TestPolicy, userAuth } from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests();
const user = mockCredentials.user('user:default/guest');

describe.each(databases.eachSupportedId())(
  'register-agent action on %p',
  databaseId => {
    const backend = on(databaseId);
    const start = (policy?: TestPolicy) =>
      backend.start({ policy, sync: false });
    const entity = agentEntity({
      name: 'mcp-registered',
      factor: '0.3',
      cvssBase: '5.0',
    });

    it('registers like POST /registry/agents: scored, audited with the caller', async () => {
      const b = await start();
      const { output } = await b.actions.invoke({
        id: 'test:register-agent',
        input: { entity, reason: 'Registered by an assistant' },
        credentials: user,
      });
      expect(output).toEqual({
        entityRef: 'airesource:default/mcp-registered',
      });
      const record = await request(b.server)
        .get('/api/agent-risk/agents/AiResource/default/mcp-registered')
        .set('Authorization', userAuth())
        .expect(200);
      expect(record.body.score).toBe(scoreEntity(entity).score);
      const audit = await request(b.server)
        .get('/api/agent-risk/agents/AiResource/default/mcp-registered/audit')
        .set('Authorization', userAuth())
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({
        actor: 'user:default/guest',
        action: 'create',
        reason: 'Registered by an assistant',
      });
    });

    it('refuses without agent-risk.agent.create, and names a malformed field', async () => {
      const denied = await start({ agentCreate: false });
      await expect(
        denied.actions.invoke({
          id: 'test:register-agent',
          input: { entity, reason: 'x' },
          credentials: user,
        }),
      ).rejects.toThrow(/agent-risk\.agent\.create/);

      const b = await start();
      const bad = agentEntity({
        name: 'bad-one',
        factor: '0.3',
        cvssBase: '5.0',
        extraAnnotations: { [AIVSS_ANNOTATIONS.threatMultiplier]: 'sometimes' },
      });
      await expect(
        b.actions.invoke({
          id: 'test:register-agent',
          input: { entity: bad, reason: 'x' },
          credentials: user,
        }),
      ).rejects.toThrow(AIVSS_ANNOTATIONS.threatMultiplier);
    });

    it('refuses a service principal, whatever the policy allows: it acts for no person', async () => {
      const b = await start();
      for (const credentials of [
        mockCredentials.service(),
        mockCredentials.service('plugin:catalog'),
        mockCredentials.service('external:assistant'),
      ]) {
        const error = await b.actions
          .invoke({
            id: 'test:register-agent',
            input: { entity, reason: 'by a token' },
            credentials,
          })
          .catch(e => e);
        expect(error).toMatchObject({
          name: 'NotAllowedError',
          message:
            "register-agent acts for a person: it needs a user's credentials, not a service principal",
        });
      }
      const [{ n }] = await b.knex('agent_risk_audit').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    // Found by the fuzz: the action's own schema let NUL through to the audit
    // insert, which PostgreSQL refused with an error that was not the caller's.
    it.each(['a\u0000b', 'bell\u0007', 'lone \ud800'])(
      'refuses a reason with control characters or invalid Unicode (%j) as bad input, storing nothing',
      async reason => {
        const b = await start();
        const error = await b.actions
          .invoke({
            id: 'test:register-agent',
            input: { entity, reason },
            credentials: user,
          })
          .catch(e => e);
        expect(error).toMatchObject({
          name: 'InputError',
          message:
            'Invalid reason: must not contain control characters or invalid Unicode',
        });
        const [{ n }] = await b.knex('agent_risk_audit').count({ n: '*' });
        expect(Number(n)).toBe(0);
      },
    );
  },
);

describe('the other assistant actions', () => {
  const [databaseId] = databases.eachSupportedId()[0];

  it('summary, what-if and validate answer as the HTTP API and the catalog do', async () => {
    const b = await on(databaseId).start({
      sync: false,
    });
    await syncNow(b);
    const summaryHttp = await request(b.server)
      .get('/api/agent-risk/summary')
      .set('Authorization', userAuth())
      .expect(200);
    const summary = await b.actions.invoke({
      id: 'test:get-agent-risk-summary',
      input: {},
      credentials: user,
    });
    expect((summary.output as any).summary.totalAgents).toBe(
      summaryHttp.body.totalAgents,
    );

    const entity = agentEntity({ name: 'x', factor: '0.5', cvssBase: '7.5' });
    const whatIf = await b.actions.invoke({
      id: 'test:score-agent-annotations',
      input: { annotations: entity.metadata.annotations },
      credentials: user,
    });
    expect((whatIf.output as any).result.score).toBe(scoreEntity(entity).score);

    const invalid = await b.actions.invoke({
      id: 'test:validate-agent-annotations',
      input: {
        annotations: {
          ...entity.metadata.annotations,
          [AIVSS_ANNOTATIONS.cvssBase]: '12',
        },
      },
      credentials: user,
    });
    expect(invalid.output).toEqual({
      valid: false,
      problems: [
        expect.objectContaining({ field: AIVSS_ANNOTATIONS.cvssBase }),
      ],
    });
  });
});
