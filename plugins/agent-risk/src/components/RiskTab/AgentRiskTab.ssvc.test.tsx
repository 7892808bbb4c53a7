import { http, HttpResponse } from 'msw';
import { screen, within } from '@testing-library/react';
import { SSVC_ANNOTATIONS } from '@agent-risk/plugin-agent-risk-common';
import { agentEntity, recordFor } from '../../__testUtils__/fixtures';
import {
  ssvcDetailFor,
  SSVC_WORKED_EXAMPLE,
} from '../../__testUtils__/ssvcFixtures';
import {
  BACKEND_URL,
  quietBackground,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { formatDueDate } from '../Ssvc';
import { AgentRiskTab } from './AgentRiskTab';

// The whole tab renders per state: slow on a busy machine.
jest.setTimeout(120_000);

const RECORD_PATH = `${BACKEND_URL}/agents/airesource/default/support-bot`;

describe('AgentRiskTab: the AIVSS-SSVC decision', () => {
  const server = setupAgentRiskServer(quietBackground.noAuditEntries);

  /** Serves the record with the SSVC decision the backend computes for these annotations. */
  async function renderTab(annotations: Record<string, string>) {
    const entity = agentEntity(annotations);
    const ssvc = ssvcDetailFor(annotations, '2026-03-01T10:00:00.000Z');
    server.use(
      http.get(RECORD_PATH, () =>
        HttpResponse.json({ ...recordFor(entity), ssvc }),
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    return within(await screen.findByTestId('ssvc-decision'));
  }

  it('shows a scored decision: the outcome in words, overdue since its due date, class, averages, score and the ratings in plain words', async () => {
    const card = await renderTab(SSVC_WORKED_EXAMPLE);
    expect(
      card.getByText('Immediate').closest('[data-ssvc-outcome]'),
    ).toHaveAttribute('data-ssvc-outcome', 'Immediate');
    expect(card.getByText('Act within 7 days', { exact: false })).toBeVisible();
    // Assessed 1 March 2026 + 7 days, long past.
    expect(card.getByTestId('ssvc-due')).toHaveTextContent(
      `Overdue since ${formatDueDate('2026-03-08T10:00:00.000Z')}`,
    );
    expect(card.getByText('Agent class').nextSibling).toHaveTextContent(
      'Prime Mover',
    );
    expect(card.getByText('Category averages').nextSibling).toHaveTextContent(
      'A 4 · B 3 · C 2.33',
    );
    expect(card.getByText('Risk score').nextSibling).toHaveTextContent('20');
    expect(card.getByText('Exposure').nextSibling).toHaveTextContent('× 8');

    const ratings = within(card.getByRole('table', { name: 'SSVC ratings' }));
    const row = (label: string) =>
      ratings.getByText(label).closest('tr') as HTMLElement;
    expect(row('Threat: is it being exploited?')).toHaveTextContent(
      'Proof of concept',
    );
    expect(row('A. Execution Autonomy')).toHaveTextContent(
      '4between “Runs routine steps alone; a person signs off on risky ones.” and “Acts end to end with no person in the loop.”',
    );
    expect(row('B. Persistent Memory')).toHaveTextContent(
      '3Keeps limited, curated state between sessions.',
    );
  });

  it('names each missing input of an incomplete decision, and shows no outcome', async () => {
    const {
      [SSVC_ANNOTATIONS.impact]: _impact,
      'aivss.owasp.org/ssvc-code-execution': _code,
      ...partial
    } = SSVC_WORKED_EXAMPLE;
    const card = await renderTab(partial);
    expect(
      card.getByText(/Incomplete: some SSVC inputs are missing/),
    ).toBeInTheDocument();
    const problems = within(
      card.getByRole('list', { name: 'Problems by field' }),
    );
    expect(problems.getAllByRole('listitem')).toHaveLength(2);
    expect(
      problems.getByText('Impact: how bad if it goes wrong?'),
    ).toBeInTheDocument();
    expect(problems.getByText('Code Execution Rights')).toBeInTheDocument();
    expect(card.queryByText('Immediate')).not.toBeInTheDocument();
    // The factors are all there but one: no class yet.
    expect(card.getByText('Agent class').nextSibling).toHaveTextContent('—');
  });

  it('names the malformed field of an invalid decision and shows the stored value inert', async () => {
    const card = await renderTab({
      ...SSVC_WORKED_EXAMPLE,
      [SSVC_ANNOTATIONS.threat]: '<b>sometimes</b>',
    });
    expect(
      card.getByText(/Invalid: some SSVC inputs are malformed/),
    ).toBeInTheDocument();
    const problems = within(
      card.getByRole('list', { name: 'Problems by field' }),
    );
    expect(
      problems.getByText('Threat: is it being exploited?'),
    ).toBeInTheDocument();
    expect(
      problems.getByText(/must be one of none, poc, active/),
    ).toBeVisible();
    // Shown as text, never as markup.
    expect(card.getByText('"<b>sometimes</b>"')).toBeInTheDocument();
    expect(
      card.getByRole('table', { name: 'SSVC ratings' }).querySelector('b'),
    ).toBeNull();
    // The class still follows from the ten valid factors.
    expect(card.getByText('Agent class').nextSibling).toHaveTextContent(
      'Prime Mover',
    );
  });

  it('says "not assessed" and what to add when the agent has no SSVC decision', async () => {
    const card = await renderTab({
      'aivss.owasp.org/cvss-base': '7.5',
    });
    expect(card.getByText('Not assessed with AIVSS-SSVC')).toBeInTheDocument();
    expect(
      card.getByText(/Add the aivss.owasp.org\/ssvc-\* annotations/),
    ).toBeInTheDocument();
    expect(card.queryByRole('table')).not.toBeInTheDocument();
  });
});
