import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { RegisterAgentButton } from './RegisterAgentButton';

// Only the denied case: usePermission caches decisions per file, and the
// allowed button is followed to the register page in alpha.test.tsx.
describe('RegisterAgentButton', () => {
  it('is disabled without agent-risk.agent.create, with a line that says why', async () => {
    const authorize = jest.fn().mockResolvedValue({ result: 'DENY' });
    await renderInTestApp(
      <TestApiProvider
        apis={[[permissionApiRef, mockApis.permission.mock({ authorize })]]}
      >
        <RegisterAgentButton />
      </TestApiProvider>,
    );
    const reason = await screen.findByText(
      'Registering agents needs the agent-risk.agent.create permission',
    );
    const button = screen.getByRole('button', { name: 'Register an agent' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAttribute('aria-describedby', reason.id);
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'agent-risk.agent.create',
        }),
      }),
    );
  });
});
