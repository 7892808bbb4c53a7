import { EntityFilterQuery } from '@backstage/catalog-client';
import { AgentSelector } from '@agent-risk/plugin-agent-risk-common';

/**
 * A catalog filter matching any of the agent selectors (a list of filters is an OR).
 *
 * @public
 */
export function agentCatalogFilter(
  selectors: readonly AgentSelector[],
): EntityFilterQuery {
  return selectors.map(s => ({ kind: s.kind, 'spec.type': s.type }));
}
