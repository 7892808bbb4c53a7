import request from 'supertest';
import { z } from 'zod/v3';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AGENT_CSV_COLUMNS,
  agentRiskRoutes,
  AgentRiskRoute,
  isAgentEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { createTestDatabases } from '../__testUtils__/databases';
import { sampleCatalog } from '../__testUtils__/entities';
import { startAgentRiskTestBackend } from '../__testUtils__/testBackend';
import { createRouter } from './router';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const routes: Array<[string, AgentRiskRoute]> = Object.entries(agentRiskRoutes);

describe('the router and the contract', () => {
  it('mounts exactly the routes of the contract', async () => {
    // The handlers never run here: mounting needs no services.
    const router = await createRouter({} as any);
    const mounted = (router.stack as any[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method => `${method.toUpperCase()} ${layer.route.path}`,
        ),
      );
    expect(mounted.sort()).toEqual(
      routes.map(([, r]) => `${r.method} ${r.path}`).sort(),
    );
  });
});

async function callThroughRouter(
  databaseId: Parameters<typeof databases.init>[0],
  route: AgentRiskRoute,
) {
  const entities = sampleCatalog();
  const agent = entities.find(e => isAgentEntity(e))!;
  const backend = await startAgentRiskTestBackend({
    databases,
    databaseId,
    entities,
  });
  await request(backend.server)
    .post('/api/agent-risk/sync')
    .set('Authorization', mockCredentials.service.header())
    .expect(202);

  const ref = getCompoundEntityRef(agent);
  const path = route.path
    .replace(':kind', ref.kind.toLocaleLowerCase('en-US'))
    .replace(':namespace', ref.namespace)
    .replace(':name', ref.name);
  const url = `/api/agent-risk${path}`;
  const auth = mockCredentials.service.header();
  return route.method === 'GET'
    ? request(backend.server).get(url).set('Authorization', auth)
    : request(backend.server)
        .post(url)
        .set('Authorization', auth)
        .send(route.body ? { entity: agent } : {});
}

describe.each(databases.eachSupportedId())(
  'every contract route through the real router on %p',
  databaseId => {
    it.each(routes.filter(([, r]) => r.response.type === 'json'))(
      '%s answers its status with a body its response schema describes exactly',
      async (_name, route) => {
        const res = await callThroughRouter(databaseId, route);
        expect(res.status).toBe(route.status);
        const schema = (route.response as { schema: z.ZodTypeAny }).schema;
        // Parsing drops keys the schema does not know: equality means the
        // server sends exactly the contract's fields, in the contract's types.
        expect(schema.parse(res.body)).toEqual(res.body);
      },
    );

    it('exportAgentsCsv answers with the contract columns as the header', async () => {
      const res = await callThroughRouter(
        databaseId,
        agentRiskRoutes.exportAgentsCsv,
      );
      expect(res.status).toBe(agentRiskRoutes.exportAgentsCsv.status);
      expect(res.text.split('\r\n')[0]).toBe(AGENT_CSV_COLUMNS.join(','));
    });
  },
);
