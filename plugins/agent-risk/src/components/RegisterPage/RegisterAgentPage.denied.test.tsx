import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { agentRiskApiRef } from '../../api';
import { RegisterAgentPage } from './RegisterAgentPage';
import { CODEGEN_THREAT_MODEL } from '../../__testUtils__/documents';

// Its own file: usePermission caches a decision for the whole test file
// (SWR), so a denied page cannot follow allowed ones reliably.
const codegen = CODEGEN_THREAT_MODEL;

describe('RegisterAgentPage without agent-risk.agent.create', () => {
  async function renderPage() {
    const fetchImportDocument = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [agentRiskApiRef, { fetchImportDocument } as any],
          [catalogApiRef, catalogApiMock()],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <RegisterAgentPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    return { fetchImportDocument };
  }

  it('disables registering and fetching without the create permission and says why', async () => {
    const { fetchImportDocument } = await renderPage();
    expect(
      await screen.findByText(/You may not register agents/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Register agent' }),
    ).toBeDisabled();
    expect(
      screen.getByText('Disabled: you do not have agent-risk.agent.create.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/URL of an A2A agent card/)).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Fetch and prefill' }),
    ).toBeDisabled();
    expect(
      screen.getByText(
        'Fetching needs the agent-risk.agent.create permission.',
      ),
    ).toBeInTheDocument();
    // Pasting needs no permission: it only fills the form.
    fireEvent.change(screen.getByLabelText(/Paste a threat-model document/), {
      target: { value: codegen },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prefill' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Name/)).toHaveValue('codegen'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Fetch and prefill' }));
    expect(fetchImportDocument).not.toHaveBeenCalled();
  });
});
