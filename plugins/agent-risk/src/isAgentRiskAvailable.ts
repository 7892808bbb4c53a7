import { Entity } from '@backstage/catalog-model';
import { isAgentEntity } from '@agent-risk/plugin-agent-risk-common';

/**
 * Whether the Risk tab and card apply to an entity: true for agents under the
 * default selectors (`AiResource` of type `agent`, `Component` of type
 * `ai-agent`). Use it in `EntityLayout.Route if={...}` or `EntitySwitch.Case`.
 *
 * @public
 */
export function isAgentRiskAvailable(entity: Entity): boolean {
  return isAgentEntity(entity);
}
