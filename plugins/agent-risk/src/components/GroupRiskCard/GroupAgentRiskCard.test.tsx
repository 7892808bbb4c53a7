import { http, HttpResponse } from 'msw';
import { screen, within } from '@testing-library/react';
import { groupEntity, listItem } from '../../__testUtils__/fixtures';
import { backstageError } from '../../__testUtils__/errors';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { GroupAgentRiskCard } from './GroupAgentRiskCard';

const point = {
  date: '',
  totalAgents: 0,
  bySeverity: { critical: 0, high: 0, medium: 0, low: 0, none: 0 },
  byStatus: { scored: 0, incomplete: 0, invalid: 0 },
};

describe('GroupAgentRiskCard', () => {
  const server = setupAgentRiskServer();

  it("asks for the group's agents by score and links each to its Risk tab", async () => {
    let query: URLSearchParams | undefined;
    let trendQuery: URLSearchParams | undefined;
    server.use(
      http.get(`${BACKEND_URL}/trends`, ({ request }) => {
        trendQuery = new URL(request.url).searchParams;
        return HttpResponse.json({
          points: [
            {
              ...point,
              date: '2026-03-01',
              totalAgents: 1,
              bySeverity: { ...point.bySeverity, high: 1 },
            },
            {
              ...point,
              date: '2026-03-02',
              totalAgents: 4,
              bySeverity: { ...point.bySeverity, critical: 3, high: 1 },
            },
          ],
        });
      }),
      http.get(`${BACKEND_URL}/agents`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({
          items: [listItem('triage-bot', 9.1), listItem('faq-bot', null)],
          totalCount: 14,
          nextCursor: 'next',
        });
      }),
    );
    await renderWithAgentRiskApi(<GroupAgentRiskCard />, {
      entity: groupEntity,
    });

    const table = await screen.findByRole('table', {
      name: 'Agents owned by this group',
    });
    expect(query?.getAll('owner')).toEqual(['group:default/support']);
    expect(query?.get('includeSubgroups')).toBe('true');
    expect(query?.get('orderBy')).toBe('score');
    expect(query?.get('order')).toBe('desc');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('triage-bot9.1CriticalScored');
    expect(rows[2]).toHaveTextContent('faq-bot—Not scoredIncomplete');
    expect(within(rows[1]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/airesource/triage-bot/risk',
    );
    expect(
      screen.getByText(
        /14 agents owned by this group, its sub-teams and their members; the 2 riskiest are shown/,
      ),
    ).toBeInTheDocument();
    // The roll-up's trend: sub-teams included, compared with the first day.
    expect(
      await screen.findByText(
        '3 more Critical, no change in High than on Mar 1, 2026.',
      ),
    ).toBeInTheDocument();
    expect(trendQuery?.getAll('owner')).toEqual(['group:default/support']);
    expect(trendQuery?.get('includeSubgroups')).toBe('true');
    expect(
      screen.getByRole('link', { name: /Open in the agent risk ranking/ }),
    ).toHaveAttribute('href', '/agent-risk?owner=group%3Adefault%2Fsupport');
  });

  it('says when the group owns no agents', async () => {
    server.use(
      http.get(`${BACKEND_URL}/agents`, () =>
        HttpResponse.json({ items: [], totalCount: 0, nextCursor: null }),
      ),
    );
    await renderWithAgentRiskApi(<GroupAgentRiskCard />, {
      entity: groupEntity,
    });
    expect(
      await screen.findByText(
        'This group, its sub-teams and their members own no agents.',
      ),
    ).toBeInTheDocument();
  });

  it('says when the user may not see risk data (403)', async () => {
    server.use(
      http.get(`${BACKEND_URL}/agents`, () =>
        backstageError(403, 'NotAllowedError', 'denied'),
      ),
    );
    await renderWithAgentRiskApi(<GroupAgentRiskCard />, {
      entity: groupEntity,
    });
    expect(
      await screen.findByText('You are not allowed to see risk data'),
    ).toBeInTheDocument();
  });
});
