import { readFileSync } from 'fs';
import { resolve } from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The action's other end: the real registry, in the same test backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import agentRiskPlugin from '@agent-risk/plugin-agent-risk-backend';
import { scoreEntity } from '@agent-risk/plugin-agent-risk-common';
import { scaffolderModuleAgentRisk } from './module';
import { toAgentEntity } from './actions/agentEntity';

jest.setTimeout(120_000);

/** The example app's template, as the catalog serves it. */
const template: Entity = {
  ...parse(
    readFileSync(
      resolve(
        __dirname,
        '../../../examples/templates/register-agent/template.yaml',
      ),
      'utf8',
    ),
  ),
};
template.metadata.namespace = 'default';

const ALICE = 'user:default/alice';
/** Signed in, but the policy does not let her register agents. */
const MALLORY = 'user:default/mallory';

const catalogEntities: Entity[] = [
  template,
  ...[ALICE, MALLORY].map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: ['group:default/ai-platform'] },
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'ai-platform', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'finance', namespace: 'default' },
    spec: { owner: 'group:default/ai-platform' },
  },
];

/**
 * What a person fills in on the template's form: the example values beside
 * the template (the e2e run fills the same ones), under `name`.
 */
const EXAMPLE_VALUES = JSON.parse(
  readFileSync(
    resolve(
      __dirname,
      '../../../examples/templates/register-agent/example-values.json',
    ),
    'utf8',
  ),
);
const values = (name: string, aivss: Record<string, unknown> = {}) => ({
  name,
  ...EXAMPLE_VALUES,
  aivss: { ...EXAMPLE_VALUES.aivss, ...aivss },
});

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleAgentRisk,
      agentRiskPlugin,
      catalogServiceMock.factory({ entities: catalogEntities }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' } },
      }),
      mockServices.permissions.mock({
        // A real decision per caller: only what reaches the registry as
        // Mallory is refused, so a pass proves whose credentials it carried.
        authorize: async (requests, options) =>
          requests.map(r => ({
            result:
              (r as any).permission?.name === 'agent-risk.agent.create' &&
              (options?.credentials?.principal as any)?.userEntityRef ===
                MALLORY
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })) as any,
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
      }).factory,
    ],
  });
  return server;
}

type Server = Awaited<ReturnType<typeof startBackend>>;

const asUser = (ref = ALICE) => mockCredentials.user.header(ref);

function dryRun(server: Server, body: object, auth = asUser()) {
  return request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', auth)
    .send({ template, directoryContents: [], ...body });
}

