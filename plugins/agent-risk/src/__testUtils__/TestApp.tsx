import { ReactNode } from 'react';
import { http, HttpResponse, RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { agentRiskApiRef, AgentRiskClient } from '../api';
import { rootRouteRef } from '../routes';

/** Where the tests' msw server answers as the Agent Risk backend. */
export const BACKEND_URL = 'http://localhost:7007/api/agent-risk';

/**
 * Answers for what a page asks besides what a test is about: the Risk tab's
 * audit trail and the ranking's trend. Pass them to `setupAgentRiskServer`
 * so no request goes unanswered; a test's own `server.use` comes first.
 */
export const quietBackground = {
  noAuditEntries: http.get(
    `${BACKEND_URL}/agents/:kind/:namespace/:name/audit`,
    () => HttpResponse.json({ items: [], nextCursor: null }),
  ),
  noTrendHistory: http.get(`${BACKEND_URL}/trends`, () =>
    HttpResponse.json({ points: [] }),
  ),
};

/**
 * One msw server per test file; handlers are set per test with `server.use`,
 * on top of the given defaults (which survive the reset after each test).
 */
export function setupAgentRiskServer(...defaults: RequestHandler[]) {
  const server = setupServer(...defaults);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

export interface RenderOptions {
  entity?: Entity;
  canRefresh?: boolean;
  ownershipEntityRefs?: string[];
  routeEntries?: string[];
  /** What the catalog holds (an in-memory catalog); empty by default. */
  catalogEntities?: Entity[];
}

/**
 * Renders inside a Backstage test app with the real client talking to msw
 * over the real fetch.
 */
export function renderWithAgentRiskApi(
  children: ReactNode,
  options: RenderOptions = {},
) {
  const client = new AgentRiskClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
  });
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{children}</EntityProvider>
  ) : (
    children
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [agentRiskApiRef, client],
        [catalogApiRef, catalogApiMock({ entities: options.catalogEntities })],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.canRefresh === false ? 'DENY' : 'ALLOW',
          }),
        ],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/alice',
            ownershipEntityRefs: options.ownershipEntityRefs ?? [
              'user:default/alice',
              'group:default/support',
            ],
          }),
        ],
      ]}
    >
      {content}
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/agent-risk': rootRouteRef,
      },
    },
  );
}
