import { delay, http, HttpResponse } from 'msw';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse as parseYaml } from 'yaml';
import {
  AGENTIC_FACTORS,
  AgentRefreshResult,
  AgentRiskRecord,
  computeScore,
  MAESTRO_LAYERS,
  scoreAnnotations,
  SEVERITY_LABELS,
} from '@agent-risk/plugin-agent-risk-common';
import { formatDateTime } from '../shared/format';
import { buildAnnotationExample } from './annotationExample';
import {
  agentEntity,
  recordFor,
  WORKED_EXAMPLE_ANNOTATIONS,
} from '../../__testUtils__/fixtures';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
  quietBackground,
} from '../../__testUtils__/TestApp';
import { backstageError, REFUSAL_PANELS } from '../../__testUtils__/errors';
import { AgentRiskTab } from './AgentRiskTab';

const RECORD_PATH = `${BACKEND_URL}/agents/airesource/default/support-bot`;

describe('AgentRiskTab', () => {
  const server = setupAgentRiskServer(quietBackground.noAuditEntries);
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
    // Header, the ten factors, and the total.
    expect(factorRows).toHaveLength(2 + AGENTIC_FACTORS.length);
    expect(factorRows[factorRows.length - 1]).toHaveTextContent(
      `Total${record.aars!.toFixed(2)}`,
    );

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

  it('explains the score as its parts, lists what lowers it most, and links each threat to its mitigation note', async () => {
    const entity = agentEntity();
    serveRecord(recordFor(entity));
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const explanation = within(await screen.findByTestId('score-explanation'));
    // The fixture was reviewed on 15 Feb; the next review is due in May.
    expect(screen.getByTestId('review-status')).toHaveTextContent(
      /^Reviewed .*2026.*; next review due .*2026/,
    );
    // 7.5 + 2.5 × 1.1/10 = 7.775 → 7.8 with no mitigation.
    expect(
      explanation.getByText(
        '7.8 = CVSS base 7.5 +0.3 agentic uplift +0.0 mitigation effect',
      ),
    ).toBeInTheDocument();
    const levers = explanation
      .getByRole('list', { name: 'Changes that lower the score most' })
      .querySelectorAll('li');
    expect([...levers].map(li => li.textContent)).toEqual([
      'adversarial-tested mitigation: 7.8 → 3.9',
      'strong mitigation: 7.8 → 5.2',
      'partial mitigation: 7.8 → 6.5',
      'every factor at 0: 7.8 → 7.5',
      'Autonomy of action at 0: 7.8 → 7.7',
    ]);

    const chip = screen.getByRole('button', {
      name: /ASI01 Agent Goal Hijack/,
    });
    expect(chip).toHaveAttribute('href', '#agent-risk-threat-ASI01');
    expect(
      document.getElementById('agent-risk-threat-ASI01'),
    ).toHaveTextContent(/ASI01: Agent Goal Hijack.*system policy/);
    expect(document.getElementById('agent-risk-threat-T6')).not.toBeNull();
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
    // The what-if panel asks for the missing CVSS base and then scores.
    const whatIf = screen.getByTestId('what-if-result');
    expect(whatIf).toHaveTextContent('Fix the highlighted inputs');
    await userEvent.type(
      screen.getByRole('textbox', { name: /CVSS base/ }),
      '7.5',
    );
    expect(whatIf).toHaveTextContent('What-if AIVSS 7.8 · High');
  });

  it('what-if: an owner sets a missing factor and sees the score it would get', async () => {
    const { ['aivss.owasp.org/non-determinism']: _omit, ...annotations } =
      WORKED_EXAMPLE_ANNOTATIONS;
    const entity = agentEntity(annotations);
    const record = recordFor(entity);
    expect(record.status).toBe('incomplete');
    serveRecord(record);
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const whatIf = await screen.findByTestId('what-if-result');
    expect(whatIf).toHaveTextContent('Set the 1 missing factor to see a score');
    expect(
      screen.getByText('Non-determinism: missing, move the slider to set it'),
    ).toBeInTheDocument();

    const slider = screen.getByRole('slider', { name: 'Non-determinism' });
    act(() => slider.focus());
    fireEvent.keyDown(slider, { key: 'End' });

    const expected = computeScore(
      {
        cvssBase: 7.5,
        threatMultiplier: 1,
        mitigationFactor: 1,
        factors: {
          ...(record.factors as Record<string, number>),
          'non-determinism': 1,
        } as any,
      },
      record.model,
    );
    await waitFor(() =>
      expect(whatIf).toHaveTextContent(
        `What-if AIVSS ${expected.score.toFixed(1)} · ${
          SEVERITY_LABELS[expected.severity]
        }`,
      ),
    );
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

    // The factor table shows the value as written, and why it was rejected.
    const row = screen.getByTestId('factor-row-non-determinism');
    expect(row).toHaveTextContent('"1.7"');
    const message = record.errors.find(
      e => e.field === 'aivss.owasp.org/non-determinism',
    )!.message;
    expect(within(row).getByTestId('factor-error')).toHaveTextContent(message);
    expect(row).not.toHaveTextContent('missing');
  });

  it('contributions are rounded so they add up to the total and the AARS uplift shown', async () => {
    // Ten contributions of 0.025 each: rounded one by one they would show 0.03 ×10 = 0.30.
    const entity = agentEntity({
      ...WORKED_EXAMPLE_ANNOTATIONS,
      'aivss.owasp.org/autonomy-of-action': '0.1',
    });
    const record = recordFor(entity);
    expect(record.aars).toBeCloseTo(0.25);
    serveRecord(record);
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const table = await screen.findByRole('table', { name: 'Agentic factors' });
    const shown = AGENTIC_FACTORS.map(f =>
      Number(
        within(table)
          .getByTestId(`factor-row-${f.id}`)
          .querySelectorAll('td')[2].textContent,
      ),
    );
    const sumInHundredths = shown.reduce(
      (sum, v) => sum + Math.round(v * 100),
      0,
    );
    expect(sumInHundredths).toBe(25);
    expect(screen.getByTestId('factor-total')).toHaveTextContent('0.25');
    const inputs = within(
      screen.getByRole('group', { name: 'Formula inputs' }),
    );
    expect(inputs.getByText('AARS uplift').nextSibling).toHaveTextContent(
      '0.25',
    );
  });

  it('marks multipliers the agent does not declare as defaults', async () => {
    const {
      ['aivss.owasp.org/threat-multiplier']: _t,
      ['aivss.owasp.org/mitigation-factor']: _m,
      ...annotations
    } = WORKED_EXAMPLE_ANNOTATIONS;
    const entity = agentEntity(annotations);
    serveRecord(recordFor(entity));
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    const inputs = within(
      await screen.findByRole('group', { name: 'Formula inputs' }),
    );
    expect(
      inputs.getByText('Threat multiplier').parentElement,
    ).toHaveTextContent('× 0.97default: not declared');
    expect(
      inputs.getByText('Mitigation factor').parentElement,
    ).toHaveTextContent('× 1.00default: not declared');
  });

  it('does not mark declared multipliers as defaults', async () => {
    const entity = agentEntity();
    serveRecord(recordFor(entity));
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    await screen.findByRole('group', { name: 'Formula inputs' });
    expect(screen.queryByText('default: not declared')).not.toBeInTheDocument();
  });

  it('renders without DOM nesting warnings (the severity chip sits inside paragraphs)', async () => {
    const errors = jest.spyOn(console, 'error');
    try {
      const entity = agentEntity();
      serveRecord(recordFor(entity));
      await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
      await screen.findByTestId('what-if-result');
      const nesting = errors.mock.calls.filter(call =>
        String(call[0]).includes('validateDOMNesting'),
      );
      expect(nesting).toEqual([]);
    } finally {
      errors.mockRestore();
    }
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
    for (const layer of MAESTRO_LAYERS) {
      expect(snippet).toContain(layer.textAnnotation);
      expect(snippet).toContain(layer.confidenceAnnotation);
      expect(snippet).toContain(layer.threatsAnnotation);
    }
  });

  it('the empty state teaches a complete block that scores with every layer assessed', () => {
    const parsed = parseYaml(buildAnnotationExample());
    const result = scoreAnnotations(parsed.metadata.annotations);
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('scored');
    expect(result.assessment.layers.every(l => l.text !== null)).toBe(true);
    expect(result.assessment.layers).toHaveLength(MAESTRO_LAYERS.length);
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

  it.each(REFUSAL_PANELS)(
    'answers %s with its own panel',
    async (status, name, shown, notShown) => {
      server.use(
        http.get(RECORD_PATH, () => backstageError(status, name, 'refused')),
      );
      await renderWithAgentRiskApi(<AgentRiskTab />, {
        entity: agentEntity(),
      });
      expect(await screen.findByText(shown)).toBeInTheDocument();
      expect(screen.queryByText(notShown)).not.toBeInTheDocument();
    },
  );

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
    act(() => slider.focus());
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

  it('what-if: says why weak mitigation scores as none (both 1.00 in the v0.8 table)', async () => {
    const entity = agentEntity();
    serveRecord(recordFor(entity));
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    await screen.findByTestId('what-if-result');
    const choose = async (name: RegExp) => {
      await userEvent.click(
        screen.getByRole('button', { name: /Mitigation factor/ }),
      );
      await userEvent.click(await screen.findByRole('option', { name }));
    };
    const why = /none and weak both multiply by 1\.00/;
    await choose(/^weak/);
    expect(screen.getByText(why)).toBeInTheDocument();
    await choose(/^partial/);
    expect(screen.queryByText(why)).not.toBeInTheDocument();
  });

  it('what-if: saving one moved factor sends only it, then shows the new score, history and audit entry without a reload', async () => {
    const { ['aivss.owasp.org/cvss-base']: _base, ...worked } =
      WORKED_EXAMPLE_ANNOTATIONS;
    const written = {
      ...worked,
      // 7.1, as a vector; named levels: what a save must leave as written.
      'aivss.owasp.org/cvss-vector':
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N',
      'aivss.owasp.org/threat-multiplier': 'unreported',
      'aivss.owasp.org/mitigation-factor': 'partial',
    };
    const entity = agentEntity({
      ...written,
      'agent-risk.io/registry': 'true',
      'backstage.io/managed-by-location':
        'agent-risk-registry:default/support-bot',
    });
    const before = recordFor(entity);
    const afterEntity = agentEntity({
      ...written,
      'aivss.owasp.org/non-determinism': '1',
    });
    const savedAt = '2026-03-02T09:00:00.000Z';
    const after = recordFor(afterEntity, {
      computedAt: savedAt,
      history: [
        ...before.history,
        {
          computedAt: savedAt,
          status: 'scored',
          score: recordFor(afterEntity).score,
          severity: recordFor(afterEntity).severity,
          model: 'aivss-0.8',
        },
      ],
    });
    expect(after.score).not.toBe(before.score);
    let sent: any;
    let auditRequests = 0;
    server.use(
      http.get(RECORD_PATH, () => HttpResponse.json(sent ? after : before)),
      http.put(
        `${BACKEND_URL}/registry/agents/default/support-bot`,
        async ({ request }) => {
          sent = await request.json();
          return HttpResponse.json({
            entityRef: 'airesource:default/support-bot',
          });
        },
      ),
      http.get(`${RECORD_PATH}/audit`, () => {
        auditRequests += 1;
        return HttpResponse.json({
          items: sent
            ? [
                {
                  at: savedAt,
                  actor: 'user:default/alice',
                  action: 'update',
                  reason: sent.reason,
                  changes: [
                    {
                      field: 'aivss.owasp.org/non-determinism',
                      before: '0.1',
                      after: '1',
                    },
                  ],
                },
              ]
            : [],
          nextCursor: null,
        });
      }),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    expect(await screen.findByTestId('risk-headline')).toHaveTextContent(
      `AIVSS ${before.score!.toFixed(1)}`,
    );
    await waitFor(() => expect(auditRequests).toBe(1));

    const slider = screen.getByRole('slider', { name: 'Non-determinism' });
    act(() => slider.focus());
    fireEvent.keyDown(slider, { key: 'End' });
    await userEvent.type(
      screen.getByRole('textbox', { name: /Reason for the change/ }),
      'Runs unattended now',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Save as the assessment' }),
    );

    // Only the moved factor changed; the registry's fields, no bookkeeping.
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent.reason).toBe('Runs unattended now');
    expect(sent.entity).toEqual({
      apiVersion: entity.apiVersion,
      kind: entity.kind,
      metadata: {
        name: 'support-bot',
        namespace: 'default',
        annotations: { ...written, 'aivss.owasp.org/non-determinism': '1' },
      },
      spec: entity.spec,
    });

    // The new score, its history point and the audit entry, without a reload.
    await waitFor(() =>
      expect(screen.getByTestId('risk-headline')).toHaveTextContent(
        `AIVSS ${after.score!.toFixed(1)}`,
      ),
    );
    expect(screen.getByText(/3 recorded changes/)).toBeInTheDocument();
    const entry = await screen.findByTestId('agent-risk-audit-entry');
    expect(auditRequests).toBe(2);
    expect(entry).toHaveTextContent('Runs unattended now');
    expect(entry).toHaveTextContent('Non-determinism: 0.1 → 1');
    expect(screen.getByText(/Saved as the assessment/)).toBeInTheDocument();
    expect(screen.getByTestId('what-if-result')).toHaveTextContent(
      `What-if AIVSS ${after.score!.toFixed(1)}`,
    );

    // The page's entity keeps the old annotations until the catalog ingests
    // the change: a second save starts from the first, never undoes it.
    const autonomy = screen.getByRole('slider', { name: 'Autonomy of action' });
    act(() => autonomy.focus());
    fireEvent.keyDown(autonomy, { key: 'Home' });
    await userEvent.type(
      screen.getByRole('textbox', { name: /Reason for the change/ }),
      'Autonomy removed',
    );
    sent = undefined;
    await userEvent.click(
      screen.getByRole('button', { name: 'Save as the assessment' }),
    );
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent.entity.metadata.annotations).toEqual({
      ...written,
      'aivss.owasp.org/non-determinism': '1',
      'aivss.owasp.org/autonomy-of-action': '0',
    });
  });

  it('refreshes the agent on demand and shows the new result', async () => {
    const entity = agentEntity();
    const record = recordFor(entity);
    serveRecord(record);
    let refreshed = false;
    const refreshedAt = '2026-03-02T09:00:00.000Z';
    server.use(
      http.post(`${RECORD_PATH}/refresh`, () => {
        refreshed = true;
        const result: AgentRefreshResult = {
          agent: { ...record, computedAt: refreshedAt, score: 7.9 },
          refreshedAt,
          catalogUpdated: true,
          scoreChanged: true,
          previous: { status: 'scored', score: 7.8, severity: 'high' },
        };
        return HttpResponse.json(result);
      }),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh now' }),
    );

    const outcome = await screen.findByTestId('refresh-outcome');
    expect(outcome).toHaveTextContent(
      `Refreshed ${formatDateTime(
        refreshedAt,
      )}. Score 7.8 → 7.9. The catalog had newer data for this agent.`,
    );
    expect(refreshed).toBe(true);
    expect(screen.getByTestId('risk-headline')).toHaveTextContent('AIVSS 7.9');
  });

  it.each([
    [403, 'NotAllowedError', 'You are not allowed to refresh risk scores.'],
    [
      401,
      'AuthenticationError',
      'Your session has expired: reload the page to sign in again.',
    ],
  ])('says why a refresh was refused (%s)', async (status, name, expected) => {
    const entity = agentEntity();
    serveRecord(recordFor(entity));
    server.use(
      http.post(`${RECORD_PATH}/refresh`, () =>
        backstageError(status, name, 'refused'),
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh now' }),
    );
    expect(await screen.findByText(expected)).toBeInTheDocument();
  });

  it('says when a refresh left the score unchanged and the catalog had nothing new', async () => {
    const entity = agentEntity();
    const record = recordFor(entity);
    serveRecord(record);
    const refreshedAt = '2026-03-02T09:30:00.000Z';
    server.use(
      http.post(`${RECORD_PATH}/refresh`, () =>
        HttpResponse.json({
          agent: record,
          refreshedAt,
          catalogUpdated: false,
          scoreChanged: false,
          previous: { status: 'scored', score: 7.8, severity: 'high' },
        } satisfies AgentRefreshResult),
      ),
    );
    await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh now' }),
    );
    expect(await screen.findByTestId('refresh-outcome')).toHaveTextContent(
      `Refreshed ${formatDateTime(
        refreshedAt,
      )}. Score unchanged at 7.8. The catalog had no newer data for this agent.`,
    );
  });
});
