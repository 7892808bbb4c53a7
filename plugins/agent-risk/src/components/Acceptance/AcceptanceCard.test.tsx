import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RiskAcceptance } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { agentEntity, recordFor } from '../../__testUtils__/fixtures';
import { displayNames } from '../../__testUtils__/presentation';
import { AcceptanceCard } from './AcceptanceCard';

// usePermission caches decisions by permission and resource across renders:
// each render asks about its own agent.
let renders = 0;
let ref = { kind: 'AiResource', namespace: 'default', name: 'support-bot-0' };

const pending: RiskAcceptance = {
  state: 'pending',
  justification: 'Sandboxed; reviewed by AppSec',
  expiresAt: '2027-03-31T23:59:59.999Z',
  requestedBy: 'user:default/guest',
  requestedAt: '2026-11-20T10:00:00.000Z',
  approvedBy: null,
  approvedAt: null,
  severityAtRequest: 'high',
  endedAt: null,
  endedReason: null,
};

async function render(options: {
  acceptance: RiskAcceptance | null;
  allow?: string[];
  me?: string;
  status?: 'scored' | 'incomplete';
  requestFails?: Error;
}) {
  renders += 1;
  ref = { ...ref, name: `support-bot-${renders}` };
  const api = {
    requestAcceptance: options.requestFails
      ? jest.fn().mockRejectedValue(options.requestFails)
      : jest.fn().mockResolvedValue({}),
    approveAcceptance: jest.fn().mockResolvedValue({}),
    revokeAcceptance: jest.fn().mockResolvedValue(undefined),
  };
  const onChanged = jest.fn();
  const allow = options.allow ?? [];
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [agentRiskApiRef, api as any],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: request =>
              allow.includes(request.permission.name)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          }),
        ],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: options.me ?? 'user:default/guest',
          }),
        ],
        [
          entityPresentationApiRef,
          displayNames({
            'user:default/guest': 'Guest User',
            'user:default/sam': 'Sam Lee',
          }),
        ],
      ]}
    >
      <AcceptanceCard
        record={recordFor(agentEntity(), {
          acceptance: options.acceptance,
          status: options.status ?? 'scored',
        })}
        entityRef={ref}
        onChanged={onChanged}
      />
    </TestApiProvider>,
    // People link to their catalog pages.
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { api, onChanged };
}

describe('AcceptanceCard', () => {
  it('lets an owner ask to accept the risk, with a justification and a date', async () => {
    const { api, onChanged } = await render({
      acceptance: null,
      allow: ['agent-risk.acceptance.request'],
    });
    const ask = screen.getByRole('button', { name: 'Ask to accept the risk' });
    expect(ask).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Why accept this risk/), {
      target: { value: 'Sandboxed' },
    });
    fireEvent.change(screen.getByLabelText('Until'), {
      target: { value: '2027-03-31' },
    });
    await waitFor(() => expect(ask).toBeEnabled());
    fireEvent.click(ask);
    await waitFor(() =>
      expect(api.requestAcceptance).toHaveBeenCalledWith(ref, {
        justification: 'Sandboxed',
        expiresAt: '2027-03-31',
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(/Asked/);
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows the backend’s reason when a request is refused', async () => {
    const refused = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            message:
              'Invalid request body field "expiresAt": must be within 365 days (agentRisk.acceptance.maxDays)',
          },
        }),
        { status: 400, headers: { 'content-type': 'application/json' } },
      ) as any,
    );
    const { onChanged } = await render({
      acceptance: null,
      allow: ['agent-risk.acceptance.request'],
      requestFails: refused,
    });
    fireEvent.change(screen.getByLabelText(/Why accept this risk/), {
      target: { value: 'Sandboxed' },
    });
    fireEvent.change(screen.getByLabelText('Until'), {
      target: { value: '2030-01-01' },
    });
    const ask = screen.getByRole('button', { name: 'Ask to accept the risk' });
    await waitFor(() => expect(ask).toBeEnabled());
    fireEvent.click(ask);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'must be within 365 days (agentRisk.acceptance.maxDays)',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('says why someone else may not ask', async () => {
    await render({ acceptance: null, allow: [] });
    expect(
      screen.getByRole('button', { name: 'Ask to accept the risk' }),
    ).toBeDisabled();
    expect(await screen.findByText(/only its owners may/)).toBeInTheDocument();
  });

  it('says why an unscored agent cannot be accepted', async () => {
    await render({
      acceptance: null,
      allow: ['agent-risk.acceptance.request'],
      status: 'incomplete',
    });
    expect(
      screen.getByText(/Only a scored agent’s risk can be accepted/),
    ).toBeInTheDocument();
  });

  it('lets an approver approve someone else’s request, not their own', async () => {
    const { api } = await render({
      acceptance: pending,
      allow: ['agent-risk.acceptance.approve'],
      me: 'user:default/sam',
    });
    expect(screen.getByTestId('acceptance-status')).toHaveTextContent(
      /Waiting for approval: asked by Guest User/,
    );
    // The ref on hover.
    expect(screen.getByText('Guest User').closest('[title]')).toHaveAttribute(
      'title',
      expect.stringContaining('user:default/guest'),
    );
    const approve = screen.getByRole('button', { name: 'Approve' });
    await waitFor(() => expect(approve).toBeEnabled());
    fireEvent.click(approve);
    await waitFor(() =>
      expect(api.approveAcceptance).toHaveBeenCalledWith(ref),
    );
  });

  it('disables approving one’s own request and says so', async () => {
    await render({
      acceptance: pending,
      allow: ['agent-risk.acceptance.approve'],
      me: 'user:default/guest',
    });
    expect(
      await screen.findByText(/someone else must approve it/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
  });

  it('shows who accepted until when, and revokes with a reason', async () => {
    const { api } = await render({
      acceptance: {
        ...pending,
        state: 'accepted',
        approvedBy: 'user:default/sam',
        approvedAt: '2026-11-21T10:00:00.000Z',
      },
      allow: ['agent-risk.acceptance.request'],
    });
    expect(screen.getByTestId('acceptance-status')).toHaveTextContent(
      /Accepted until .*2027.* by Sam Lee/,
    );
    const revoke = screen.getByRole('button', { name: 'Revoke' });
    expect(revoke).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'New tools' },
    });
    await waitFor(() => expect(revoke).toBeEnabled());
    fireEvent.click(revoke);
    await waitFor(() =>
      expect(api.revokeAcceptance).toHaveBeenCalledWith(ref, 'New tools'),
    );
  });
});
