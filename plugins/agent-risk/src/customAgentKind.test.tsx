import { http, HttpResponse } from 'msw';
import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  alertApiRef,
  configApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  catalogPlugin,
  EntityLayout,
  EntitySwitch,
} from '@backstage/plugin-catalog';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { agentRiskApiRef, AgentRiskClient } from './api';
import { EntityAgentRiskCard, EntityAgentRiskContent } from './plugin';
import { isAgentRiskAvailable } from './isAgentRiskAvailable';
import { agentEntity, recordFor } from './__testUtils__/fixtures';
import { BACKEND_URL, setupAgentRiskServer } from './__testUtils__/TestApp';

/** An org whose agents are `Resource` entities of type `llm-agent`. */
const appConfig = new ConfigReader({
  agentRisk: { agents: [{ kind: 'Resource', type: 'llm-agent' }] },
});

const withKind = (entity: Entity, kind: string, type: string): Entity => ({
  ...entity,
  kind,
  spec: { ...entity.spec, type },
});

// The entity page as the README tells adopters to wire it (EntityPage.tsx).
// The switch picks the agent page; its Risk route has no `if` of its own,
// because EntityLayout.Route calls `if` without the APIs and so could only
// ever see the default agent kinds.
const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isAgentRiskAvailable}>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <EntityAgentRiskCard />
        </EntityLayout.Route>
        <EntityLayout.Route path="/risk" title="Risk">
          <EntityAgentRiskContent />
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
    <EntitySwitch.Case>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <div>generic overview</div>
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
  </EntitySwitch>
);

function renderEntityPage(entity: Entity) {
  const client = new AgentRiskClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [configApiRef, appConfig],
        [agentRiskApiRef, client],
        [catalogApiRef, catalogApiMock({ entities: [entity] })],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        [alertApiRef, { post: jest.fn() }],
        [permissionApiRef, mockApis.permission()],
        [identityApiRef, mockApis.identity()],
      ]}
    >
      <EntityProvider entity={entity}>{entityPage}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog': catalogPlugin.routes.catalogIndex,
        '/catalog/:namespace/:kind/:name/*': entityRouteRef,
      },
    },
  );
}

describe('an org with a custom agent kind in agentRisk.agents', () => {
  const server = setupAgentRiskServer();

  it('gets the Risk tab and the overview card on its agents', async () => {
    const entity = withKind(agentEntity(), 'Resource', 'llm-agent');
    const record = recordFor(entity);
    server.use(
      http.get(`${BACKEND_URL}/agents/resource/default/support-bot`, () =>
        HttpResponse.json(record),
      ),
    );

    await renderEntityPage(entity);

    expect(
      await screen.findByRole('tab', { name: 'Risk' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(`AIVSS ${record.score!.toFixed(1)}`, {
        exact: false,
      }),
    ).toBeInTheDocument();
  });

  it('shows neither on kinds the org did not configure, even the defaults', async () => {
    await renderEntityPage(agentEntity());

    expect(await screen.findByText('generic overview')).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Risk' })).not.toBeInTheDocument();
    expect(screen.queryByText(/AIVSS/)).not.toBeInTheDocument();
  });
});