/** Starts the template as a task and waits until it finishes. */
async function runTask(server: Server, formValues: object, auth = asUser()) {
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', auth)
    .send({
      templateRef: 'template:default/register-ai-agent',
      values: formValues,
    })
    .expect(201);
  const id = created.body.id;
  for (let attempt = 0; attempt < 200; attempt++) {
    const task = await request(server)
      .get(`/api/scaffolder/v2/tasks/${id}`)
      .set('Authorization', auth)
      .expect(200);
    if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${id}/events`)
        .set('Authorization', auth)
        .expect(200);
      const log = (events.body as Array<{ body: { message?: string } }>)
        .map(e => e.body.message ?? '')
        .join('\n');
      const completion = (events.body as any[]).find(
        e => e.type === 'completion',
      );
      return { status: task.body.status, log, output: completion?.body.output };
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`Task ${id} did not finish`);
}

const agentRecord = (server: Server, name: string) =>
  request(server)
    .get(`/api/agent-risk/agents/AiResource/default/${name}`)
    .set('Authorization', asUser());

describe('the Register an AI agent template through the scaffolder', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startBackend();
  });

  it('dry run: checks and scores the agent, and registers nothing', async () => {
    const res = await dryRun(server, { values: values('dry-helper') }).expect(
      200,
    );
    const log = (res.body.log as Array<{ body: { message: string } }>)
      .map(l => l.body.message)
      .join('\n');
    const expected = scoreEntity(
      toAgentEntity({ ...values('dry-helper'), kind: 'AiResource' }),
    );
    expect(res.body.output).toMatchObject({
      links: [
        { title: 'Open the agent', entityRef: 'airesource:default/dry-helper' },
        { title: 'See the risk ranking', url: '/agent-risk' },
      ],
    });
    expect(log).toContain('Dry run: nothing was registered');
    expect(log).toContain(`scored ${expected.score} (${expected.severity})`);
    await agentRecord(server, 'dry-helper').expect(404);
  });

  it('runs the template: registers the agent as the user, and agent-risk scores it', async () => {
    const task = await runTask(server, values('invoice-helper'));
    expect(task).toMatchObject({ status: 'completed' });
    expect(task.output.links[0]).toEqual({
      title: 'Open the agent',
      icon: 'catalog',
      entityRef: 'airesource:default/invoice-helper',
    });

    const record = await agentRecord(server, 'invoice-helper').expect(200);
    const expected = scoreEntity(toAgentEntity(values('invoice-helper')));
    expect(record.body).toMatchObject({
      status: 'scored',
      score: expected.score,
      title: 'Invoice Helper',
      owner: 'group:default/ai-platform',
      system: 'system:default/finance',
    });
    expect(expected.score).toBeGreaterThan(0);

    const audit = await request(server)
      .get('/api/agent-risk/agents/AiResource/default/invoice-helper/audit')
      .set('Authorization', asUser())
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: ALICE,
        action: 'create',
        reason: 'New invoice assistant for the finance team',
      }),
    ]);

    // Once only: the same name again is the registry's 409, in words.
    const again = await runTask(server, values('invoice-helper'));
    expect(again.status).toBe('failed');
    expect(again.log).toMatch(
      /Registering the agent was refused \(409\).*taken/,
    );
  });

  it('refuses a bad AIVSS value with the field named, on the form and in the registry', async () => {
    // Outside the form's choices: the scaffolder's check of the parameters.
    const res = await dryRun(server, {
      values: values('bad-factor', { 'autonomy-of-action': 2 }),
    }).expect(400);
    expect(JSON.stringify(res.body.errors)).toContain(
      'instance.aivss.autonomy-of-action',
    );

    // Past the form's pattern, refused by the registry's own checks.
    const badVector = {
      'cvss-base': undefined,
      'cvss-vector': 'CVSS:4.0/AV:X',
    };
    const dry = await dryRun(server, {
      values: values('bad-vector', badVector),
    });
    expect(JSON.stringify(dry.body)).toContain(
      'Invalid aivss.owasp.org/cvss-vector',
    );
    const task = await runTask(server, values('bad-vector', badVector));
    expect(task.status).toBe('failed');
    expect(task.log).toMatch(
      /Registering the agent was refused \(400\): Invalid aivss\.owasp\.org\/cvss-vector/,
    );
    await agentRecord(server, 'bad-vector').expect(404);
  });

  it("acts with the user's own permissions", async () => {
    const task = await runTask(
      server,
      values('mallorys-agent'),
      asUser(MALLORY),
    );
    expect(task.status).toBe('failed');
    expect(task.log).toContain('Registering the agent was refused (403)');
    await agentRecord(server, 'mallorys-agent').expect(404);
  });

  it('refuses a service principal: the registry acts for a person', async () => {
    const service = mockCredentials.service.header();
    const task = await runTask(server, values('service-agent'), service);
    expect(task.status).toBe('failed');
    expect(task.log).toContain(
      'agent-risk:register registers for a signed-in user',
    );
    const dry = await dryRun(
      server,
      { values: values('service-agent') },
      service,
    );
    expect(JSON.stringify(dry.body)).toContain(
      'registers for a signed-in user',
    );
    await agentRecord(server, 'service-agent').expect(404);
  });
});
