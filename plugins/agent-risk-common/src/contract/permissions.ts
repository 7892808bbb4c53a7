import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read stored risk data: rankings, summaries, an agent's risk record, CSV.
 *
 * @public
 */
export const agentRiskReadPermission = createPermission({
  name: 'agent-risk.read',
  attributes: { action: 'read' },
});

/**
 * Ask the backend to re-score one agent (or all) now instead of at the next sync.
 *
 * @public
 */
export const agentRiskRefreshPermission = createPermission({
  name: 'agent-risk.refresh',
  attributes: { action: 'update' },
});

/**
 * Start a full sync of every agent now (`POST /sync`): heavier than a
 * refresh of one agent, so a policy can keep it to operators.
 *
 * @public
 */
export const agentRiskSyncPermission = createPermission({
  name: 'agent-risk.sync',
  attributes: { action: 'update' },
});

/**
 * Name an owner the caller does not belong to, when registering or
 * re-assigning an agent (spec section 11). Without it a caller may only
 * assign agents to themselves or to a group they are a member of; a policy
 * grants it to, for example, a security team that files agents for others.
 *
 * @public
 */
export const agentRiskAgentAssignPermission = createPermission({
  name: 'agent-risk.agent.assign',
  attributes: { action: 'update' },
});

/**
 * Read the audit trail of earlier registrations under an agent's name (an
 * agent deleted and registered again starts a new trail; spec section 11).
 * For investigators such as a security team; everyone else sees only the
 * current registration's trail.
 *
 * @public
 */
export const agentRiskAuditHistoryPermission = createPermission({
  name: 'agent-risk.audit.history',
  attributes: { action: 'read' },
});

/**
 * The basic permissions, registered with `addPermissions`.
 *
 * @public
 */
export const agentRiskPermissions = [
  agentRiskReadPermission,
  agentRiskRefreshPermission,
  agentRiskSyncPermission,
  agentRiskAgentAssignPermission,
  agentRiskAuditHistoryPermission,
];

/**
 * The resource type of `agent-risk.agent.update`: an agent, by entity ref.
 *
 * @public
 */
export const AGENT_RISK_AGENT_RESOURCE_TYPE = 'agent-risk-agent';

/**
 * Register a new agent in the registry (`POST /registry/agents`, the register page, the MCP action).
 *
 * @public
 */
export const agentRiskAgentCreatePermission = createPermission({
  name: 'agent-risk.agent.create',
  attributes: { action: 'create' },
});

/**
 * Change or delete a registry agent's entity and assessment. A resource
 * permission, so a policy can allow it conditionally (the plugin's
 * `IS_AGENT_OWNER` rule: owners edit their own agents).
 *
 * @public
 */
export const agentRiskAgentUpdatePermission = createPermission({
  name: 'agent-risk.agent.update',
  attributes: { action: 'update' },
  resourceType: AGENT_RISK_AGENT_RESOURCE_TYPE,
});

/**
 * Ask to accept an agent's current risk (or withdraw the request): a
 * resource permission, so a policy can leave it to the agent's owners
 * (the `IS_AGENT_OWNER` rule).
 *
 * @public
 */
export const agentRiskAcceptanceRequestPermission = createPermission({
  name: 'agent-risk.acceptance.request',
  attributes: { action: 'create' },
  resourceType: AGENT_RISK_AGENT_RESOURCE_TYPE,
});

/**
 * Approve a requested risk acceptance, or revoke an accepted one.
 *
 * @public
 */
export const agentRiskAcceptanceApprovePermission = createPermission({
  name: 'agent-risk.acceptance.approve',
  attributes: { action: 'update' },
  resourceType: AGENT_RISK_AGENT_RESOURCE_TYPE,
});

/**
 * The registry's and the acceptances' permissions, registered beside
 * `agentRiskPermissions`.
 *
 * @public
 */
export const agentRiskRegistryPermissions = [
  agentRiskAgentCreatePermission,
  agentRiskAgentUpdatePermission,
  agentRiskAcceptanceRequestPermission,
  agentRiskAcceptanceApprovePermission,
];
