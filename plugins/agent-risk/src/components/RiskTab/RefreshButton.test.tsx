import { http, HttpResponse } from 'msw';
import { screen, waitFor } from '@testing-library/react';
import { agentEntity } from '../../__testUtils__/fixtures';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { RefreshButton } from './RefreshButton';

// Its own file: usePermission caches decisions for the whole module registry,
// so an ALLOW from another test would leak into this one.
describe('RefreshButton', () => {
  const server = setupAgentRiskServer();

  it('is disabled without the refresh permission and never calls the backend', async () => {
    let called = false;
    server.use(
      http.post(`${BACKEND_URL}/agents/:kind/:namespace/:name/refresh`, () => {
        called = true;
        return HttpResponse.json({});
      }),
    );
    await renderWithAgentRiskApi(
      <RefreshButton entity={agentEntity()} onRefreshed={() => {}} />,
      { canRefresh: false },
    );
    const button = screen.getByRole('button', { name: 'Refresh now' });
    await waitFor(() =>
      expect(button).toHaveAttribute(
        'title',
        'You need the agent-risk.refresh permission',
      ),
    );
    expect(button).toBeDisabled();
    expect(called).toBe(false);
  });
});
