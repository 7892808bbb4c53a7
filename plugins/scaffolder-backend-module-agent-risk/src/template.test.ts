import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';
import {
  AGENTIC_FACTOR_IDS,
  FACTOR_RUBRIC,
  MITIGATION_FACTOR_KEYWORDS,
  REGISTRY_LIMITS,
  REGISTRY_REASON_MAX_LENGTH,
  THREAT_MULTIPLIER_KEYWORDS,
} from '@agent-risk/plugin-agent-risk-common';
import { REGISTER_ACTION_ID } from './actions/register';

/** The example template must not drift from the rubric and the registry's bounds. */
describe('the Register an AI agent template', () => {
  const template = parse(
    readFileSync(
      resolve(
        __dirname,
        '../../../examples/templates/register-agent/template.yaml',
      ),
      'utf8',
    ),
  );
  const [agentPage, assessmentPage, reasonPage] = template.spec.parameters;
  const aivss = assessmentPage.properties.aivss;

  it('asks for every factor, each choice in the rubric’s words', () => {
    expect(aivss.required).toEqual([...AGENTIC_FACTOR_IDS]);
    for (const id of AGENTIC_FACTOR_IDS) {
      const rubric = FACTOR_RUBRIC[id];
      expect(aivss.properties[id].oneOf).toEqual([
        { const: 0, title: `0: ${rubric.none}` },
        { const: 0.5, title: `0.5: ${rubric.partial}` },
        { const: 1, title: `1: ${rubric.full}` },
      ]);
    }
  });

  it('offers exactly the threat and mitigation keywords', () => {
    const consts = (key: string) =>
      aivss.properties[key].oneOf.map((o: { const: string }) => o.const);
    expect(consts('threat-multiplier')).toEqual(
      Object.keys(THREAT_MULTIPLIER_KEYWORDS),
    );
    expect(consts('mitigation-factor')).toEqual(
      Object.keys(MITIGATION_FACTOR_KEYWORDS),
    );
  });

  it('bounds text as the registry does, and runs the action', () => {
    expect(agentPage.properties.title.maxLength).toBe(REGISTRY_LIMITS.title);
    expect(agentPage.properties.description.maxLength).toBe(
      REGISTRY_LIMITS.description,
    );
    expect(reasonPage.properties.reason.maxLength).toBe(
      REGISTRY_REASON_MAX_LENGTH,
    );
    expect(
      template.spec.steps.map((s: { action: string }) => s.action),
    ).toEqual([REGISTER_ACTION_ID]);
  });
});
