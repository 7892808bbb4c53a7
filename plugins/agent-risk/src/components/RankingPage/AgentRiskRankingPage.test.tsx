import { delay, http, HttpResponse } from 'msw';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  AgentListItem,
  RiskSummary,
  RiskTrendPoint,
} from '@agent-risk/plugin-agent-risk-common';
import { listItem } from '../../__testUtils__/fixtures';
import { backstageError, REFUSAL_PANELS } from '../../__testUtils__/errors';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
  quietBackground,
} from '../../__testUtils__/TestApp';
import { formatDate } from '../shared/format';
import { AgentRiskRankingPage } from './AgentRiskRankingPage';

const summary: RiskSummary = {
  model: 'aivss-0.8',
  totalAgents: 100000,
  bySeverity: {
    critical: 1200,
    high: 23000,
    medium: 41000,
    low: 30000,
    none: 800,
  },
  byStatus: { scored: 96000, incomplete: 3000, invalid: 1000 },
  byOwner: [
    {
      owner: 'group:default/platform',
      ownerTitle: 'Platform Team',
      agents: 900,
      maxScore: 9.8,
      meanScore: 6.4,
      critical: 40,
      high: 300,
    },
    {
      // As an older backend sends it: no display name.
      owner: 'group:default/data-science',
      ownerTitle: null,
      agents: 3,
      maxScore: 5.1,
      meanScore: 4.2,
      critical: 0,
      high: 0,
    },
  ],
  histogram: [
    { from: 0, to: 1, count: 800 },
    { from: 9, to: 10, count: 1200 },
  ],
  lastSyncAt: '2026-03-01T10:00:00.000Z',
  exposure: [],
  bySsvcOutcome: {
    Immediate: 0,
    'Out-of-Cycle': 0,
    Scheduled: 0,
    Defer: 0,
    none: 0,
  },
  ssvcOverdue: 0,
};

const zeroSeverities = { critical: 0, high: 0, medium: 0, low: 0, none: 0 };

/** 90 days: 2 Critical until 30 days ago, 5 since; High unchanged. */
const trendPoints: RiskTrendPoint[] = Array.from({ length: 90 }, (_, i) => ({
  date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
  totalAgents: i < 60 ? 6 : 9,
  bySeverity: { ...zeroSeverities, critical: i < 60 ? 2 : 5, high: 4 },
  byStatus: { scored: i < 60 ? 6 : 9, incomplete: 0, invalid: 0 },
  bySsvcOutcome: {
    Immediate: 0,
    'Out-of-Cycle': 0,
    Scheduled: 0,
    Defer: 0,
    none: i < 60 ? 6 : 9,
  },
}));

const invalidItem: AgentListItem = {
  ...listItem('broken-bot', null),
  status: 'invalid',
};

// The page renders charts, tables and filters; a test that clicks through
// several pages needs more than Jest's default on a busy 2-core CI machine.
jest.setTimeout(120_000);

