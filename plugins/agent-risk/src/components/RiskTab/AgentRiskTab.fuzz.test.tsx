/*
 * Fuzz: the Risk tab rendered for random entities (random annotation maps)
 * with the record the common core computes for them, random display fields
 * and history, or a broken answer from the backend. Nothing may throw: the
 * tab always ends in the headline, the missing-annotations hint or an error
 * panel.
 *
 * AGENT_RISK_FUZZ_RUNS / AGENT_RISK_FUZZ_SEED as in the backend's fuzz test
 * (renders are slow in jsdom: one per 50 requested runs, at least 20).
 */
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { cleanup, screen, waitFor } from '@testing-library/react';
import {
  AgentRiskRecord,
  SCORE_STATUSES,
  SEVERITIES,
} from '@agent-risk/plugin-agent-risk-common';
import {
  annotationMap as annotations,
  anyText as text,
} from '@agent-risk/plugin-agent-risk-common/testing';
import { agentEntity, recordFor } from '../../__testUtils__/fixtures';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { AgentRiskTab } from './AgentRiskTab';

const RUNS = Math.max(
  20,
  Math.round(Number(process.env.AGENT_RISK_FUZZ_RUNS ?? 300) / 50),
);
const SEED = Number(process.env.AGENT_RISK_FUZZ_SEED ?? Date.now() % 2 ** 31);

jest.setTimeout(Math.max(60_000, RUNS * 2_000));

const number = fc.oneof(
  fc.double({ noNaN: true }),
  fc.double({ min: 0, max: 10, noNaN: true }),
  fc.constant(null),
);
const historyEntry = fc.record({
  computedAt: fc.oneof(
    fc
      .date({
        min: new Date(2000, 0, 1),
        max: new Date(2100, 0, 1),
        noInvalidDate: true,
      })
      .map(d => d.toISOString()),
    text(),
  ),
  status: fc.constantFrom(...SCORE_STATUSES),
  score: number,
  severity: fc.option(fc.constantFrom(...SEVERITIES), { nil: null }),
  model: fc.constantFrom('aivss-0.8', 'aivss-0.5'),
});
const overrides = fc.record(
  {
    title: text(300),
    owner: fc.option(text(300), { nil: null }),
    system: fc.option(text(300), { nil: null }),
    lifecycle: fc.option(text(), { nil: null }),
    rank: fc.option(fc.integer(), { nil: null }),
    percentile: number,
    computedAt: text(),
    history: fc.array(historyEntry, { maxLength: 40 }),
  },
  { requiredKeys: [] },
);
/** What the backend answers: the record, or something a proxy or a bug could send. */
const answer = fc.oneof(
  { weight: 6, arbitrary: fc.constant('record' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(401, 403, 404, 500, 502, 503),
  },
  { weight: 1, arbitrary: fc.constant('not json' as const) },
);

describe('AgentRiskTab fuzz', () => {
  const server = setupAgentRiskServer();

  it(`renders ${RUNS} random agents and answers without throwing`, async () => {
    const cases = fc.sample(fc.tuple(annotations, overrides, answer), {
      numRuns: RUNS,
      seed: SEED,
    });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const [i, [annotationMap, fields, reply]] of cases.entries()) {
        const entity = agentEntity(annotationMap, 'fuzzed-agent');
        const record: AgentRiskRecord = { ...recordFor(entity), ...fields };
        server.use(
          http.get(
            `${BACKEND_URL}/agents/airesource/default/fuzzed-agent`,
            () => {
              if (reply === 'record') return HttpResponse.json(record);
              if (reply === 'not json') return new HttpResponse('<html>');
              return HttpResponse.json(
                { error: { name: 'Error', message: 'fuzzed' } },
                { status: reply },
              );
            },
          ),
        );
        const context = `case ${i} of seed ${SEED}: ${JSON.stringify({
          annotationMap,
          fields,
          reply,
        }).slice(0, 1500)}`;
        try {
          await renderWithAgentRiskApi(<AgentRiskTab />, { entity });
          await waitFor(() =>
            expect(screen.queryByRole('progressbar')).not.toBeInTheDocument(),
          );
          expect(document.body.textContent).toMatch(/\S/);
        } catch (error) {
          throw new Error(`${context}\n${error}`);
        }
        const crashes = errors.mock.calls.filter(args =>
          /The above error occurred|Uncaught|not wrapped in act/.test(
            String(args[0]),
          ),
        );
        if (crashes.length > 0) {
          throw new Error(`${context}\nReact reported: ${crashes[0][0]}`);
        }
        cleanup();
        server.resetHandlers();
      }
    } finally {
      errors.mockRestore();
    }
  });
});
