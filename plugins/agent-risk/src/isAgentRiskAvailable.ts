import { Entity } from '@backstage/catalog-model';
import { ApiHolder, configApiRef } from '@backstage/core-plugin-api';
import {
  AgentSelector,
  DEFAULT_AGENT_SELECTORS,
  isAgentEntity,
} from '@agent-risk/plugin-agent-risk-common';

/** `agentRisk.agents` from the frontend config, or the defaults. */
function configuredSelectors(apis?: ApiHolder): readonly AgentSelector[] {
  const config = apis?.get(configApiRef);
  const agents = config?.getOptionalConfigArray('agentRisk.agents');
  if (!agents) {
    return DEFAULT_AGENT_SELECTORS;
  }
  try {
    return agents.map(a => ({
      kind: a.getString('kind'),
      type: a.getString('type'),
    }));
  } catch {
    // The backend refuses to start on malformed selectors; the page just
    // falls back to the defaults rather than breaking every entity page.
    return DEFAULT_AGENT_SELECTORS;
  }
}

/**
 * Whether the Risk tab and card apply to an entity: true for agents, i.e. the
 * kind + spec.type pairs of `agentRisk.agents` (default: `AiResource` of type
 * `agent`, `Component` of type `ai-agent`). Use it in
 * `EntitySwitch.Case if={...}`, which passes the API holder that carries the
 * app config. `EntityLayout.Route if={...}` calls it without the APIs, so
 * there it only knows the default kinds.
 *
 * @public
 */
export function isAgentRiskAvailable(
  entity: Entity,
  context?: { apis: ApiHolder },
): boolean {
  return isAgentEntity(entity, configuredSelectors(context?.apis));
}
