import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  AGENT_RISK_AGENT_RESOURCE_TYPE,
  AGENT_RISK_PLUGIN_ID,
  normalizeEntityRef,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * What the `agent-risk.agent.update` rules look at: an agent and its owner.
 *
 * @public
 */
export interface AgentPermissionResource {
  /** Lower-case `kind:namespace/name`. */
  entityRef: string;
  /** Lower-case owner entity ref, null when the agent names none. */
  owner: string | null;
}

/** The agent resource type of this plugin's permission integration. */
export const agentPermissionResourceRef = createPermissionResourceRef<
  AgentPermissionResource,
  never
>().with({
  pluginId: AGENT_RISK_PLUGIN_ID,
  resourceType: AGENT_RISK_AGENT_RESOURCE_TYPE,
});

/**
 * `IS_AGENT_OWNER`: the agent's `spec.owner` is one of the claims. A policy
 * passes the caller's ownership refs (`user.info.ownershipEntityRefs`: the
 * user and the groups they belong to), so owning directly and through a
 * group both count.
 */
export const isAgentOwner = createPermissionRule<
  typeof agentPermissionResourceRef,
  { claims: string[] }
>({
  name: 'IS_AGENT_OWNER',
  description: 'Allow the owners of an agent (directly or through a group)',
  resourceRef: agentPermissionResourceRef,
  apply: (resource, { claims }) => {
    // No params schema (this zod cannot describe itself as JSON Schema),
    // so the claims are checked here: anything but a list allows nothing.
    if (!resource.owner || !Array.isArray(claims)) {
      return false;
    }
    const owner = resource.owner.toLocaleLowerCase('en-US');
    return claims.some(
      (claim: unknown) =>
        normalizeEntityRef(claim, 'group', 'default')?.toLocaleLowerCase(
          'en-US',
        ) === owner,
    );
  },
  // Never used: the plugin authorizes one agent at a time, not queries.
  toQuery: () => ({ not: { allOf: [] } } as never),
});

/** @public */
export const agentPermissionRules = { isAgentOwner };

const conditionExports = createConditionExports({
  resourceRef: agentPermissionResourceRef,
  rules: agentPermissionRules,
});

/**
 * Conditions for `agent-risk.agent.update` in a permission policy, e.g.
 * `agentRiskAgentConditions.isAgentOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const agentRiskAgentConditions = conditionExports.conditions;

/**
 * Wraps conditions into the decision a permission policy returns for
 * `agent-risk.agent.update`.
 *
 * @public
 */
export const createAgentRiskAgentConditionalDecision =
  conditionExports.createConditionalDecision;
