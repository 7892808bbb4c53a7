import { http, HttpResponse } from 'msw';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Routes, Route } from 'react-router-dom';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { agentRiskApiRef, AgentRiskClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { BACKEND_URL, setupAgentRiskServer } from '../../__testUtils__/TestApp';
import { RegisterAgentPage } from './RegisterAgentPage';
import { RegistrationProgress, SLOW_CATALOG_MS } from './RegistrationProgress';
import { CODEGEN_THREAT_MODEL } from '../../__testUtils__/documents';

jest.setTimeout(120_000);

const entity = (kind: string, name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: kind === 'Group' ? { type: 'team' } : { type: 'agent' },
});

// The shipped example's document names an agent the example catalog has.
const codegenDocument = CODEGEN_THREAT_MODEL;

/**
 * Spec section 6 and issue 22 items 1-3, 6: what a person sees between an
 * empty form and the agent's page.
 */
describe('RegisterAgentPage: touched fields, a taken name, waiting for the catalog', () => {
  const server = setupAgentRiskServer();

  async function renderPage(catalog: Entity[]) {
    const catalogApi = catalogApiMock({ entities: catalog });
    const client = new AgentRiskClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [agentRiskApiRef, client],
          [catalogApiRef, catalogApi],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
        ]}
      >
        <Routes>
          <Route path="/" element={<RegisterAgentPage />} />
          <Route
            path="/catalog/:namespace/:kind/:name/risk"
            element={<div data-testid="risk-tab">Risk tab</div>}
          />
        </Routes>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/agent-risk': rootRouteRef,
        },
      },
    );
    return { catalogApi };
  }

  async function fillValidForm(name: string) {
    fireEvent.change(screen.getByLabelText(/^Name/), {
      target: { value: name },
    });
    await userEvent.click(screen.getByLabelText(/^Owner/));
    await userEvent.click(
      await within(screen.getByRole('listbox')).findByText('AI Platform'),
    );
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'New agent' },
    });
  }

  it('opens without red errors; a field says its problem once left, all say theirs on submit', async () => {
    await renderPage([entity('Group', 'ai-platform', 'AI Platform')]);
    const form = screen.getByTestId('agent-risk-register-page');
    expect(form.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(form.querySelectorAll('.Mui-error')).toHaveLength(0);
    // The neutral list still says what is missing, by label.
    expect(
      screen.getByTestId('agent-risk-register-problems'),
    ).toHaveTextContent(/^To fix first: Name, Owner/);

    // Leaving the Name field empty: now it says so, the Owner does not yet.
    const name = screen.getByLabelText(/^Name/);
    fireEvent.focus(name);
    fireEvent.blur(name);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Owner/)).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Register agent' }));
    expect(screen.getByLabelText(/^Owner/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      screen.getByText('is required: pick one from the catalog'),
    ).toBeInTheDocument();
  });

  it('says a taken name at the Name field, in words', async () => {
    server.use(
      http.post(`${BACKEND_URL}/registry/agents`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message:
                'airesource:default/codegen is taken: the catalog already has an entity of that name',
            },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    await renderPage([entity('Group', 'ai-platform', 'AI Platform')]);
    await fillValidForm('codegen');
    fireEvent.click(screen.getByRole('button', { name: 'Register agent' }));
    const name = screen.getByLabelText(/^Name/);
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(
      screen.getByText(
        'An agent named codegen already exists: choose another name',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/is taken/)).not.toBeInTheDocument();
    // Another name clears it.
    fireEvent.change(name, { target: { value: 'codegen-helper' } });
    expect(name).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('prefills a shipped example with a name the catalog does not have, and says so on its own line', async () => {
    await renderPage([
      entity('Group', 'ai-platform', 'AI Platform'),
      entity('AiResource', 'codegen', 'Codegen'),
      entity('AiResource', 'codegen-2'),
    ]);
    fireEvent.change(screen.getByLabelText(/Paste a threat-model document/), {
      target: { value: codegenDocument },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prefill' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Name/)).toHaveValue('codegen-3'),
    );
    const status = screen.getByRole('status');
    expect(within(status).getAllByRole('listitem')[0]).toHaveTextContent(
      'An agent named codegen already exists: the name is codegen-3 instead.',
    );
    // Each import warning on a line of its own, by field label.
    const lines = within(status)
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(lines.length).toBeGreaterThan(1);
    // Each line starts with a label, not an annotation key.
    expect(lines).toContain(
      'MAESTRO layers: no paragraph for L2, L3, L4, L5, L6, L7 (truncated?); imported L1',
    );
    for (const line of lines) {
      expect(line).not.toMatch(/^(aivss\.owasp\.org|maestro\.)/);
    }
  });

  it('says what happens while the catalog takes the agent in, then opens its Risk tab', async () => {
    server.use(
      http.post(`${BACKEND_URL}/registry/agents`, () =>
        HttpResponse.json(
          { entityRef: 'airesource:default/helper' },
          { status: 201 },
        ),
      ),
    );
    const { catalogApi } = await renderPage([
      entity('Group', 'ai-platform', 'AI Platform'),
    ]);
    await fillValidForm('helper');
    // The catalog has not got it for the first answers.
    let asked = 0;
    jest.spyOn(catalogApi, 'getEntities').mockImplementation(async () => {
      asked += 1;
      return asked < 3
        ? { items: [] }
        : { items: [entity('AiResource', 'helper')] };
    });
    fireEvent.click(screen.getByRole('button', { name: 'Register agent' }));
    expect(
      await screen.findByText('Registered. Waiting for the catalog…'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Register agent' }),
    ).toBeDisabled();
    expect(
      await screen.findByTestId('risk-tab', {}, { timeout: 5_000 }),
    ).toBeInTheDocument();
  });

  it('past 15 s says the agent is saved and links to it and to the ranking', async () => {
    await renderInTestApp(
      <RegistrationProgress
        entityRef="airesource:default/helper"
        startedAt={Date.now() - SLOW_CATALOG_MS - 1_000}
        gaveUp={false}
      />,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/agent-risk': rootRouteRef,
        },
      },
    );
    expect(screen.getByText(/^16 s$/)).toBeInTheDocument();
    expect(screen.getByText(/The agent is saved/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'its Risk tab' })).toHaveAttribute(
      'href',
      '/catalog/default/airesource/helper/risk',
    );
    expect(screen.getByRole('link', { name: 'the ranking' })).toHaveAttribute(
      'href',
      '/agent-risk',
    );
  });

  it('leaves an empty MAESTRO layer not assessed, and saves no confidence for it', async () => {
    const posted: any[] = [];
    server.use(
      http.post(`${BACKEND_URL}/registry/agents`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(
          { entityRef: 'airesource:default/helper' },
          { status: 201 },
        );
      }),
    );
    await renderPage([entity('Group', 'ai-platform', 'AI Platform')]);
    const l1 = document.getElementById('register-l1-confidence')!;
    expect(l1).toHaveTextContent('not assessed');
    fireEvent.change(screen.getByLabelText('L1 Foundation Models'), {
      target: { value: 'A hosted model.' },
    });
    expect(l1).toHaveTextContent('mapped');
    expect(document.getElementById('register-l2-confidence')).toHaveTextContent(
      'not assessed',
    );
    await fillValidForm('helper');
    fireEvent.click(screen.getByRole('button', { name: 'Register agent' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    const keys = Object.keys(posted[0].entity.metadata.annotations);
    expect(keys.filter(k => k.endsWith('-confidence'))).toEqual([]);
    expect(keys).toContain(
      'maestro.cloudsecurityalliance.org/l1-foundation-models',
    );
  });
});