describe('AgentRiskRankingPage', () => {
  const server = setupAgentRiskServer(quietBackground.noTrendHistory);
  let requests: URLSearchParams[];
  let summaryRequests: URLSearchParams[];
  let trendRequests: URLSearchParams[];
  let leadershipRequests: URLSearchParams[];

  /** Serves pages of two agents; the cursor names the page. */
  function serve(
    items: AgentListItem[][] = [
      [listItem('triage-bot', 9.1), listItem('faq-bot', null)],
      [invalidItem],
    ],
  ) {
    requests = [];
    summaryRequests = [];
    trendRequests = [];
    leadershipRequests = [];
    server.use(
      http.get(`${BACKEND_URL}/summary`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        summaryRequests.push(params);
        // Filtered by severity, the summary holds only that band's agents.
        return HttpResponse.json(
          params.get('severity') === 'critical'
            ? {
                ...summary,
                totalAgents: 1200,
                bySeverity: { ...zeroSeverities, critical: 1200 },
              }
            : summary,
        );
      }),
      http.get(`${BACKEND_URL}/trends`, ({ request }) => {
        trendRequests.push(new URL(request.url).searchParams);
        return HttpResponse.json({ points: trendPoints });
      }),
      http.get(`${BACKEND_URL}/agents`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        // The leadership line's Critical agents (5 at most; the ranking
        // offers no page of 5): kept apart from the ranking's requests.
        if (params.get('limit') === '5') {
          leadershipRequests.push(params);
          return HttpResponse.json({
            items: [
              {
                ...listItem('codegen', 9.2),
                reason:
                  'CVSS base 8.0, autonomy and tool use high, no mitigation',
              },
            ],
            totalCount: 1,
            nextCursor: null,
          });
        }
        requests.push(params);
        const page = Number(params.get('cursor') ?? '0');
        return HttpResponse.json({
          items: items[page] ?? [],
          totalCount: 100000,
          nextCursor: page + 1 < items.length ? String(page + 1) : null,
        });
      }),
    );
  }
  const lastRequest = () => requests[requests.length - 1];

  it('shows the summary in words, the histogram, the owner roll-up and one page of agents', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);

    expect(
      await screen.findByRole('group', { name: 'Critical' }),
    ).toHaveTextContent('1200Critical');
    expect(screen.getByRole('group', { name: 'High' })).toHaveTextContent(
      '23000High',
    );
    expect(
      screen.getByText(/Scored: 96000 · Incomplete: 3000 · Invalid: 1000/),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Risk by owner' })).getByText(
        '9.8',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Score distribution')).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Agents ranked by risk' });
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(3),
    );
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('9.1');
    expect(rows[1]).toHaveTextContent('Critical');
    expect(rows[2]).toHaveTextContent('Not scored');
    expect(rows[2]).toHaveTextContent('Incomplete');
    expect(
      within(rows[1]).getByRole('link', { name: 'triage-bot' }),
    ).toHaveAttribute('href', '/catalog/default/airesource/triage-bot/risk');
    // One page only: the default page size, no cursor.
    expect(requests).toHaveLength(1);
    expect(lastRequest().get('limit')).toBe('50');
    expect(lastRequest().has('cursor')).toBe(false);
  });

  it('sends sorting to the server', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(lastRequest().get('orderBy')).toBe('score');
    expect(lastRequest().get('order')).toBe('desc');

    await userEvent.click(screen.getByRole('button', { name: 'AIVSS' }));
    await waitFor(() => expect(lastRequest().get('order')).toBe('asc'));

    await userEvent.click(screen.getByRole('button', { name: 'Agent' }));
    await waitFor(() => expect(lastRequest().get('orderBy')).toBe('name'));
    expect(lastRequest().get('order')).toBe('asc');

    await userEvent.click(screen.getByRole('button', { name: 'Computed' }));
    await waitFor(() =>
      expect(lastRequest().get('orderBy')).toBe('computedAt'),
    );
    expect(lastRequest().get('order')).toBe('desc');
  });

  it('pages with cursors, goes back with the cursor stack, and restarts on a filter change', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    await screen.findByRole('link', { name: 'triage-bot' });

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await screen.findByRole('link', { name: 'broken-bot' });
    expect(lastRequest().get('cursor')).toBe('1');
    expect(screen.getByRole('button', { name: /next page/i })).toBeDisabled();
    expect(screen.getByText('Invalid')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: /previous page/i }),
    );
    await screen.findByRole('link', { name: 'triage-bot' });
    expect(lastRequest().has('cursor')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await screen.findByRole('link', { name: 'broken-bot' });

    // A filter change starts again from the first page.
    // The filter's select, not the column's sort button.
    await userEvent.click(
      screen
        .getAllByRole('button', { name: /Severity/ })
        .find(b => b.getAttribute('aria-haspopup') === 'listbox')!,
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Critical' }),
    );
    await userEvent.click(screen.getByRole('option', { name: 'High' }));
    await waitFor(() =>
      expect(lastRequest().getAll('severity')).toEqual(['critical', 'high']),
    );
    expect(lastRequest().has('cursor')).toBe(false);
  });

  it('keeps the page in the URL: a shared link to page 2 opens page 2, and back goes to page 1', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      routeEntries: ['/agent-risk?limit=10&page=2&cursor=1'],
    });
    await screen.findByRole('link', { name: 'broken-bot' });
    expect(requests).toHaveLength(1);
    expect(lastRequest().get('cursor')).toBe('1');
    expect(lastRequest().get('limit')).toBe('10');
    expect(screen.getByText('11-20 of 100000')).toBeInTheDocument();

    // The cursor of page 1 is known: it is the first page.
    await userEvent.click(
      screen.getByRole('button', { name: /previous page/i }),
    );
    await screen.findByRole('link', { name: 'triage-bot' });
    expect(lastRequest().has('cursor')).toBe(false);
    expect(screen.getByText('1-10 of 100000')).toBeInTheDocument();
  });

  it('clamps a page size from the URL to an offered one, without MUI warnings', async () => {
    const warnings = jest.spyOn(console, 'warn');
    const errors = jest.spyOn(console, 'error');
    try {
      serve();
      await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
        routeEntries: ['/agent-risk?limit=5'],
      });
      await screen.findByRole('link', { name: 'triage-bot' });
      expect(lastRequest().get('limit')).toBe('10');
      expect(
        screen.getByRole('button', { name: /Agents per page/ }),
      ).toHaveTextContent('10');
      const outOfRange = [...warnings.mock.calls, ...errors.mock.calls].filter(
        call => /out-of-range|out of range/i.test(String(call[0])),
      );
      expect(outOfRange).toEqual([]);
    } finally {
      warnings.mockRestore();
      errors.mockRestore();
    }
  });

  it('offers owners by display name, finds them by the name shown, and filters by their ref', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    await screen.findByRole('link', { name: 'triage-bot' });
    const ownerInput = screen.getByRole('textbox', { name: 'Owner' });

    // A typed name that is shown is read as that owner's ref.
    await userEvent.type(ownerInput, 'PLATFORM TEAM{Enter}');
    await waitFor(() =>
      expect(lastRequest().getAll('owner')).toEqual(['group:default/platform']),
    );
    expect(screen.getByRole('button', { name: 'Platform Team' })).toBeVisible();

    // An owner without a display name from the backend falls back to its name.
    await userEvent.type(ownerInput, 'data');
    await userEvent.click(
      await screen.findByRole('option', { name: 'data-science' }),
    );
    await waitFor(() =>
      expect(lastRequest().getAll('owner')).toEqual([
        'group:default/platform',
        'group:default/data-science',
      ]),
    );
  });

  it('finds an owner option by part of its display name', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    await screen.findByRole('link', { name: 'triage-bot' });
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Owner' }),
      'form te',
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Platform Team' }),
    );
    await waitFor(() =>
      expect(lastRequest().getAll('owner')).toEqual(['group:default/platform']),
    );
  });

  it("shows owners' and systems' display names in the table", async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    const row = (
      await screen.findByRole('link', { name: 'triage-bot' })
    ).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'Support' })).toHaveAttribute(
      'href',
      '/catalog/default/group/support',
    );
    expect(
      within(row).getByRole('link', { name: 'Helpdesk' }),
    ).toBeInTheDocument();
  });

  it('changes the page size on the server', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    await waitFor(() => expect(requests).toHaveLength(1));
    await userEvent.click(
      screen.getByRole('button', { name: /Agents per page/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: '100' }));
    await waitFor(() => expect(lastRequest().get('limit')).toBe('100'));
  });

  it('reads the view from the URL so it can be shared', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      routeEntries: [
        '/agent-risk?owner=group:default/a&owner=group:default/b&status=invalid&orderBy=owner&q=bot&lifecycle=production',
      ],
    });
    await waitFor(() => expect(requests).toHaveLength(1));
    const params = lastRequest();
    expect(params.getAll('owner')).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(params.getAll('status')).toEqual(['invalid']);
    expect(params.getAll('lifecycle')).toEqual(['production']);
    expect(params.get('orderBy')).toBe('owner');
    expect(params.get('order')).toBe('asc');
    expect(params.get('q')).toBe('bot');
  });

  it('fits the summary and the trend to the filters, and says how Critical moved in 30 days', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      routeEntries: ['/agent-risk?severity=critical&owner=group:default/a'],
    });
    expect(
      await screen.findByText(
        `3 more Critical, no change in High than on ${formatDate(
          '2026-03-01',
        )}.`,
      ),
    ).toBeInTheDocument();
    // The cards show the filtered summary: no High among Critical agents.
    expect(
      await screen.findByRole('group', { name: 'High' }),
    ).toHaveTextContent(/^0High/);
    const filtered = summaryRequests.filter(p => p.has('severity'));
    expect(filtered).toHaveLength(1);
    expect(filtered[0].getAll('owner')).toEqual(['group:default/a']);
    // The owner choices still come from every agent.
    expect(summaryRequests.some(p => p.toString() === '')).toBe(true);
    // The trend card's 90 days, and the leadership line's 30 (plus today).
    await waitFor(() =>
      expect(trendRequests.map(p => p.get('days')).sort()).toEqual([
        '31',
        '90',
      ]),
    );
    for (const trend of trendRequests) {
      expect(trend.getAll('severity')).toEqual(['critical']);
      expect(trend.getAll('owner')).toEqual(['group:default/a']);
      expect(trend.has('limit')).toBe(false);
    }
  });

  it('filters by overdue review and marks overdue agents in the table', async () => {
    serve([
      [
        {
          ...listItem('stale-bot', 8.1),
          reviewedAt: '2025-01-01T00:00:00.000Z',
          reviewDue: '2025-04-01T00:00:00.000Z',
          reviewOverdue: true,
        },
        {
          ...listItem('new-bot', 7.1),
          reviewedAt: null,
          reviewDue: null,
          reviewOverdue: true,
        },
        listItem('fresh-bot', 5.1),
      ],
    ]);
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    const table = await screen.findByRole('table', {
      name: 'Agents ranked by risk',
    });
    await waitFor(() =>
      expect(within(table).getAllByTestId('review-overdue')).toHaveLength(1),
    );
    // Red only for an overdue review; never reviewed is said plainly.
    const overdue = within(table).getByTestId('review-overdue');
    expect(overdue).toHaveTextContent(
      `Review overdue since ${formatDate('2025-04-01T00:00:00.000Z')}`,
    );
    expect(overdue.className).toMatch(/error/);
    const never = within(table).getByTestId('review-never');
    expect(never).toHaveTextContent('Never reviewed');
    expect(never.className).not.toMatch(/error/);
    expect(lastRequest().has('reviewOverdue')).toBe(false);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Review overdue' }),
    );
    await waitFor(() =>
      expect(lastRequest().get('reviewOverdue')).toBe('true'),
    );
    expect(
      summaryRequests[summaryRequests.length - 1].get('reviewOverdue'),
    ).toBe('true');
  });

  it('filters by understated evidence and marks understated agents in the table', async () => {
    serve([
      [
        { ...listItem('codegen', 8.1), understated: true },
        listItem('fresh-bot', 5.1),
      ],
    ]);
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    const table = await screen.findByRole('table', {
      name: 'Agents ranked by risk',
    });
    await waitFor(() =>
      expect(
        within(table).getAllByTestId('ranking-row-understated'),
      ).toHaveLength(1),
    );
    expect(
      within(table).getByTestId('ranking-row-understated'),
    ).toHaveTextContent(
      'Understated: the evidence shows a factor above what is declared',
    );
    expect(lastRequest().has('understated')).toBe(false);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Understated by the evidence' }),
    );
    await waitFor(() => expect(lastRequest().get('understated')).toBe('true'));
    expect(summaryRequests[summaryRequests.length - 1].get('understated')).toBe(
      'true',
    );
    expect(
      await screen.findByRole('button', {
        name: /Understated by the evidence/,
      }),
    ).toBeInTheDocument();
  });

  it('filters by "Discovered" and "Not yet assessed", with chips, in the ranking and the summary', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(lastRequest().has('discovered')).toBe(false);
    expect(lastRequest().has('assessed')).toBe(false);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Discovered' }));
    await waitFor(() => expect(lastRequest().get('discovered')).toBe('true'));
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Not yet assessed' }),
    );
    await waitFor(() => expect(lastRequest().get('assessed')).toBe('false'));
    expect(lastRequest().get('discovered')).toBe('true');
    const lastSummary = summaryRequests[summaryRequests.length - 1];
    expect(lastSummary.get('discovered')).toBe('true');
    expect(lastSummary.get('assessed')).toBe('false');
    // Each is a chip that removes it.
    const chips = await screen.findByRole('group', { name: 'Active filters' });
    expect(
      within(chips).getByRole('button', { name: 'Remove filter Discovered' }),
    ).toBeInTheDocument();
    await userEvent.click(
      within(chips).getByRole('button', {
        name: 'Remove filter Not yet assessed',
      }),
    );
    await waitFor(() => expect(lastRequest().has('assessed')).toBe(false));
    expect(lastRequest().get('discovered')).toBe('true');
  });

  it('says on its row that an agent was discovered and is not yet assessed', async () => {
    serve([
      [
        {
          ...listItem('billing-agent', null),
          discovered: true,
          assessed: false,
        },
        { ...listItem('hand-made', null), assessed: false },
        listItem('codegen', 8.1),
      ],
    ]);
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    const table = await screen.findByRole('table', {
      name: 'Agents ranked by risk',
    });
    await waitFor(() =>
      expect(
        within(table).getAllByTestId('ranking-row-provenance'),
      ).toHaveLength(2),
    );
    const [discovered, hand] = within(table).getAllByTestId(
      'ranking-row-provenance',
    );
    expect(discovered).toHaveTextContent(
      'Discovered from its agent card · Not yet assessed',
    );
    expect(hand).toHaveTextContent(/^Not yet assessed$/);
  });

  it('opens with "Not yet assessed" from the URL', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      routeEntries: ['/agent-risk?assessed=false'],
    });
    await waitFor(() => expect(lastRequest().get('assessed')).toBe('false'));
    expect(
      screen.getByRole('checkbox', { name: 'Not yet assessed' }),
    ).toBeChecked();
  });

  it('debounces the free-text search', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    await waitFor(() => expect(requests).toHaveLength(1));

    await userEvent.type(screen.getByLabelText('Search agents'), 'triage');
    await waitFor(() => expect(lastRequest().get('q')).toBe('triage'));
    // One request for the whole word, not one per keystroke.
    expect(requests.filter(r => r.has('q'))).toHaveLength(1);
  });

  it('"Owned by me" sends the user\'s ownership refs as repeated owner params', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      ownershipEntityRefs: ['user:default/alice', 'group:default/support'],
    });
    await waitFor(() => expect(requests).toHaveLength(1));
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Owned by me' }),
    );
    await waitFor(() =>
      expect(lastRequest().getAll('owner')).toEqual([
        'user:default/alice',
        'group:default/support',
      ]),
    );
  });

  it('exports CSV with the current filters through fetchApi', async () => {
    serve();
    let csvParams: URLSearchParams | undefined;
    server.use(
      http.get(`${BACKEND_URL}/agents.csv`, ({ request }) => {
        csvParams = new URL(request.url).searchParams;
        return new HttpResponse('entityRef\n', {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );
    const clicked = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      routeEntries: ['/agent-risk?severity=critical'],
    });
    await waitFor(() => expect(requests).toHaveLength(1));

    let downloadName: string | undefined;
    clicked.mockImplementation(function named(this: HTMLAnchorElement) {
      downloadName = this.download;
    });
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'CSV' }));
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    // Named by the day and the filter, not agent-risk.csv for every view.
    expect(downloadName).toBe(
      `agent-risk-${new Date()
        .toISOString()
        .slice(0, 10)}-severity-critical.csv`,
    );
    expect(csvParams?.getAll('severity')).toEqual(['critical']);
    expect(csvParams?.has('cursor')).toBe(false);
    clicked.mockRestore();
  });

  it('leads with the Critical count and its change, the owner with most risk, and why each Critical agent is Critical', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    const line = await screen.findByRole('region', {
      name: 'Summary for leadership',
    });
    // 2 Critical 30 days before the last point, 5 on it.
    await waitFor(() =>
      expect(line).toHaveTextContent(
        `1200 Critical agents (+3 since ${formatDate('2026-03-01')})`,
      ),
    );
    expect(line).toHaveTextContent('Most risk: Platform Team (40 Critical');
    const reasons = await within(line).findAllByTestId(
      'leadership-critical-reason',
    );
    expect(reasons[0]).toHaveTextContent(
      'codegen 9.2: CVSS base 8.0, autonomy and tool use high, no mitigation',
    );
    expect(leadershipRequests[0].getAll('severity')).toEqual(['critical']);
    expect(line).toHaveTextContent('and 1199 more Critical agents');
    // The ranking rows carry the same reason.
    const table = screen.getByRole('table', { name: 'Agents ranked by risk' });
    expect(
      within(table).getAllByTestId('ranking-row-reason')[0],
    ).toHaveTextContent(
      'CVSS base 7.5, autonomy and tool use high, no mitigation',
    );
  });

  it('labels a filtered view with removable chips above the summary cards', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      routeEntries: [
        '/agent-risk?owner=group:default/platform&severity=critical&severity=high&q=bot',
      ],
    });
    const chips = await screen.findByRole('group', { name: 'Active filters' });
    expect(chips).toHaveTextContent('Showing only agents with');
    const remove = (name: string) =>
      within(chips).getByRole('button', { name: `Remove filter ${name}` });
    expect(remove('Owner: Platform Team')).toBeInTheDocument();
    expect(remove('Search agents: “bot”')).toBeInTheDocument();
    await userEvent.click(remove('Severity: High'));
    await waitFor(() =>
      expect(lastRequest().getAll('severity')).toEqual(['critical']),
    );
    expect(lastRequest().getAll('owner')).toEqual(['group:default/platform']);
    await userEvent.click(
      within(chips).getByRole('button', { name: 'Clear all filters' }),
    );
    await waitFor(() => expect(lastRequest().has('owner')).toBe(false));
    expect(lastRequest().has('severity')).toBe(false);
    expect(lastRequest().has('q')).toBe(false);
    expect(screen.queryByRole('group', { name: 'Active filters' })).toBeNull();
  });

  it('sorts by CVSS base and by severity on the server, and shows agent, score and severity first', async () => {
    serve();
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    const table = await screen.findByRole('table', {
      name: 'Agents ranked by risk',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers.slice(0, 3)).toEqual(['Agent', 'AIVSS', 'Severity']);
    await userEvent.click(
      within(table).getByRole('button', { name: 'CVSS base' }),
    );
    await waitFor(() => expect(lastRequest().get('orderBy')).toBe('cvssBase'));
    expect(lastRequest().get('order')).toBe('desc');
    await userEvent.click(
      within(table).getByRole('button', { name: 'Severity' }),
    );
    await waitFor(() => expect(lastRequest().get('orderBy')).toBe('severity'));
  });

  it('shows an empty table when no agent matches', async () => {
    serve([[]]);
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    expect(
      await screen.findByText('No agents match these filters.'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    server.use(
      http.get(`${BACKEND_URL}/summary`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
      http.get(`${BACKEND_URL}/agents`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Agents ranked by risk' }),
    ).toHaveAttribute('aria-busy', 'true');
  });

  it('shows the error panel on a server error', async () => {
    server.use(
      http.get(`${BACKEND_URL}/summary`, () =>
        backstageError(500, 'Error', 'summary exploded'),
      ),
      http.get(`${BACKEND_URL}/agents`, () =>
        backstageError(500, 'Error', 'ranking exploded'),
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    expect(
      (await screen.findAllByText(/summary exploded/)).length,
    ).toBeGreaterThan(0);
    expect(
      (await screen.findAllByText(/ranking exploded/)).length,
    ).toBeGreaterThan(0);
  });

  it.each(REFUSAL_PANELS)(
    'answers %s with its own panel in place of the page',
    async (status, name, shown, notShown) => {
      server.use(
        http.get(`${BACKEND_URL}/summary`, () =>
          backstageError(status, name, 'refused'),
        ),
        http.get(`${BACKEND_URL}/agents`, () =>
          backstageError(status, name, 'refused'),
        ),
      );
      await renderWithAgentRiskApi(<AgentRiskRankingPage />);
      expect(await screen.findByText(shown)).toBeInTheDocument();
      expect(screen.queryByText(notShown)).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Reload' }) !== null).toBe(
        status === 401,
      );
      expect(
        screen.queryByRole('table', { name: 'Agents ranked by risk' }),
      ).not.toBeInTheDocument();
    },
  );
});
