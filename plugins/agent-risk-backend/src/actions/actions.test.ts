import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  isAgentEntity,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { sampleCatalog } from '../__testUtils__/entities';
import {
  startAgentRiskTestBackend,
  TestPolicy,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const [databaseId] = databases.eachSupportedId()[0];
const user = mockCredentials.user('user:default/guest');

async function start(policy?: TestPolicy) {
  const b = await startAgentRiskTestBackend({
    databases,
    databaseId,
    entities: sampleCatalog(),
    policy,
  });
  await request(b.server)
    .post('/api/agent-risk/sync')
    .set('Authorization', mockCredentials.service.header())
    .expect(202);
  return b;
}

describe('agent risk actions', () => {
  it('get-agent-risk returns the record the HTTP API returns', async () => {
    const b = await start();
    const { output } = await b.actions.invoke({
      id: 'test:get-agent-risk',
      input: { entityRef: 'code-fixer' },
      credentials: user,
    });
    const entity = sampleCatalog().find(e => e.metadata.name === 'code-fixer')!;
    expect(output).toMatchObject({
      agent: {
        entityRef: 'airesource:default/code-fixer',
        score: scoreEntity(entity).score,
        rank: 1,
        history: [expect.objectContaining({ status: 'scored' })],
      },
    });
    await expect(
      b.actions.invoke({
        id: 'test:get-agent-risk',
        input: { entityRef: 'component:default/plain-service' },
        credentials: user,
      }),
    ).rejects.toThrow(/No agent risk record/);
  });

  it('list-riskiest-agents ranks by score with owner and severity filters', async () => {
    const b = await start();
    const scored = sampleCatalog()
      .filter(e => isAgentEntity(e))
      .map(e => scoreEntity(e))
      .filter(r => r.score !== null)
      .sort(
        (x, y) => y.score! - x.score! || (x.entityRef < y.entityRef ? -1 : 1),
      );
    const top = await b.actions.invoke({
      id: 'test:list-riskiest-agents',
      input: { limit: 3 },
      credentials: user,
    });
    expect((top.output as any).items.map((i: any) => i.entityRef)).toEqual(
      scored.slice(0, 3).map(r => r.entityRef),
    );
    const payments = await b.actions.invoke({
      id: 'test:list-riskiest-agents',
      input: { owner: ['payments'], severity: ['critical', 'high', 'medium'] },
      credentials: user,
    });
    expect((payments.output as any).items.map((i: any) => i.entityRef)).toEqual(
      scored
        .filter(r =>
          ['code-fixer', 'ops-pilot'].some(n => r.entityRef.endsWith(`/${n}`)),
        )
        .filter(r => ['critical', 'high', 'medium'].includes(r.severity!))
        .map(r => r.entityRef),
    );
  });

  it('honours the read permission and catalog visibility of the caller', async () => {
    const denied = await start({ read: false });
    await expect(
      denied.actions.invoke({
        id: 'test:list-riskiest-agents',
        input: {},
        credentials: user,
      }),
    ).rejects.toThrow(/agent-risk.read/);

    const conditional = await start({ catalogRead: 'conditional' });
    conditional.catalog.hiddenFromUsers = new Set([
      'airesource:default/code-fixer',
    ]);
    const list = await conditional.actions.invoke({
      id: 'test:list-riskiest-agents',
      input: { limit: 100 },
      credentials: user,
    });
    expect(
      (list.output as any).items.map((i: any) => i.entityRef),
    ).not.toContain('airesource:default/code-fixer');
    await expect(
      conditional.actions.invoke({
        id: 'test:get-agent-risk',
        input: { entityRef: 'airesource:default/code-fixer' },
        credentials: user,
      }),
    ).rejects.toThrow(/No agent risk record/);
  });
});
