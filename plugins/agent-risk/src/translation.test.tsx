import { http, HttpResponse } from 'msw';
import { screen } from '@testing-library/react';
import {
  createFrontendModule,
  createTranslationMessages,
  createTranslationResource,
} from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { mockApis } from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent } from '@testing-library/react';
import { REGISTRY_ANNOTATION } from '@agent-risk/plugin-agent-risk-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { RiskSummary } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskTranslationRef } from './alpha';
import { agentRiskApiRef, AgentRiskClient } from './api';
import { AgentRiskRankingPage } from './components/RankingPage';
import { AgentRiskTab } from './components/RiskTab';
import { AgentAuditTrail } from './components/Audit';
import { RegisterAgentPage } from './components/RegisterPage';
import { rootRouteRef } from './routes';
import { agentEntity, listItem, recordFor } from './__testUtils__/fixtures';
import {
  BACKEND_URL,
  setupAgentRiskServer,
  quietBackground,
} from './__testUtils__/TestApp';

// A partial German translation, provided the way an adopter's app does it in
// the new frontend system: a TranslationBlueprint on the app plugin and the
// language chosen through the app-language API's config.
const german = createTranslationResource({
  ref: agentRiskTranslationRef,
  translations: {
    de: () =>
      Promise.resolve({
        default: createTranslationMessages({
          ref: agentRiskTranslationRef,
          full: false,
          messages: {
            'rankingPage.title': 'Agentenrisiko',
            'rankingPage.table.columns.owner': 'Eigentümer',
            'common.severity.critical': 'Kritisch',
            'common.severity.high': 'Hoch',
            'common.severityRisk': 'Risiko: {{severity}}',
            'riskTab.headline.title': 'AIVSS-Risikobewertung',
            'riskTab.refresh.button': 'Jetzt neu bewerten',
            'registerPage.title': 'Agenten registrieren',
            'registerPage.agent.owner': 'Eigentümer',
            'registerPage.cvss.showBuilder': 'Vektor zusammenstellen',
            'registerPage.cvss.metrics.AV': 'Angriffsvektor',
            'registerPage.cvss.values.network': 'Netzwerk',
            'registerPage.submit.button': 'Registrieren',
            'auditTrail.title': 'Änderungsprotokoll',
            'auditTrail.columns.who': 'Wer',
            'auditTrail.actions.create': 'Angelegt',
          },
        }),
      }),
  },
});

function renderInGerman(element: JSX.Element) {
  const client = new AgentRiskClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
  });
  return renderInTestApp(element, {
    config: {
      app: {
        baseUrl: 'http://localhost:3000',
        extensions: [
          {
            'api:app/app-language': {
              config: {
                defaultLanguage: 'de',
                availableLanguages: ['en', 'de'],
              },
            },
          },
        ],
      },
      backend: { baseUrl: 'http://localhost:7007' },
    },
    features: [
      createFrontendModule({
        pluginId: 'app',
        extensions: [
          TranslationBlueprint.make({
            name: 'agent-risk-de',
            params: { resource: german },
          }),
        ],
      }),
    ],
    apis: [
      [agentRiskApiRef, client],
      [permissionApiRef, mockApis.permission()],
      [catalogApiRef, catalogApiMock()],
    ],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/agent-risk': rootRouteRef,
    },
  });
}

const summary: RiskSummary = {
  model: 'aivss-0.8',
  totalAgents: 2,
  bySeverity: { critical: 1, high: 1, medium: 0, low: 0, none: 0 },
  byStatus: { scored: 2, incomplete: 0, invalid: 0 },
  byOwner: [],
  histogram: [],
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

describe('agentRiskTranslationRef', () => {
  const server = setupAgentRiskServer(
    quietBackground.noTrendHistory,
    quietBackground.noAuditEntries,
  );

  it('lets an app translate the ranking page; keys it leaves out stay English', async () => {
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
    renderInGerman(<AgentRiskRankingPage />);

    expect(
      await screen.findByRole('heading', { name: 'Agentenrisiko' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('group', { name: 'Kritisch' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('columnheader', { name: 'Eigentümer' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'System' })).toBeVisible();
    expect(screen.queryByText('Agent risk')).not.toBeInTheDocument();
  });

  it('lets an app translate the Risk tab, interpolated texts included', async () => {
    const entity = agentEntity();
    server.use(
      http.get(`${BACKEND_URL}/agents/airesource/default/support-bot`, () =>
        HttpResponse.json(recordFor(entity)),
      ),
    );
    renderInGerman(
      <EntityProvider entity={entity}>
        <AgentRiskTab />
      </EntityProvider>,
    );

    expect(
      await screen.findByText('AIVSS-Risikobewertung'),
    ).toBeInTheDocument();
    // The worked example scores 7.8, band High.
    expect(await screen.findByText(/Risiko: Hoch/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Jetzt neu bewerten' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Agentic factors')).toBeInTheDocument();
    expect(screen.queryByText(/High risk/)).not.toBeInTheDocument();
  });

  it('lets an app translate the register page, the CVSS builder included', async () => {
    renderInGerman(<RegisterAgentPage />);
    expect(
      await screen.findByRole('heading', { name: 'Agenten registrieren' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Eigentümer/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Registrieren' }),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Vektor zusammenstellen' }),
    );
    expect(
      screen.getByLabelText('Angriffsvektor (AV)', { exact: false }),
    ).toBeInTheDocument();
    // Keys the app leaves out stay English.
    expect(screen.getByLabelText(/Attack complexity/)).toBeInTheDocument();
  });

  it('lets an app translate the audit trail, its actions included', async () => {
    const entity = agentEntity();
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      [REGISTRY_ANNOTATION]: 'true',
    };
    server.use(
      http.get(
        `${BACKEND_URL}/agents/airesource/default/support-bot/audit`,
        () =>
          HttpResponse.json({
            items: [
              {
                at: '2026-03-01T10:00:00.000Z',
                actor: 'user:default/guest',
                action: 'create',
                reason: 'Neu',
                changes: [],
              },
            ],
            nextCursor: null,
          }),
      ),
    );
    renderInGerman(<AgentAuditTrail entity={entity} />);
    expect(await screen.findByText('Änderungsprotokoll')).toBeInTheDocument();
    expect(
      await screen.findByRole('columnheader', { name: 'Wer' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Angelegt' })).toBeInTheDocument();
  });
});
