import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import {
  AGENTIC_FACTOR_IDS,
  AgenticFactorId,
  REGISTRY_ANNOTATION,
} from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import { annotationBlock, SaveAssessment } from './SaveAssessment';

const factors = Object.fromEntries(
  AGENTIC_FACTOR_IDS.map(id => [id, 0.5]),
) as Record<AgenticFactorId, number>;
/** Where the what-if started: the owner then moved one factor. */
const initial = {
  factors,
  cvssBase: 7.5,
  threatMultiplier: 1,
  mitigationFactor: 1,
};
const inputs = {
  ...initial,
  factors: { ...factors, 'autonomy-of-action': 0.9 },
};

const agent = (
  annotations: Record<string, string>,
  name = 'invoice-helper',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'AiResource',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'aivss.owasp.org/cvss-base': '7.5',
      'aivss.owasp.org/autonomy-of-action': '0.5',
      ...annotations,
    },
  },
  spec: { type: 'agent', owner: 'group:default/ai-platform', lifecycle: 'x' },
});

async function render(entity: Entity, allowed = true) {
  const updateRegistryAgent = jest
    .fn()
    .mockResolvedValue({ entityRef: 'airesource:default/invoice-helper' });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [agentRiskApiRef, { updateRegistryAgent } as any],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      <SaveAssessment entity={entity} initial={initial} inputs={inputs} />
    </TestApiProvider>,
  );
  return { updateRegistryAgent };
}

describe('SaveAssessment', () => {
  it('saves a registry agent’s new inputs with the required reason', async () => {
    const { updateRegistryAgent } = await render(
      agent({ [REGISTRY_ANNOTATION]: 'true' }),
    );
    const save = screen.getByRole('button', { name: 'Save as the assessment' });
    expect(save).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Reason for the change/), {
      target: { value: 'Runs unattended now' },
    });
    await waitFor(() => expect(save).toBeEnabled());
    fireEvent.click(save);
    await waitFor(() => expect(updateRegistryAgent).toHaveBeenCalled());
    const [entity, reason] = updateRegistryAgent.mock.calls[0];
    expect(reason).toBe('Runs unattended now');
    expect(
      entity.metadata.annotations['aivss.owasp.org/autonomy-of-action'],
    ).toBe('0.9');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Saved as the assessment',
    );
  });

  it('sends only the input the owner changed, and only the registry’s fields', async () => {
    const written = {
      'aivss.owasp.org/cvss-vector':
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N',
      'aivss.owasp.org/mitigation-factor': 'partial',
      'aivss.owasp.org/threat-multiplier': 'unreported',
    };
    const entity = agent({ [REGISTRY_ANNOTATION]: 'true', ...written });
    const { ['aivss.owasp.org/cvss-base']: _base, ...annotations } =
      entity.metadata.annotations!;
    const { updateRegistryAgent } = await render({
      ...entity,
      metadata: {
        ...entity.metadata,
        uid: 'a-uid',
        etag: 'an-etag',
        annotations: {
          ...annotations,
          'backstage.io/managed-by-location': 'agent-risk-registry:default/x',
        },
      },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/ai-platform' }],
    });
    fireEvent.change(screen.getByLabelText(/Reason for the change/), {
      target: { value: 'Runs unattended now' },
    });
    fireEvent.click(
      screen.getByRole('button', { name: 'Save as the assessment' }),
    );
    await waitFor(() => expect(updateRegistryAgent).toHaveBeenCalled());
    const [sent] = updateRegistryAgent.mock.calls[0];
    expect(sent).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'AiResource',
      metadata: {
        name: 'invoice-helper',
        namespace: 'default',
        annotations: {
          ...written,
          'aivss.owasp.org/autonomy-of-action': '0.9',
        },
      },
      spec: entity.spec,
    });
  });

  it('disables saving for a caller who may not update the agent, and says why', async () => {
    // Another agent: usePermission caches decisions per resource ref.
    await render(
      agent({ [REGISTRY_ANNOTATION]: 'true' }, 'other-team-agent'),
      false,
    );
    expect(
      await screen.findByText(/You may not change this agent/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Save as the assessment' }),
    ).toBeDisabled();
  });

  it('offers a YAML agent the annotation block and a link to its source instead', async () => {
    await render(
      agent({ 'backstage.io/edit-url': 'https://git.example.com/edit/x.yaml' }),
    );
    const block = screen.getByTestId('agent-risk-yaml-block');
    expect(block).toHaveTextContent(
      "aivss.owasp.org/autonomy-of-action: '0.9'",
    );
    // Plain text (no syntax colours: a YAML theme's strings fail contrast),
    // in a region the keyboard reaches when it scrolls on a phone.
    const region = screen.getByRole('region', {
      name: 'Annotation block to put into the entity',
    });
    expect(region.tagName).toBe('PRE');
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region.querySelectorAll('span')).toHaveLength(0);
    expect(
      screen.queryByRole('button', { name: 'Save as the assessment' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Open the source').closest('a')).toHaveAttribute(
      'href',
      'https://git.example.com/edit/x.yaml',
    );
    expect(
      annotationBlock({
        'aivss.owasp.org/autonomy-of-action': '0.9',
        'backstage.io/edit-url': 'x',
      }),
    ).toBe(
      "metadata:\n  annotations:\n    aivss.owasp.org/autonomy-of-action: '0.9'",
    );
  });
});
