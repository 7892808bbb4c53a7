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

/** @public */
export const agentRiskPermissions = [
  agentRiskReadPermission,
  agentRiskRefreshPermission,
  agentRiskSyncPermission,
];
