import { http, HttpResponse } from 'msw';
import { mockApis } from '@backstage/test-utils';
import {
  agentRiskRoutes,
  AgentRiskRouteName,
  AgentRiskRoute,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskApi } from './AgentRiskApi';
import { AgentRiskClient } from './AgentRiskClient';
import { BACKEND_URL, setupAgentRiskServer } from '../__testUtils__/TestApp';
import { agentEntity } from '../__testUtils__/fixtures';

const ref = { kind: 'AiResource', namespace: 'default', name: 'support-bot' };

/** One call of every client method, with every option it takes. */
const calls: Record<
  keyof AgentRiskApi,
  (api: AgentRiskApi) => Promise<unknown>
> = {
  listAgents: api =>
    api.listAgents({
      owner: ['group:default/a'],
      severity: ['critical'],
      status: ['scored'],
      system: ['helpdesk'],
      lifecycle: ['production'],
      acceptance: ['accepted', 'pending'],
      q: 'bot',
      includeSubgroups: true,
      reviewOverdue: false,
      orderBy: 'name',
      order: 'asc',
      limit: 5,
      cursor: 'c',
    }),
  getAgent: api => api.getAgent(ref),
  getReachedBy: api =>
    api.getReachedBy(
      { kind: 'API', namespace: 'default', name: 'github-mcp' },
      { limit: 5 },
    ),
  getSummary: api =>
    api.getSummary({
      owner: ['group:default/a'],
      includeSubgroups: true,
      reviewOverdue: true,
    }),
  getTrends: api =>
    api.getTrends({
      days: 30,
      owner: ['group:default/a'],
      includeSubgroups: true,
      severity: ['critical'],
    }),
  exportCsv: api => api.exportCsv({ severity: ['high'], orderBy: 'owner' }),
  exportCycloneDx: api =>
    api.exportCycloneDx({ severity: ['high'], orderBy: 'owner', limit: 5 }),
  score: api => api.score(agentEntity(), 'aivss-0.8-floor'),
  refreshAgent: api => api.refreshAgent(ref),
  registerAgent: api => api.registerAgent(agentEntity(), 'new agent'),
  updateRegistryAgent: api =>
    api.updateRegistryAgent(agentEntity(), 'raise autonomy'),
  deleteRegistryAgent: api =>
    api.deleteRegistryAgent(
      { namespace: 'default', name: 'support-bot' },
      'retired',
    ),
  fetchImportDocument: api =>
    api.fetchImportDocument(
      'https://agents.example.com/.well-known/agent.json',
    ),
  getAudit: api => api.getAudit(ref, { limit: 10, cursor: '42' }),
  listDiscoverySources: api => api.listDiscoverySources(),
  requestAcceptance: api =>
    api.requestAcceptance(ref, {
      justification: 'sandboxed',
      expiresAt: '2027-03-31',
    }),
  approveAcceptance: api => api.approveAcceptance(ref),
  revokeAcceptance: api => api.revokeAcceptance(ref, 'tools changed'),
  getMcpServerTools: api =>
    api.getMcpServerTools({ namespace: 'default', name: 'github-mcp' }),
  listMcpServers: api => api.listMcpServers(),
};

/*
 * Spec section 10.2's export, which the backend branch adds to the contract
 * (agentRiskRoutes) in parallel: until it is there, the client is checked
 * against the spec's shape (the ranking's query); once it is, against the
 * contract's own route, and this stand-in drops out by itself.
 */
const CYCLONEDX_PATH: string = '/export/cyclonedx';
const pendingRoutes: Record<string, AgentRiskRoute> = Object.values(
  agentRiskRoutes,
).some(route => route.path === CYCLONEDX_PATH)
  ? {}
  : {
      exportCycloneDx: {
        method: 'GET',
        path: CYCLONEDX_PATH,
        summary: 'CycloneDX 1.6 AI-BOM (spec section 10.2)',
        query: agentRiskRoutes.listAgents.query,
        status: 200,
        response: { type: 'empty' },
        permissions: [],
      },
    };
const routes: Record<string, AgentRiskRoute> = {
  ...agentRiskRoutes,
  ...pendingRoutes,
};

/** The contract route a request matches, by method and path. */
function routeOf(
  method: string,
  pathname: string,
): AgentRiskRouteName | undefined {
  const path = pathname.replace(/^\/api\/agent-risk/, '');
  return (Object.keys(routes) as AgentRiskRouteName[]).find(name => {
    const route = routes[name];
    const pattern = new RegExp(
      `^${route.path.replace(/\./g, '\\.').replace(/:[a-z]+/g, '[^/]+')}$`,
    );
    return route.method === method && pattern.test(path);
  });
}

/** The path parameters of a request, as express reads them. */
function paramsOf(route: AgentRiskRoute, pathname: string) {
  const names = route.path.match(/:[a-z]+/g) ?? [];
  const pattern = new RegExp(
    `^/api/agent-risk${route.path.replace(/:[a-z]+/g, '([^/]+)')}$`,
  );
  const values = pattern.exec(pathname)?.slice(1) ?? [];
  return Object.fromEntries(
    names.map((name, i) => [name.slice(1), decodeURIComponent(values[i])]),
  );
}

describe('the client and the contract', () => {
  const server = setupAgentRiskServer();
  const client = new AgentRiskClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
  });

  it.each(Object.keys(calls) as Array<keyof AgentRiskApi>)(
    '%s sends a request the contract accepts',
    async method => {
      const seen: Request[] = [];
      server.use(
        http.all(`${BACKEND_URL}/*`, async ({ request }) => {
          seen.push(request.clone());
          return HttpResponse.json({});
        }),
      );
      await calls[method](client);
      expect(seen).toHaveLength(1);
      const url = new URL(seen[0].url);
      const name = routeOf(seen[0].method, url.pathname);
      expect(name).toBeDefined();
      const route: AgentRiskRoute = routes[name!];
      // Repeated parameters arrive as arrays, as express reads them.
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const values = url.searchParams.getAll(key);
        query[key] = values.length > 1 ? values : values[0];
      }
      const body = ['POST', 'PUT'].includes(seen[0].method)
        ? await seen[0].json()
        : undefined;
      const problems = [
        route.query?.safeParse(query).error,
        route.params?.safeParse(paramsOf(route, url.pathname)).error,
        route.body?.safeParse(body).error,
      ].filter(Boolean);
      expect(problems).toEqual([]);
    },
  );

  it('covers every route but the operators’ full sync and the entity provider’s feed', async () => {
    const hit = new Set<string>();
    server.use(
      http.all(`${BACKEND_URL}/*`, ({ request }) => {
        hit.add(routeOf(request.method, new URL(request.url).pathname) ?? '?');
        return HttpResponse.json({});
      }),
    );
    for (const call of Object.values(calls)) {
      await call(client);
    }
    expect([...hit].sort()).toEqual(
      Object.keys(routes)
        .filter(
          name =>
            ![
              'triggerSync',
              'getRegistrySnapshot',
              'getRegistryChanges',
            ].includes(name),
        )
        .sort(),
    );
  });
});
