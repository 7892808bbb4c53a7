import { delay, http, HttpResponse } from 'msw';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  AGENTIC_FACTORS,
  AgentRiskRecord,
  computeScore,
  SEVERITY_LABELS,
} from '@agent-risk/plugin-agent-risk-common';
import {
  agentEntity,
  recordFor,
  WORKED_EXAMPLE_ANNOTATIONS,
} from '../../__testUtils__/fixtures';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { backstageError } from '../../__testUtils__/errors';
import { AgentRiskTab } from './AgentRiskTab';

const RECORD_PATH = `${BACKEND_URL}/agents/airesource/default/support-bot`;

describe('AgentRiskTab', () => {
  const server = setupAgentRiskServer();
  const serveRecord = (record: AgentRiskRecord) =>
    server.use(http.get(RECORD_PATH, () => HttpResponse.json(record)));

  it('shows a scored agent: score, band in words, formula inputs, factors, layers, rank and tools', async () => {
    const entity = agentEntity();
    const record = recordFor(entity);
    expect(record.score).toBe(7.8); // the spec's first worked example
    serveRecord(record);

    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    expect(await screen.findByTestId('risk-headline')).toHaveTextContent(
      'AIVSS 7.8',
    );
    expect(screen.getByText(/High risk/)).toBeInTheDocument();
    expect(
      screen.getByText(/OWASP AIVSS v0.8 \(aivss-0.8\)/),
    ).toBeInTheDocument();
    const inputs = within(
      screen.getByRole('group', { name: 'Formula inputs' }),
    );
    expect(inputs.getByText('CVSS base').nextSibling).toHaveTextContent('7.5');
    expect(inputs.getByText('AARS uplift').nextSibling).toHaveTextContent(
      record.aars!.toFixed(2),
    );
    expect(inputs.getByText('Factor sum').nextSibling).toHaveTextContent(
      '1.10 / 10',
    );
    expect(inputs.getByText('Threat multiplier').nextSibling).toHaveTextContent(
      '× 1.00',
    );
    expect(inputs.getByText('Mitigation factor').nextSibling).toHaveTextContent(
      '× 1.00',
    );
    expect(screen.queryByText('assumed by org policy')).not.toBeInTheDocument();

    // Most contributing factor first.
    const factorRows = within(
      screen.getByRole('table', { name: 'Agentic factors' }),
    ).getAllByRole('row');
    expect(factorRows[1]).toHaveTextContent('Autonomy of action');
    expect(factorRows).toHaveLength(1 + AGENTIC_FACTORS.length);

    expect(screen.getByText(/Rank/)).toHaveTextContent(
      'Rank 3 among scored agents in the org · riskier than 88% of them',
    );
    expect(screen.getByText('ASI01 Agent Goal Hijack')).toBeInTheDocument();
    expect(
      screen.getByText('T6 Intent Breaking and Goal Manipulation'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Mapped: backed by evidence/)).toHaveLength(1);
    expect(
      screen.getByRole('link', { name: /ticket-mcp/ }),
    ).toBeInTheDocument();
    expect(screen.getByText(/2 recorded changes/)).toBeInTheDocument();
  });

  it('marks a CVSS base assumed by org policy', async () => {
    const entity = agentEntity();
    serveRecord(recordFor(entity, { cvssAssumed: true }));
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    expect(
      await screen.findByText('assumed by org policy'),
    ).toBeInTheDocument();
  });

  it('lists the validation problems per field for an incomplete agent', async () => {
    const { ['aivss.owasp.org/cvss-base']: _omit, ...annotations } =
      WORKED_EXAMPLE_ANNOTATIONS;
    const entity = agentEntity(annotations);
    const record = recordFor(entity);
    expect(record.status).toBe('incomplete');
    serveRecord(record);

    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const problems = await screen.findByRole('region', {
      name: 'Validation problems',
    });
    expect(problems).toHaveTextContent(
      'Incomplete: required inputs are missing',
    );
    expect(
      within(problems).getByText('aivss.owasp.org/cvss-base'),
    ).toBeInTheDocument();
    expect(
      within(problems).getByText(record.errors[0].message),
    ).toBeInTheDocument();
    expect(screen.getByTestId('risk-headline')).toHaveTextContent(
      'AIVSS — Not scored',
    );
    // The data that exists is still shown below the problems.
    expect(
      screen.getByRole('table', { name: 'Agentic factors' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/needs all ten factors and a CVSS base/),
    ).toBeInTheDocument();
  });

  it('lists the validation problems per field for an invalid agent', async () => {
    const entity = agentEntity({
      ...WORKED_EXAMPLE_ANNOTATIONS,
      'aivss.owasp.org/non-determinism': '1.7',
      'maestro.cloudsecurityalliance.org/l1-threats': 'ASI99',
    });
    const record = recordFor(entity);
    expect(record.status).toBe('invalid');
    serveRecord(record);

    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const problems = await screen.findByRole('region', {
      name: 'Validation problems',
    });
    expect(problems).toHaveTextContent('Invalid: some inputs are malformed');
    expect(
      within(problems).getByText('aivss.owasp.org/non-determinism'),
    ).toBeInTheDocument();
    expect(
      within(problems).getByText(
        'maestro.cloudsecurityalliance.org/l1-threats',
      ),
    ).toBeInTheDocument();
    expect(within(problems).getByText(/ASI99/)).toBeInTheDocument();
  });

  it('teaches the annotations when the agent has none, without calling the backend', async () => {
    // msw answers unhandled requests with an error, so a call would fail the test.
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity: agentEntity({}) });

    expect(
      screen.getByText('No risk assessment for this agent yet'),
    ).toBeInTheDocument();
    const snippet = document.body.textContent ?? '';
    for (const factor of AGENTIC_FACTORS) {
      expect(snippet).toContain(`${factor.annotation}: "0.5"`);
    }
    expect(snippet).toContain('aivss.owasp.org/cvss-base');
    expect(snippet).toContain('aivss.owasp.org/threat-multiplier');
    expect(snippet).toContain('aivss.owasp.org/mitigation-factor');
    expect(snippet).toContain(
      'maestro.cloudsecurityalliance.org/l1-foundation-models',
    );
  });

  it('shows the same empty state when the backend does not know the agent (404)', async () => {
    server.use(
      http.get(RECORD_PATH, () =>
        backstageError(404, 'NotFoundError', 'no such agent'),
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity: agentEntity() });
    expect(
      await screen.findByText('No risk assessment for this agent yet'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    server.use(
      http.get(RECORD_PATH, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity: agentEntity() });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error panel on a server error', async () => {
    server.use(
      http.get(RECORD_PATH, () =>
        backstageError(500, 'Error', 'database is down'),
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity: agentEntity() });
    expect(
      (await screen.findAllByText(/database is down/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('risk-headline')).not.toBeInTheDocument();
  });

  it('says plainly when the user may not see risk data (403)', async () => {
    server.use(
      http.get(RECORD_PATH, () =>
        backstageError(403, 'NotAllowedError', 'denied'),
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity: agentEntity() });
    expect(
      await screen.findByText('You are not allowed to see risk data'),
    ).toBeInTheDocument();
  });

  it('renders layer text inert: no script element, no link, line breaks kept', async () => {
    const hostile =
      'Line one <script>window.pwned = true</script>\n[click me](javascript:alert(1)) <a href="javascript:alert(2)">x</a>';
    const entity = agentEntity({
      ...WORKED_EXAMPLE_ANNOTATIONS,
      'maestro.cloudsecurityalliance.org/l2-data-operations': hostile,
    });
    serveRecord(recordFor(entity));

    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const layer = await screen.findByRole('region', {
      name: 'L2 Data Operations',
    });
    expect(layer.querySelector('script')).toBeNull();
    expect(within(layer).queryAllByRole('link')).toHaveLength(0);
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull();
    const text = within(layer).getByText(/Line one/);
    expect(text.textContent).toBe(hostile);
    expect(getComputedStyle(text).whiteSpace).toBe('pre-wrap');
    expect((window as any).pwned).toBeUndefined();
  });

  it('what-if: moving a factor slider with the keyboard changes the shown score', async () => {
    const entity = agentEntity();
    const record = recordFor(entity);
    serveRecord(record);
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const result = await screen.findByTestId('what-if-result');
    expect(result).toHaveTextContent(
      `What-if AIVSS ${record.score!.toFixed(1)}`,
    );

    const slider = screen.getByRole('slider', { name: 'Non-determinism' });
    slider.focus();
    fireEvent.keyDown(slider, { key: 'End' });

    const expected = computeScore(
      {
        cvssBase: record.cvssBase!,
        threatMultiplier: record.threatMultiplier!,
        mitigationFactor: record.mitigationFactor!,
        factors: {
          ...(record.factors as Record<string, number>),
          'non-determinism': 1,
        } as any,
      },
      record.model,
    );
    expect(expected.score).not.toBe(record.score);
    await waitFor(() =>
      expect(result).toHaveTextContent(
        `What-if AIVSS ${expected.score.toFixed(1)} · ${
          SEVERITY_LABELS[expected.severity]
        }`,
      ),
    );
    expect(slider).toHaveAttribute('aria-valuenow', '1');

    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuenow', '0.9'));

    await userEvent.click(
      screen.getByRole('button', { name: 'Reset to recorded inputs' }),
    );
    expect(result).toHaveTextContent(
      `What-if AIVSS ${record.score!.toFixed(1)}`,
    );
    expect(slider).toHaveAttribute('aria-valuenow', '0.1');
  });

  it('what-if: a stronger mitigation lowers the score under the record model', async () => {
    const entity = agentEntity();
    const record = recordFor(entity);
    serveRecord(record);
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    await screen.findByTestId('what-if-result');

    await userEvent.click(
      screen.getByRole('button', { name: /Mitigation factor/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /adversarial-tested/ }),
    );

    const expected = computeScore(
      {
        cvssBase: record.cvssBase!,
        threatMultiplier: record.threatMultiplier!,
        mitigationFactor: 0.5,
        factors: record.factors as any,
      },
      record.model,
    );
    expect(screen.getByTestId('what-if-result')).toHaveTextContent(
      `What-if AIVSS ${expected.score.toFixed(1)} · ${
        SEVERITY_LABELS[expected.severity]
      }`,
    );
  });

  it('refreshes the agent on demand and shows the new result', async () => {
    const entity = agentEntity();
    const record = recordFor(entity);
    serveRecord(record);
    let refreshed = false;
    server.use(
      http.post(`${RECORD_PATH}/refresh`, () => {
        refreshed = true;
        return HttpResponse.json({
          ...record,
          computedAt: '2026-03-02T09:00:00.000Z',
          score: 7.9,
        });
      }),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh now' }),
    );

    expect(
      await screen.findByText(/Re-scored .*AIVSS 7.9 \(High\)/),
    ).toBeInTheDocument();
    expect(refreshed).toBe(true);
    expect(screen.getByTestId('risk-headline')).toHaveTextContent('AIVSS 7.9');
  });
});
