import { http, HttpResponse } from 'msw';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  AnyApiFactory,
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { RiskSummary } from '@agent-risk/plugin-agent-risk-common';
import agentRiskPlugin, {
  agentRiskApi,
  agentRiskEntityCard,
  agentRiskEntityContent,
  agentRiskGroupEntityCard,
  agentRiskRankingPage,
} from './alpha';
import { agentRiskApiRef } from './api';
import { agentEntity, groupEntity, listItem } from './__testUtils__/fixtures';
import {
  BACKEND_URL,
  setupAgentRiskServer,
  quietBackground,
} from './__testUtils__/TestApp';

type EntityFilter = (entity: Entity) => boolean;

/** An org whose agents are `Resource`s of type `llm-agent`. */
const customAgentConfig = mockApis.config({
  data: { agentRisk: { agents: [{ kind: 'Resource', type: 'llm-agent' }] } },
});
const customAgent: Entity = {
  ...agentEntity(),
  kind: 'Resource',
  spec: { type: 'llm-agent', owner: 'group:default/support' },
};

const summary: RiskSummary = {
  model: 'aivss-0.8',
  totalAgents: 1,
  bySeverity: { critical: 1, high: 0, medium: 0, low: 0, none: 0 },
  byStatus: { scored: 1, incomplete: 0, invalid: 0 },
  byOwner: [],
  histogram: [{ from: 9, to: 10, count: 1 }],
  lastSyncAt: '2026-03-01T10:00:00.000Z',
  exposure: [],
  bySsvcOutcome: {
    Immediate: 0,
    'Out-of-Cycle': 0,
    Scheduled: 0,
    Defer: 0,
    none: 0,
  },
  ssvcOverdue: 0,
};

