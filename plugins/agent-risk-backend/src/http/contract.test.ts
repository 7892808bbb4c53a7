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
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { startDocumentServer } from '../__testUtils__/documentServer';
import { agentEntity, sampleCatalog } from '../__testUtils__/entities';
import {
  catalogAuth,
  pluginAuth,
  userAuth,
} from '../__testUtils__/testBackend';
import { createRouter } from './router';

const { databases, on } = setUpBackendTests();

/** What `POST /import/fetch` reads: a served agent card on an allowed host. */
let documents: Awaited<ReturnType<typeof startDocumentServer>>;
beforeAll(async () => {
  documents = await startDocumentServer({
    '/agent.json': JSON.stringify({ name: 'Contract agent', skills: [] }),
  });
});
afterAll(() => documents.close());
const routes: Array<[string, AgentRiskRoute]> = Object.entries(agentRiskRoutes);
const METHODS = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  DELETE: 'delete',
} as const;

describe('the router and the contract', () => {
  it('lets only users call a route that needs more than agent-risk.read: those act for a person', () => {
    for (const [name, route] of routes) {
      const actsForAPerson = route.permissions.some(
        p => p.name !== 'agent-risk.read',
      );
      expect({
        name,
        callers: actsForAPerson ? route.callers : 'any',
      }).toEqual({ name, callers: actsForAPerson ? ['user'] : 'any' });
    }
  });

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

/** A registry agent: the registry routes act on one. */
const registered = agentEntity({
  name: 'contract-agent',
  owner: 'group:default/ai-platform',
  factor: '0.5',
  cvssBase: '7.0',
});

async function callThroughRouter(
  databaseId: Parameters<typeof databases.init>[0],
  route: AgentRiskRoute,
) {
  const entities = sampleCatalog();
  const backend = await on(databaseId).start({
    sync: false,
    entities,
    config: documents.fetchConfig,
  });
  // Another user than the one who asks for the acceptance (four eyes); the
  // registry feed takes only the catalog's own token.
  const user = userAuth('user:default/contract');
  const auth = route.callers?.includes('user') === false ? catalogAuth() : user;
  await request(backend.server)
    .post('/api/agent-risk/sync')
    .set('Authorization', user)
    .expect(202);

  const isRegistryRoute = route.path.startsWith('/registry/agents');
  if (isRegistryRoute && route.method !== 'POST') {
    await request(backend.server)
      .post('/api/agent-risk/registry/agents')
      .set('Authorization', user)
      .send({ entity: registered, reason: 'set up' })
      .expect(201);
  }
  const agent = isRegistryRoute
    ? registered
    : entities.find(e => isAgentEntity(e))!;
  const acceptance = {
    justification: 'contract',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
  if (
    route === agentRiskRoutes.approveAcceptance ||
    route === agentRiskRoutes.revokeAcceptance
  ) {
    // Asked by another user than the one who approves (four eyes).
    const ref = getCompoundEntityRef(agent);
    await request(backend.server)
      .post(
        `/api/agent-risk/agents/${ref.kind.toLocaleLowerCase('en-US')}/${
          ref.namespace
        }/${ref.name}/acceptance`,
      )
      .set('Authorization', mockCredentials.user.header())
      .send(acceptance)
      .expect(201);
  }
  // The MCP server route reads an API entity of type mcp-server.
  const target =
    route === agentRiskRoutes.getMcpServerTools
      ? entities.find(e => e.metadata.name === 'search-mcp')!
      : agent;
  const ref = getCompoundEntityRef(target);
  const path = route.path
    .replace(':kind', ref.kind.toLocaleLowerCase('en-US'))
    .replace(':namespace', ref.namespace)
    .replace(':name', ref.name);
  const url = `/api/agent-risk${path}${
    route.method === 'DELETE' ? '?reason=retired' : ''
  }`;
  let body: object = {};
  if (route === agentRiskRoutes.requestAcceptance) {
    body = acceptance;
  } else if (route === agentRiskRoutes.fetchImportDocument) {
    body = { url: documents.url('/agent.json') };
  } else if (route.body) {
    body = { entity: agent, reason: 'contract' };
  }
  const server = request(backend.server);
  switch (route.method) {
    case 'GET':
      return server.get(url).set('Authorization', auth);
    case 'PUT':
      return server.put(url).set('Authorization', auth).send(body);
    case 'DELETE':
      return server.delete(url).set('Authorization', auth);
    default:
      return server.post(url).set('Authorization', auth).send(body);
  }
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

    it.each(routes.filter(([, r]) => r.response.type === 'empty'))(
      '%s answers its status with no body',
      async (_name, route) => {
        const res = await callThroughRouter(databaseId, route);
        expect(res.status).toBe(route.status);
        expect(res.text).toBe('');
      },
    );

    it.each(
      routes.filter(
        ([, r]) => r.callers !== undefined && !r.callers.includes('user'),
      ),
    )(
      "%s refuses user tokens and every service token but the catalog's",
      async (_name, route) => {
        const backend = await on(databaseId).start({
          sync: false,
        });
        for (const auth of [
          mockCredentials.user.header(),
          // A static external access token (backend.auth.externalAccess).
          mockCredentials.service.header(),
          pluginAuth('scaffolder'),
          pluginAuth('catalog-other'),
        ]) {
          const res = await request(backend.server)
            .get(`/api/agent-risk${route.path}?after=0`)
            .set('Authorization', auth);
          expect(res.status).toBe(403);
        }
        const catalog = await request(backend.server)
          .get(`/api/agent-risk${route.path}?after=0`)
          .set('Authorization', catalogAuth());
        expect(catalog.status).toBe(200);
      },
    );

    it('refuses service tokens, even the catalog’s, on every route that acts for a person, before reading the request', async () => {
      const backend = await on(databaseId).start({
        sync: false,
      });
      const personRoutes = routes.filter(
        ([, r]) => r.callers?.includes('service') === false,
      );
      expect(personRoutes.length).toBeGreaterThan(0);
      for (const [name, route] of personRoutes) {
        const url = `/api/agent-risk${route.path
          .replace(':kind', 'airesource')
          .replace(':namespace', 'default')
          .replace(':name', 'support-bot')}`;
        for (const auth of [
          // A static external access token (backend.auth.externalAccess).
          mockCredentials.service.header(),
          pluginAuth('scaffolder'),
          catalogAuth(),
        ]) {
          const res = await request(backend.server)
            [METHODS[route.method]](url)
            .set('Authorization', auth)
            .send({});
          expect({ name, auth, status: res.status }).toEqual({
            name,
            auth,
            status: 403,
          });
        }
      }
    });

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
