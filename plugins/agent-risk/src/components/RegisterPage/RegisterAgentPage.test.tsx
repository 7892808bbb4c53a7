import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  importAgentDocument,
  scoreAnnotations,
  SEVERITY_LABELS,
} from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import { RegisterAgentPage } from './RegisterAgentPage';

// A threat-model document in the shape of examples/threat-models (shortened).
const codegen = [
  'Codegen — agentic threat model',
  'Codegen writes code into repositories and tickets.',
  'OWASP AIVSS score rationale',
  '| Autonomy of Action | 0.80 | |',
  '| Goal-Driven Planning | 0.80 | |',
  '| Self-Modification | 0.20 | |',
  '| Dynamic Tool Use | 0.80 | |',
  '| Persistent Memory | 0.50 | |',
  '| Contextual Awareness | 0.80 | |',
  '| Dynamic Identity | 0.60 | |',
  '| Multi-Agent Interactions | 0.20 | |',
  '| Non-Determinism | 0.70 | |',
  '| Opacity & Reflexivity | 0.60 |',
  'MAESTRO 7-layer threat model',
  'Uses a hosted code model; prompt injection can plant backdoors.',
].join('\n');

const group = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'ai-platform', namespace: 'default', title: 'AI Platform' },
  spec: { type: 'team', children: [] },
};

async function renderPage(allowed = true) {
  const registerAgent = jest
    .fn()
    .mockResolvedValue({ entityRef: 'airesource:default/codegen' });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [agentRiskApiRef, { registerAgent } as any],
        [catalogApiRef, catalogApiMock({ entities: [group as any] })],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      <RegisterAgentPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { registerAgent };
}

describe('RegisterAgentPage', () => {
  it('prefills from a threat-model document, shows the common core’s live score, and registers with the reason', async () => {
    const { registerAgent } = await renderPage();
    fireEvent.change(screen.getByLabelText(/Paste a threat-model document/), {
      target: { value: codegen },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prefill' }));
    const imported = importAgentDocument(codegen);
    if (!imported.ok) throw new Error('example does not import');
    // The document carries no CVSS: the page asks for it at the field.
    expect(
      screen.getByTestId('agent-risk-register-problems'),
    ).toHaveTextContent('aivss.owasp.org/cvss-base');
    fireEvent.change(screen.getByLabelText(/CVSS 4.0 base score/), {
      target: { value: '7.5' },
    });
    const expected = scoreAnnotations({
      ...imported.entity.metadata.annotations,
      'aivss.owasp.org/cvss-base': '7.5',
    });
    expect(expected.status).toBe('scored');
    expect(
      screen.getByTestId('agent-risk-register-score').textContent,
    ).toContain(
      expected.status === 'scored'
        ? `${expected.score!.toFixed(1)} ${SEVERITY_LABELS[expected.severity!]}`
        : 'Incomplete',
    );

    // A bad factor shows the catalog's message at the field.
    const autonomy = screen.getByLabelText('Autonomy of action');
    fireEvent.change(autonomy, { target: { value: '2' } });
    expect(
      await screen.findByText(/must be a number from 0 to 1, got "2"/),
    ).toBeInTheDocument();
    fireEvent.change(autonomy, { target: { value: '0.5' } });

    // Owner and reason, then submit.
    fireEvent.mouseDown(screen.getByLabelText(/Owner/));
    fireEvent.click(await screen.findByText(/AI Platform/));
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Imported from its threat model' },
    });
    const submit = screen.getByRole('button', { name: 'Register agent' });
    expect(
      screen.queryByTestId('agent-risk-register-problems'),
    ).not.toBeInTheDocument();
    await waitFor(() => expect(submit).toBeEnabled());
    fireEvent.click(submit);
    await waitFor(() => expect(registerAgent).toHaveBeenCalled());
    const [entity, reason] = registerAgent.mock.calls[0];
    expect(reason).toBe('Imported from its threat model');
    expect(entity.spec.owner).toBe('group:default/ai-platform');
    expect(
      entity.metadata.annotations['aivss.owasp.org/autonomy-of-action'],
    ).toBe('0.5');
  });

  it('disables registering without the create permission and says why', async () => {
    await renderPage(false);
    expect(
      await screen.findByText(/You may not register agents/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Register agent' }),
    ).toBeDisabled();
  });
});
