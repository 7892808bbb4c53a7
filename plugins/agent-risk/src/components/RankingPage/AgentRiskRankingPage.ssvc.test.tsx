import { http, HttpResponse } from 'msw';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  AgentListItem,
  RiskSummary,
} from '@agent-risk/plugin-agent-risk-common';
import { listItem } from '../../__testUtils__/fixtures';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
  quietBackground,
} from '../../__testUtils__/TestApp';
import { formatDueDate } from '../Ssvc';
import { AgentRiskRankingPage } from './AgentRiskRankingPage';

const baseSummary: Omit<RiskSummary, 'bySsvcOutcome' | 'ssvcOverdue'> = {
  model: 'aivss-0.8',
  totalAgents: 9,
  bySeverity: { critical: 1, high: 2, medium: 3, low: 2, none: 1 },
  byStatus: { scored: 9, incomplete: 0, invalid: 0 },
  byOwner: [],
  histogram: [],
  lastSyncAt: null,
  exposure: [],
};

const summary: RiskSummary = {
  ...baseSummary,
  bySsvcOutcome: {
    Immediate: 2,
    'Out-of-Cycle': 3,
    Scheduled: 1,
    Defer: 1,
    none: 2,
  },
  ssvcOverdue: 4,
};

const decided: AgentListItem = {
  ...listItem('triage-bot', 9.1),
  ssvc: {
    status: 'scored',
    outcome: 'Immediate',
    agentClass: 'Prime Mover',
    riskScore: 20,
    assessedAt: '2026-03-01T10:00:00.000Z',
    dueAt: '2026-03-08T10:00:00.000Z',
    overdue: true,
  },
};
const undecided: AgentListItem = { ...listItem('faq-bot', 4.2), ssvc: null };

// The page renders charts, tables and filters: slow on a busy machine.
jest.setTimeout(120_000);

describe('AgentRiskRankingPage: SSVC outcomes, due dates and exports', () => {
  const server = setupAgentRiskServer(quietBackground.noTrendHistory);
  let requests: URLSearchParams[];
  let summaryRequests: URLSearchParams[];
  const lastRequest = () => requests[requests.length - 1];

  beforeEach(() => {
    requests = [];
    summaryRequests = [];
    server.use(
      http.get(`${BACKEND_URL}/summary`, ({ request }) => {
        summaryRequests.push(new URL(request.url).searchParams);
        return HttpResponse.json(summary);
      }),
      http.get(`${BACKEND_URL}/agents`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        // The leadership line's Critical agents (a page of 5) are not the ranking's.
        if (params.get('limit') !== '5') {
          requests.push(params);
        }
        return HttpResponse.json({
          items: [decided, undecided],
          totalCount: 2,
          nextCursor: null,
        });
      }),
    );
  });

  it('counts agents by outcome and overdue, shows each row’s outcome and due date, filters by outcome and sorts by due date', async () => {
    await renderWithAgentRiskApi(<AgentRiskRankingPage />);
    const cards = within(
      await screen.findByRole('region', { name: 'Agents by SSVC outcome' }),
    );
    const count = (name: string) =>
      cards.getByRole('group', { name }).querySelector('p')?.textContent;
    expect(count('Immediate')).toBe('2');
    expect(count('Out-of-cycle')).toBe('3');
    expect(count('Scheduled')).toBe('1');
    expect(count('Defer')).toBe('1');
    expect(count('Overdue')).toBe('4');
    expect(count('No SSVC decision')).toBe('2');

    const outcomes = await screen.findAllByTestId('ranking-row-outcome');
    expect(outcomes[0]).toHaveTextContent('Immediate');
    expect(outcomes[1]).toHaveTextContent('—');
    const due = screen.getAllByTestId('ranking-row-due');
    expect(due[0]).toHaveTextContent(
      `${formatDueDate('2026-03-08T10:00:00.000Z')}overdue`,
    );
    expect(due[1]).toHaveTextContent('—');

    // The outcome filter: repeated parameters, on the ranking and the cards.
    await userEvent.click(screen.getByRole('button', { name: /SSVC outcome/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Immediate' }),
    );
    await userEvent.click(
      screen.getByRole('option', { name: 'No SSVC decision' }),
    );
    await waitFor(() =>
      expect(lastRequest().getAll('ssvcOutcome')).toEqual([
        'Immediate',
        'none',
      ]),
    );
    await waitFor(() =>
      expect(
        summaryRequests[summaryRequests.length - 1].getAll('ssvcOutcome'),
      ).toEqual(['Immediate', 'none']),
    );
    await userEvent.keyboard('{Escape}');

    // "Due" sorts on the server, earliest first, then the other way.
    await userEvent.click(screen.getByRole('button', { name: 'Due' }));
    await waitFor(() => expect(lastRequest().get('orderBy')).toBe('dueAt'));
    expect(lastRequest().get('order')).toBe('asc');
    expect(lastRequest().getAll('ssvcOutcome')).toEqual(['Immediate', 'none']);
    await userEvent.click(screen.getByRole('button', { name: 'Due' }));
    await waitFor(() => expect(lastRequest().get('order')).toBe('desc'));
  });

  it('reads the outcome filter and the due-date order from a shared link', async () => {
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      routeEntries: [
        '/agent-risk?ssvcOutcome=Out-of-Cycle&ssvcOutcome=bogus&orderBy=dueAt',
      ],
    });
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(lastRequest().getAll('ssvcOutcome')).toEqual(['Out-of-Cycle']);
    expect(lastRequest().get('orderBy')).toBe('dueAt');
    expect(lastRequest().get('order')).toBe('asc');
  });

  it('exports the current view as a CycloneDX AI-BOM from the export menu', async () => {
    let bomParams: URLSearchParams | undefined;
    server.use(
      http.get(`${BACKEND_URL}/export/cyclonedx`, ({ request }) => {
        bomParams = new URL(request.url).searchParams;
        return HttpResponse.json(
          { bomFormat: 'CycloneDX', specVersion: '1.6' },
          { headers: { 'Content-Type': 'application/vnd.cyclonedx+json' } },
        );
      }),
    );
    const downloads: string[] = [];
    const clicked = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });
    await renderWithAgentRiskApi(<AgentRiskRankingPage />, {
      routeEntries: [
        '/agent-risk?severity=critical&ssvcOutcome=Immediate&orderBy=dueAt',
      ],
    });
    await waitFor(() => expect(requests).toHaveLength(1));

    const menuButton = screen.getByRole('button', { name: 'Export' });
    expect(menuButton).toHaveAttribute('aria-haspopup', 'menu');
    await userEvent.click(menuButton);
    const items = screen.getAllByRole('menuitem').map(i => i.textContent);
    expect(items).toEqual(['CSV', 'CycloneDX (AI-BOM)']);
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'CycloneDX (AI-BOM)' }),
    );
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toMatch(
      /^agent-risk-bom-\d{4}-\d{2}-\d{2}\.cdx\.json$/,
    );
    expect(bomParams?.getAll('severity')).toEqual(['critical']);
    expect(bomParams?.getAll('ssvcOutcome')).toEqual(['Immediate']);
    expect(bomParams?.has('cursor')).toBe(false);
    expect(bomParams?.has('limit')).toBe(false);
    clicked.mockRestore();
  });
});
