import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { REGISTRY_ANNOTATION } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import { displayNames } from '../../__testUtils__/presentation';
import { AgentAuditTrail } from './AgentAuditTrail';

const entity = (registry: boolean): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'AiResource',
  metadata: {
    name: 'invoice-helper',
    namespace: 'default',
    annotations: registry ? { [REGISTRY_ANNOTATION]: 'true' } : {},
  },
  spec: { type: 'agent' },
});

describe('AgentAuditTrail', () => {
  it('lists who changed what and why, newest first as the API sends it', async () => {
    const getAudit = jest.fn().mockResolvedValue({
      items: [
        {
          at: '2026-04-02T10:00:00.000Z',
          actor: 'user:default/guest',
          action: 'update',
          reason: 'Pen test found an RCE',
          changes: [
            { field: 'aivss.owasp.org/cvss-base', before: '6.5', after: '8.0' },
          ],
        },
        {
          at: '2026-04-01T10:00:00.000Z',
          actor: 'user:default/guest',
          action: 'create',
          reason: 'New assistant',
          changes: [],
        },
      ],
      nextCursor: null,
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [agentRiskApiRef, { getAudit } as any],
          [
            entityPresentationApiRef,
            displayNames({ 'user:default/guest': 'Guest User' }),
          ],
        ]}
      >
        <AgentAuditTrail entity={entity(true)} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const rows = await screen.findAllByTestId('agent-risk-audit-entry');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Pen test found an RCE');
    // People by display name, fields by label; the key on hover.
    expect(rows[0]).toHaveTextContent('Guest User');
    expect(rows[0]).not.toHaveTextContent('user:default/guest');
    expect(rows[0]).toHaveTextContent('CVSS 4.0 base score: 6.5 → 8.0');
    expect(screen.getByText('CVSS 4.0 base score')).toHaveAttribute(
      'title',
      'aivss.owasp.org/cvss-base',
    );
    expect(rows[1]).toHaveTextContent('Created');
    expect(getAudit).toHaveBeenCalledWith(
      { kind: 'AiResource', namespace: 'default', name: 'invoice-helper' },
      { limit: 20, cursor: undefined },
    );
  });

  it('says a YAML agent’s history is its source’s', async () => {
    const getAudit = jest
      .fn()
      .mockResolvedValue({ items: [], nextCursor: null });
    await renderInTestApp(
      <TestApiProvider apis={[[agentRiskApiRef, { getAudit } as any]]}>
        <AgentAuditTrail entity={entity(false)} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/defined in its source \(YAML\)/),
    ).toBeInTheDocument();
  });
});
