import { http, HttpResponse } from 'msw';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AgentRiskRecord,
  applyEvidence,
  computeScore,
  EvidenceFinding,
  REGISTRY_ANNOTATION,
} from '@agent-risk/plugin-agent-risk-common';
import {
  agentEntity,
  recordFor,
  WORKED_EXAMPLE_ANNOTATIONS,
} from '../../__testUtils__/fixtures';
import {
  BACKEND_URL,
  quietBackground,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { formatScore } from '../shared/format';
import { AgentRiskTab } from './AgentRiskTab';

const RECORD_PATH = `${BACKEND_URL}/agents/airesource/default/support-bot`;

const WRITES: EvidenceFinding = {
  rule: 'writes-through-tools',
  factor: 'dynamic-tool-use',
  bound: 0.5,
  declared: 0.1,
  facts: [
    "calls api:default/github-mcp's push_files, which may write",
    "calls api:default/github-mcp's delete_repository, which may write",
  ],
};
const DESTROYS: EvidenceFinding = {
  rule: 'destroys-through-tools',
  factor: 'dynamic-tool-use',
  bound: 0.8,
  declared: 0.1,
  facts: [
    "calls api:default/github-mcp's delete_repository, which may destroy",
  ],
};
const CARD: EvidenceFinding = {
  rule: 'unauthenticated-card',
  factor: null,
  bound: null,
  declared: null,
  facts: ['its agent card declares no security scheme'],
};

describe('AgentRiskTab evidence', () => {
  const server = setupAgentRiskServer(quietBackground.noAuditEntries);
  const serve = (record: AgentRiskRecord) =>
    server.use(http.get(RECORD_PATH, () => HttpResponse.json(record)));

  it('shows each finding in words with its facts, understated ones first', async () => {
    const entity = agentEntity();
    serve(
      recordFor(entity, {
        understated: true,
        evidence: [CARD, WRITES, DESTROYS],
      }),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const list = await screen.findByRole('list', { name: 'Evidence findings' });
    const items = within(list)
      .getAllByRole('listitem')
      .filter(li => li.parentElement === list);
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(
      "UnderstatedDeclares dynamic tool use 0.1, but calls api:default/github-mcp's push_files, which may write (and 1 more fact): at least 0.5",
    );
    expect(
      within(items[0]).getByRole('list', { name: 'Facts the rule saw' }),
    ).toHaveTextContent('delete_repository, which may write');
    expect(items[2]).toHaveTextContent(
      'FindingIts agent card declares no security scheme',
    );
  });

  it('says so when there is no finding, and shows no card for a backend without evidence', async () => {
    const entity = agentEntity();
    serve(recordFor(entity, { evidence: [] }));
    const { unmount } = await renderWithAgentRiskApi(<AgentRiskTab />, {
      entity,
    });
    expect(
      await screen.findByText(/No finding: the declared factors/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Score with evidence' }),
    ).not.toBeInTheDocument();
    unmount();

    const { evidence: _none, ...old } = recordFor(entity);
    serve(old as AgentRiskRecord);
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    expect(await screen.findByTestId('risk-headline')).toBeInTheDocument();
    expect(screen.queryByText('Evidence')).not.toBeInTheDocument();
  });

  it('scores with evidence in the what-if, and an owner saves it as the assessment with a reason saying so', async () => {
    const entity = agentEntity({
      ...WORKED_EXAMPLE_ANNOTATIONS,
      [REGISTRY_ANNOTATION]: 'true',
    });
    const record = recordFor(entity, {
      understated: true,
      evidence: [WRITES, DESTROYS, CARD],
    });
    serve(record);
    let sent: any;
    server.use(
      http.put(
        `${BACKEND_URL}/registry/agents/default/support-bot`,
        async ({ request }) => {
          sent = await request.json();
          return HttpResponse.json({
            entityRef: 'airesource:default/support-bot',
          });
        },
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    fireEvent.click(
      await screen.findByRole('button', { name: 'Score with evidence' }),
    );
    const raised = applyEvidence(record.factors, record.evidence);
    expect(raised['dynamic-tool-use']).toBe(0.8);
    const expected = computeScore(
      {
        cvssBase: record.cvssBase!,
        factors: raised as any,
        threatMultiplier: record.threatMultiplier!,
        mitigationFactor: record.mitigationFactor!,
      },
      record.model,
    );
    expect(screen.getByTestId('what-if-result')).toHaveTextContent(
      `What-if AIVSS ${formatScore(expected.score)}`,
    );
    expect(
      screen.getByText(/Evidence applied: dynamic tool use 0.1 → 0.8/),
    ).toBeInTheDocument();
    // The stored score is still the assessment's.
    expect(screen.getByTestId('what-if-result')).toHaveTextContent(
      `Recorded: ${formatScore(record.score)}`,
    );

    const reason = screen.getByLabelText(/Reason for the change/);
    expect(reason).toHaveValue(
      'Raised to what the evidence shows: dynamic tool use 0.1 → 0.8',
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Save as the assessment' }),
    );
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent.reason).toBe(
      'Raised to what the evidence shows: dynamic tool use 0.1 → 0.8',
    );
    expect(
      sent.entity.metadata.annotations['aivss.owasp.org/dynamic-tool-use'],
    ).toBe('0.8');
    expect(
      sent.entity.metadata.annotations['aivss.owasp.org/autonomy-of-action'],
    ).toBe('0.2');
  });
});
