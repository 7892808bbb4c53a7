import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { mockApis, TestApiRegistry } from '@backstage/test-utils';
import { isAgentRiskAvailable } from './isAgentRiskAvailable';

const entity = (kind: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: { type },
});

const withConfig = (data: object) => ({
  apis: TestApiRegistry.from([configApiRef, mockApis.config({ data })]),
});

describe('isAgentRiskAvailable', () => {
  it('recognises the default agent kinds without any config', () => {
    expect(isAgentRiskAvailable(entity('AiResource', 'agent'))).toBe(true);
    expect(isAgentRiskAvailable(entity('Component', 'ai-agent'))).toBe(true);
    expect(isAgentRiskAvailable(entity('Component', 'service'))).toBe(false);
    expect(isAgentRiskAvailable(entity('AiResource', 'skill'))).toBe(false);
  });

  it('follows agentRisk.agents from the app config', () => {
    const context = withConfig({
      agentRisk: { agents: [{ kind: 'Resource', type: 'llm-agent' }] },
    });
    expect(isAgentRiskAvailable(entity('Resource', 'llm-agent'), context)).toBe(
      true,
    );
    expect(isAgentRiskAvailable(entity('AiResource', 'agent'), context)).toBe(
      false,
    );
  });

  it('falls back to the defaults when the config is malformed', () => {
    const context = withConfig({
      agentRisk: { agents: [{ kind: 'Resource' }] },
    });
    expect(isAgentRiskAvailable(entity('AiResource', 'agent'), context)).toBe(
      true,
    );
  });
});
