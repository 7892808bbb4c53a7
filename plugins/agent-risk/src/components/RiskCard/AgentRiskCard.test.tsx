import { delay, http, HttpResponse } from 'msw';
import { screen, within } from '@testing-library/react';
import {
  AgentRiskRecord,
  SEVERITY_LABELS,
} from '@agent-risk/plugin-agent-risk-common';
import {
  agentEntity,
  recordFor,
  WORKED_EXAMPLE_ANNOTATIONS,
} from '../../__testUtils__/fixtures';
import { backstageError } from '../../__testUtils__/errors';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { SEVERITY_COLORS } from '../shared/severityColors';
import { AgentRiskCard } from './AgentRiskCard';

const RECORD_PATH = `${BACKEND_URL}/agents/airesource/default/support-bot`;

describe('AgentRiskCard', () => {
  const server = setupAgentRiskServer();
  const serveRecord = (record: AgentRiskRecord) =>
    server.use(http.get(RECORD_PATH, () => HttpResponse.json(record)));

  it('shows the score, the band in words, the top three factors and a link to the Risk tab', async () => {
    const entity = agentEntity({
      ...WORKED_EXAMPLE_ANNOTATIONS,
      'aivss.owasp.org/dynamic-tool-use': '0.9',
      'aivss.owasp.org/persistent-memory': '0.6',
    });
    const record = recordFor(entity);
    serveRecord(record);

    await renderWithAgentRiskApi(<AgentRiskCard />, { entity });

    expect(
      await screen.findByText(`AIVSS ${record.score!.toFixed(1)}`, {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`${SEVERITY_LABELS[record.severity!]} risk`),
    ).toBeInTheDocument();
    // What the score is made of, as the Risk tab says it, not only factor points.
    const parts = screen.getByTestId('risk-card-parts');
    expect(parts).toHaveTextContent(
      `${record.score!.toFixed(1)} = CVSS base ${record.cvssBase!.toFixed(
        1,
      )} +`,
    );
    expect(parts).toHaveTextContent(record.reason!);
    const top = within(
      screen.getByRole('list', { name: 'Top contributing factors' }),
    ).getAllByRole('listitem');
    expect(top.map(li => li.querySelector('span')?.textContent)).toEqual([
      'Dynamic tool use',
      'Persistent memory',
      'Autonomy of action',
    ]);
    expect(top[0]).toHaveTextContent(
      `+${record.contributions['dynamic-tool-use']!.toFixed(2)} points`,
    );
    expect(
      screen.getByRole('link', { name: /View risk details/ }),
    ).toHaveAttribute('href', '/catalog/default/airesource/support-bot/risk');
  });

  it('rounds the top contributions as the Risk tab does, so both add up to the same total', async () => {
    // Codegen's inputs: each 0.8 factor contributes 0.1552 points, shown alone
    // as 0.16, but 0.15 once the ten are rounded to add up to the uplift 1.16.
    const entity = agentEntity({
      'aivss.owasp.org/autonomy-of-action': '0.8',
      'aivss.owasp.org/goal-driven-planning': '0.8',
      'aivss.owasp.org/self-modification': '0.2',
      'aivss.owasp.org/dynamic-tool-use': '0.8',
      'aivss.owasp.org/persistent-memory': '0.5',
      'aivss.owasp.org/contextual-awareness': '0.8',
      'aivss.owasp.org/dynamic-identity': '0.6',
      'aivss.owasp.org/multi-agent-interactions': '0.2',
      'aivss.owasp.org/non-determinism': '0.7',
      'aivss.owasp.org/opacity-reflexivity': '0.6',
      'aivss.owasp.org/cvss-base': '8.0',
    });
    const record = recordFor(entity);
    expect(record.contributions['autonomy-of-action']).toBeCloseTo(0.1552);
    expect(record.aars!.toFixed(2)).toBe('1.16');
    serveRecord(record);
    await renderWithAgentRiskApi(<AgentRiskCard />, { entity });
    const top = within(
      await screen.findByRole('list', { name: 'Top contributing factors' }),
    ).getAllByRole('listitem');
    expect(top[0]).toHaveTextContent('+0.15 points (value 0.80)');
  });

  it("colours the gauge by the score's band, like the chip beside it", async () => {
    // C 2.0 with small factors: a Low score, which the old colouring drew red.
    const entity = agentEntity({
      ...WORKED_EXAMPLE_ANNOTATIONS,
      'aivss.owasp.org/cvss-base': '2.0',
      'aivss.owasp.org/mitigation-factor': 'adversarial-tested',
    });
    const record = recordFor(entity);
    expect(record.severity).toBe('low');
    serveRecord(record);
    await renderWithAgentRiskApi(<AgentRiskCard />, { entity });
    await screen.findByText('Low risk');
    // rc-progress draws the arc as a circle with an inline stroke style.
    const strokes = [
      ...document.querySelectorAll<SVGElement>(
        '[data-testid="agent-risk-card"] svg circle',
      ),
    ].map(circle => circle.style.stroke.toLowerCase());
    expect(strokes).toContain(SEVERITY_COLORS.low.background);
    expect(strokes).not.toContain(SEVERITY_COLORS.critical.background);
    expect(strokes).not.toContain(SEVERITY_COLORS.high.background);
  });

  it('shows status and problem count for an incomplete agent', async () => {
    const { ['aivss.owasp.org/autonomy-of-action']: _omit, ...annotations } =
      WORKED_EXAMPLE_ANNOTATIONS;
    const entity = agentEntity(annotations);
    serveRecord(recordFor(entity));
    await renderWithAgentRiskApi(<AgentRiskCard />, { entity });
    expect(
      await screen.findByText(
        'Incomplete: required inputs are missing (1 problem)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Not scored')).toBeInTheDocument();
  });

  it('shows status for an invalid agent', async () => {
    const entity = agentEntity({
      ...WORKED_EXAMPLE_ANNOTATIONS,
      'aivss.owasp.org/cvss-base': '11',
    });
    serveRecord(recordFor(entity));
    await renderWithAgentRiskApi(<AgentRiskCard />, { entity });
    expect(
      await screen.findByText('Invalid: some inputs are malformed (1 problem)'),
    ).toBeInTheDocument();
  });

  it('points to the Risk tab when the agent has no annotations', async () => {
    await renderWithAgentRiskApi(<AgentRiskCard />, {
      entity: agentEntity({}),
    });
    expect(screen.getByText(/No risk assessment yet/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View risk details/ }),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    server.use(
      http.get(RECORD_PATH, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await renderWithAgentRiskApi(<AgentRiskCard />, { entity: agentEntity() });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error on a server error', async () => {
    server.use(
      http.get(RECORD_PATH, () =>
        backstageError(500, 'Error', 'database is down'),
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskCard />, { entity: agentEntity() });
    expect(
      (await screen.findAllByText(/database is down/)).length,
    ).toBeGreaterThan(0);
  });

  it.each([
    [
      403,
      'NotAllowedError',
      'You are not allowed to see risk data.',
      'Your session has expired: reload the page to sign in again.',
    ],
    [
      401,
      'AuthenticationError',
      'Your session has expired: reload the page to sign in again.',
      'You are not allowed to see risk data.',
    ],
  ])('says why it has no data (%s)', async (status, name, shown, notShown) => {
    server.use(
      http.get(RECORD_PATH, () => backstageError(status, name, 'refused')),
    );
    await renderWithAgentRiskApi(<AgentRiskCard />, { entity: agentEntity() });
    expect(await screen.findByText(shown)).toBeInTheDocument();
    expect(screen.queryByText(notShown)).not.toBeInTheDocument();
  });
});
