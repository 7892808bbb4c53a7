import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { DiscoverySources } from './DiscoverySources';

describe('DiscoverySources', () => {
  const server = setupAgentRiskServer();

  it('lists each source with its last run, outcome, cards, signature and errors in plain words', async () => {
    server.use(
      http.get(`${BACKEND_URL}/discovery/sources`, () =>
        HttpResponse.json({
          sources: [
            {
              url: 'http://127.0.0.1:7010/billing/.well-known/agent-card.json',
              kind: 'source',
              entityRef: 'airesource:default/billing-agent',
              owner: 'group:default/billing',
              lastRunAt: '2026-12-20T10:00:00.000Z',
              outcome: 'ok',
              cardsFound: 1,
              errors: [],
              lastSeenAt: '2026-12-20T10:00:00.000Z',
              unreachableSince: null,
              signature: 'verified',
            },
            {
              url: 'https://elsewhere.example.com/.well-known/agent-card.json',
              kind: 'annotation',
              entityRef: 'component:default/helper',
              owner: null,
              lastRunAt: '2026-12-20T10:00:00.000Z',
              outcome: 'not-allowed',
              cardsFound: 0,
              errors: [
                'not allowed: its host elsewhere.example.com is not in agentRisk.fetch.allow',
              ],
              lastSeenAt: null,
              unreachableSince: null,
              signature: null,
            },
            {
              url: 'http://flaky.example.com/.well-known/agent-card.json',
              kind: 'source',
              entityRef: 'airesource:default/flaky',
              owner: null,
              lastRunAt: '2026-12-20T10:00:00.000Z',
              outcome: 'failed',
              cardsFound: 0,
              errors: [
                '<b>the card could not be read</b>: it answered HTTP 500',
              ],
              lastSeenAt: '2026-12-19T10:00:00.000Z',
              unreachableSince: '2026-12-20T10:00:00.000Z',
              signature: 'unsigned',
            },
          ],
        }),
      ),
    );
    await renderWithAgentRiskApi(<DiscoverySources />);
    expect(
      await screen.findByRole('table', { name: 'Agent-card sources' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Signed card, verified')).toBeInTheDocument();
    expect(screen.getByText('Card not signed')).toBeInTheDocument();
    expect(screen.getByText('Not allowed (not contacted)')).toBeInTheDocument();
    expect(screen.getByText('Entity annotation')).toBeInTheDocument();
    expect(
      screen.getByText(/elsewhere.example.com is not in agentRisk.fetch.allow/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Unreachable since/)).toBeInTheDocument();
    // A server's words are shown as text, never as markup.
    expect(
      screen.getByText(
        '<b>the card could not be read</b>: it answered HTTP 500',
      ),
    ).toBeInTheDocument();
  });

  it('says how to add sources when there are none', async () => {
    server.use(
      http.get(`${BACKEND_URL}/discovery/sources`, () =>
        HttpResponse.json({ sources: [] }),
      ),
    );
    await renderWithAgentRiskApi(<DiscoverySources />);
    expect(
      await screen.findByText(/No agent-card sources yet/),
    ).toBeInTheDocument();
  });

  it('says plainly when the caller may not read risk data', async () => {
    server.use(
      http.get(`${BACKEND_URL}/discovery/sources`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'no' } },
          { status: 403 },
        ),
      ),
    );
    await renderWithAgentRiskApi(<DiscoverySources />);
    expect(
      await screen.findByText('You are not allowed to see risk data'),
    ).toBeInTheDocument();
  });
});
