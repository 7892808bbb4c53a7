import { http, HttpResponse } from 'msw';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { REGISTRY_ANNOTATION } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef, AgentRiskClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { BACKEND_URL, setupAgentRiskServer } from '../../__testUtils__/TestApp';
import { DeleteAgentButton } from './DeleteAgentButton';

jest.setTimeout(60_000);

// usePermission caches a decision per agent across renders: each test its own name.
const agent = (registry: boolean, name = 'invoice-helper'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'AiResource',
  metadata: {
    name,
    namespace: 'default',
    title: 'Invoice Helper',
    annotations: registry ? { [REGISTRY_ANNOTATION]: 'true' } : {},
  },
  spec: { type: 'agent', owner: 'group:default/ai-platform' },
});

describe('DeleteAgentButton', () => {
  const server = setupAgentRiskServer();

  async function render(entity: Entity, allow = true) {
    const alerts = { post: jest.fn(), alert$: jest.fn() };
    const authorize = jest.fn(async () => ({
      result: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    }));
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            agentRiskApiRef,
            new AgentRiskClient({
              discoveryApi: mockApis.discovery({
                baseUrl: 'http://localhost:7007',
              }),
              fetchApi: {
                fetch: (input, init) => globalThis.fetch(input, init),
              },
            }),
          ],
          [permissionApiRef, { authorize } as any],
          [alertApiRef, alerts as any],
        ]}
      >
        <Routes>
          <Route path="/" element={<DeleteAgentButton entity={entity} />} />
          <Route
            path="/agent-risk"
            element={<div data-testid="ranking">Ranking</div>}
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
    return { alerts, authorize };
  }

  it('deletes a registry agent with a reason after a confirmation, then opens the ranking with a message', async () => {
    const deleted: string[] = [];
    server.use(
      http.delete(
        `${BACKEND_URL}/registry/agents/:namespace/:name`,
        ({ request, params }) => {
          const reason = new URL(request.url).searchParams.get('reason');
          deleted.push(`${params.namespace}/${params.name}: ${reason}`);
          return new HttpResponse(null, { status: 204 });
        },
      ),
    );
    const { alerts, authorize } = await render(agent(true));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Delete agent' }),
    );
    // The permission is asked for this agent.
    expect(JSON.stringify(authorize.mock.calls)).toContain(
      'airesource:default/invoice-helper',
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Delete Invoice Helper?',
    });
    const confirm = within(dialog).getByRole('button', { name: 'Delete' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Retired: replaced by the billing agent' },
    });
    // Cancel sends nothing.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(deleted).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete agent' }));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(await screen.findByTestId('ranking')).toBeInTheDocument();
    expect(deleted).toEqual([
      'default/invoice-helper: Retired: replaced by the billing agent',
    ]);
    expect(alerts.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Invoice Helper was deleted.',
        severity: 'success',
      }),
    );
  });

  it('keeps the dialog open with the backend’s message when the delete fails', async () => {
    server.use(
      http.delete(`${BACKEND_URL}/registry/agents/:namespace/:name`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Not allowed' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await render(agent(true, 'failing-helper'));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Delete agent' }),
    );
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Retired' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Not allowed',
    );
    expect(screen.queryByTestId('ranking')).not.toBeInTheDocument();
  });

  it('offers nothing for a YAML agent or without agent-risk.agent.update', async () => {
    await render(agent(false));
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Delete agent' }),
      ).not.toBeInTheDocument(),
    );
    await render(agent(true, 'someone-elses-helper'), false);
    // Let the permission answer arrive.
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(
      screen.queryByRole('button', { name: 'Delete agent' }),
    ).not.toBeInTheDocument();
  });
});