describe('agent-risk alpha plugin', () => {
  const server = setupAgentRiskServer(quietBackground.noTrendHistory);

  it('registers its API, page, Risk tab and cards', () => {
    expect(agentRiskPlugin.pluginId).toBe('agent-risk');
    expect(agentRiskPlugin.getExtension('api:agent-risk')).toBeDefined();
    expect(agentRiskPlugin.getExtension('page:agent-risk')).toBeDefined();
    expect(
      agentRiskPlugin.getExtension('entity-content:agent-risk'),
    ).toBeDefined();
    expect(
      agentRiskPlugin.getExtension('entity-card:agent-risk'),
    ).toBeDefined();
    expect(
      agentRiskPlugin.getExtension('entity-card:agent-risk/group'),
    ).toBeDefined();
  });

  it('provides the client factory for agentRiskApiRef', () => {
    const factory = createExtensionTester(agentRiskApi).get(
      ApiBlueprint.dataRefs.factory,
    ) as AnyApiFactory;
    expect(factory.api).toBe(agentRiskApiRef);
  });

  describe('ranking page', () => {
    it('mounts at /agent-risk with a title and icon, which make its nav item', () => {
      const tester = createExtensionTester(agentRiskRankingPage);
      expect(tester.get(coreExtensionData.routePath)).toBe('/agent-risk');
      expect(tester.get(coreExtensionData.title)).toBe('Agent risk');
      expect(tester.get(coreExtensionData.icon)).toBeDefined();
    });

    it('takes its path and title from app.extensions config', () => {
      const tester = createExtensionTester(agentRiskRankingPage, {
        config: { path: '/ai/risk', title: 'AI agent risk' },
      });
      expect(tester.get(coreExtensionData.routePath)).toBe('/ai/risk');
      expect(tester.get(coreExtensionData.title)).toBe('AI agent risk');
    });

    it('renders the ranking with scores in an app of the new frontend system, at a configured path', async () => {
      server.use(
        http.get(`${BACKEND_URL}/summary`, () => HttpResponse.json(summary)),
        http.get(`${BACKEND_URL}/agents`, () =>
          HttpResponse.json({
            items: [listItem('triage-bot', 9.1)],
            totalCount: 1,
            nextCursor: null,
          }),
        ),
      );
      renderTestApp({
        features: [agentRiskPlugin],
        initialRouteEntries: ['/ai/risk'],
        // the ranking links each agent to its catalog page
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name':
            convertLegacyRouteRef(entityRouteRef),
        },
        config: {
          backend: { baseUrl: 'http://localhost:7007' },
          app: {
            extensions: [
              { 'page:agent-risk': { config: { path: '/ai/risk' } } },
            ],
          },
        },
      });
      expect(
        await screen.findByRole(
          'link',
          { name: 'triage-bot' },
          // The page module loads lazily, as in the register page's tests.
          { timeout: 15_000 },
        ),
      ).toBeInTheDocument();
      expect(screen.getAllByText('9.1').length).toBeGreaterThan(0);
    });
  });

  describe('register page', () => {
    /** The first lazy load of a page module compiles it: slow under Jest. */
    const LAZY_LOAD = 15_000;

    // usePermission caches decisions for the whole file (SWR): the denied
    // case is tested with the components (RegisterAgentPage.test.tsx).
    function renderAt(path: string) {
      server.use(
        http.get(`${BACKEND_URL}/summary`, () => HttpResponse.json(summary)),
        http.get(`${BACKEND_URL}/agents`, () =>
          HttpResponse.json({ items: [], totalCount: 0, nextCursor: null }),
        ),
      );
      renderTestApp({
        features: [agentRiskPlugin],
        initialRouteEntries: [path],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name':
            convertLegacyRouteRef(entityRouteRef),
        },
        apis: [
          [catalogApiRef, catalogApiMock()],
          [permissionApiRef, mockApis.permission({ authorize: 'ALLOW' })],
        ],
        config: { backend: { baseUrl: 'http://localhost:7007' } },
      });
    }

    it('is the sub-route register of the ranking page, where its register button leads', async () => {
      renderAt('/agent-risk');
      // A LinkButton: an anchor with the role of a button.
      const register = await screen.findByRole(
        'button',
        { name: 'Register an agent' },
        { timeout: LAZY_LOAD },
      );
      expect(register).toHaveAttribute('href', '/agent-risk/register');
      await userEvent.click(register);
      expect(
        await screen.findByRole(
          'heading',
          { name: 'Register an agent' },
          { timeout: LAZY_LOAD },
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByTestId('agent-risk-register-page'),
      ).toBeInTheDocument();
    });

    it('opens at /agent-risk/register directly, as a link from elsewhere does', async () => {
      renderAt('/agent-risk/register');
      expect(
        await screen.findByRole(
          'heading',
          { name: 'Register an agent' },
          { timeout: LAZY_LOAD },
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Register agent' }),
      ).toBeInTheDocument();
    });
  });

  describe('Risk tab', () => {
    it('is a "Risk" tab at risk, shown for the default agent kinds only', () => {
      const tester = createExtensionTester(agentRiskEntityContent);
      expect(tester.get(coreExtensionData.routePath)).toBe('risk');
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Risk');
      const filter = tester.get(
        EntityContentBlueprint.dataRefs.filterFunction,
      ) as EntityFilter;
      expect(filter(agentEntity())).toBe(true);
      expect(filter(groupEntity)).toBe(false);
      expect(filter(customAgent)).toBe(false);
    });

    it('follows agentRisk.agents from the app config', () => {
      const filter = createExtensionTester(agentRiskEntityContent, {
        apis: [customAgentConfig],
      }).get(EntityContentBlueprint.dataRefs.filterFunction) as EntityFilter;
      expect(filter(customAgent)).toBe(true);
      expect(filter(agentEntity())).toBe(false);
    });

    it('takes path, title and filter from app.extensions config', () => {
      const tester = createExtensionTester(agentRiskEntityContent, {
        config: {
          path: 'security',
          title: 'Security',
          filter: { kind: 'component' },
        },
      });
      expect(tester.get(coreExtensionData.routePath)).toBe('security');
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
        'Security',
      );
      const filter = tester.get(
        EntityContentBlueprint.dataRefs.filterFunction,
      ) as EntityFilter;
      expect(filter({ ...groupEntity, kind: 'Component' })).toBe(true);
      expect(filter(agentEntity())).toBe(false);
    });
  });

  describe('cards', () => {
    it('shows the overview card for the default agent kinds only', () => {
      const filter = createExtensionTester(agentRiskEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ) as EntityFilter;
      expect(filter(agentEntity())).toBe(true);
      expect(
        filter({
          ...groupEntity,
          kind: 'Component',
          spec: { type: 'service' },
        }),
      ).toBe(false);
    });

    it('shows the overview card for a custom agent kind from agentRisk.agents', () => {
      const filter = createExtensionTester(agentRiskEntityCard, {
        apis: [customAgentConfig],
      }).get(EntityCardBlueprint.dataRefs.filterFunction) as EntityFilter;
      expect(filter(customAgent)).toBe(true);
    });

    it('shows the group card on groups, or where app.extensions says', () => {
      const byDefault = createExtensionTester(agentRiskGroupEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ) as EntityFilter;
      expect(byDefault(groupEntity)).toBe(true);
      expect(byDefault(agentEntity())).toBe(false);

      const configured = createExtensionTester(agentRiskGroupEntityCard, {
        config: { filter: { kind: 'group', 'spec.type': 'department' } },
      }).get(EntityCardBlueprint.dataRefs.filterFunction) as EntityFilter;
      expect(configured(groupEntity)).toBe(false);
      expect(configured({ ...groupEntity, spec: { type: 'department' } })).toBe(
        true,
      );
    });
  });
});
