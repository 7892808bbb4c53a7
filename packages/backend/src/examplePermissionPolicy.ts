/*
 * An example permission policy for an org that runs Agent Risk, installed in
 * this example backend (index.ts); the backend README shows it.
 *
 * Deny by default: every permission it allows is named below with who gets
 * it, so a plugin added later (and its permissions) is denied until someone
 * decides. It decides for users only: Backstage lets service tokens through
 * without asking the policy unless they carry access restrictions, which is
 * why Agent Risk refuses service tokens on every route that acts for a person.
 *
 * The registry rules always apply: everyone signed in may register agents,
 * owners (directly or through a group) may edit their agents, and the
 * security team may edit all. The stricter read and refresh rules are what
 * an org would use; the example app relaxes them (see the module below) so
 * every example agent shows for the guest user.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogIngestionReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  agentRiskAcceptanceApprovePermission,
  agentRiskAcceptanceRequestPermission,
  agentRiskAgentAssignPermission,
  agentRiskAgentCreatePermission,
  agentRiskAgentUpdatePermission,
  agentRiskAuditHistoryPermission,
  agentRiskReadPermission,
  agentRiskRefreshPermission,
  agentRiskSyncPermission,
} from '@agent-risk/plugin-agent-risk-common';
import {
  agentRiskAgentConditions,
  createAgentRiskAgentConditionalDecision,
} from '@agent-risk/plugin-agent-risk-backend';

/**
 * The group whose members re-score, sync and edit every agent, approve risk
 * acceptances, and (standing in for the org's Backstage admins) delete
 * catalog entities and manage locations.
 */
const SECURITY_TEAM = 'group:default/security';

export interface AgentRiskPermissionPolicyOptions {
  /**
   * `owners` (default): catalog entities, and so agent scores, are readable
   * (and refreshable) by their owners and the security team. `all`: by
   * everyone signed in.
   */
  catalogReads?: 'owners' | 'all';
  /** `security` (default): only the security team re-scores one agent on demand. `all`: everyone. */
  refresh?: 'security' | 'all';
}

interface Caller {
  userEntityRef: string;
  ownershipRefs: string[];
  inSecurityTeam: boolean;
}

type Decide = (
  permission: Permission,
  caller: Caller,
) => PolicyDecision | Promise<PolicyDecision>;

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

const everyone: Decide = () => allow;
const securityTeam: Decide = (_, { inSecurityTeam }) =>
  inSecurityTeam ? allow : deny;
/** A user's own scaffolder tasks (their inputs and logs); the security team's: all. */
const taskOwners: Decide = (permission, { userEntityRef, inSecurityTeam }) =>
  inSecurityTeam
    ? allow
    : createScaffolderTaskConditionalDecision(
        permission as typeof taskReadPermission,
        scaffolderTaskConditions.isTaskOwner({ createdBy: [userEntityRef] }),
      );
const agentOwners: Decide = (permission, { ownershipRefs }) =>
  createAgentRiskAgentConditionalDecision(
    permission as typeof agentRiskAgentUpdatePermission,
    agentRiskAgentConditions.isAgentOwner({ claims: ownershipRefs }),
  );

export class AgentRiskPermissionPolicy implements PermissionPolicy {
  /** Who gets each permission this policy knows; any other is denied. */
  private readonly decisions: ReadonlyMap<string, Decide>;

  constructor(options: AgentRiskPermissionPolicyOptions = {}) {
    // Catalog entities, agents included, are readable by their owners and by
    // the security team. Agent Risk applies the same decision to its ranking,
    // summary, CSV and actions: nobody sees the score of an agent they cannot
    // see in the catalog. Whoever may read an entity may also ask the catalog
    // to re-read it (Agent Risk's "Refresh now" does, as the user).
    const catalogReaders: Decide = (permission, caller) =>
      caller.inSecurityTeam || options.catalogReads === 'all'
        ? allow
        : createCatalogConditionalDecision(
            permission as typeof catalogEntityReadPermission,
            catalogConditions.isEntityOwner({ claims: caller.ownershipRefs }),
          );

    this.decisions = new Map<string, Decide>([
      // Agent Risk. Everyone signed in reads scores, rankings and the CSV
      // export (within their catalog view)...
      [agentRiskReadPermission.name, everyone],
      // ...only the security team re-scores an agent now (unless relaxed)...
      [
        agentRiskRefreshPermission.name,
        (permission, caller) =>
          options.refresh === 'all' ? allow : securityTeam(permission, caller),
      ],
      // ...and only the security team starts a full sync, always.
      [agentRiskSyncPermission.name, securityTeam],
      // Everyone signed in registers agents (for themselves or their groups)...
      [agentRiskAgentCreatePermission.name, everyone],
      // ...only the security team files agents for owners they are not part of...
      [agentRiskAgentAssignPermission.name, securityTeam],
      // ...owners edit their agents, directly or through a group; the
      // security team edits all.
      [
        agentRiskAgentUpdatePermission.name,
        (permission, caller) =>
          caller.inSecurityTeam ? allow : agentOwners(permission, caller),
      ],
      // An agent's owners ask to accept its risk (and withdraw the request)...
      [agentRiskAcceptanceRequestPermission.name, agentOwners],
      // ...and the security team approves (or revokes) acceptances.
      [agentRiskAcceptanceApprovePermission.name, securityTeam],
      // Investigators only: trails of earlier registrations under a name.
      [agentRiskAuditHistoryPermission.name, securityTeam],

      // Catalog: what the example app's pages need...
      [catalogEntityReadPermission.name, catalogReaders],
      [catalogEntityRefreshPermission.name, catalogReaders],
      [catalogEntityCreatePermission.name, everyone],
      [catalogEntityValidatePermission.name, everyone],
      [catalogLocationReadPermission.name, everyone],
      // ...and what changes or removes what others own: the security team
      // only (deleting an entity or location drops other teams' agents;
      // a new location makes the backend read any URL it names).
      [catalogEntityDeletePermission.name, securityTeam],
      [catalogLocationCreatePermission.name, securityTeam],
      [catalogLocationDeletePermission.name, securityTeam],
      [catalogLocationAnalyzePermission.name, securityTeam],
      [catalogIngestionReadPermission.name, securityTeam],
      [catalogIngestionManagePermission.name, securityTeam],

      // Scaffolder: everyone signed in runs templates ("Register an AI
      // agent"; its action checks agent-risk.agent.create itself) and sees
      // their own tasks; changing templates in the editor is the security
      // team's.
      [templateParameterReadPermission.name, everyone],
      [templateStepReadPermission.name, everyone],
      [actionExecutePermission.name, everyone],
      [taskCreatePermission.name, everyone],
      [taskReadPermission.name, taskOwners],
      [taskCancelPermission.name, taskOwners],
      [templateDryRunPermission.name, securityTeam],
      [templateManagementPermission.name, securityTeam],
      // The other plugins of the example backend (notifications, signals,
      // MCP actions, app) define no permissions of their own.
    ]);
  }

  /** Whether this policy decides `permissionName` on purpose (else it denies it). */
  decides(permissionName: string): boolean {
    return this.decisions.has(permissionName);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const decide = this.decisions.get(request.permission.name);
    // Only signed-in users get anything, and only what is listed above.
    if (!user || !decide) {
      return deny;
    }
    const ownershipRefs = user.info.ownershipEntityRefs ?? [];
    return decide(request.permission, {
      userEntityRef: user.info.userEntityRef,
      ownershipRefs,
      inSecurityTeam: ownershipRefs.includes(SECURITY_TEAM),
    });
  }
}

/**
 * The example app's policy: the rules as above, with catalog reads and
 * refresh of one agent open to everyone so the guest user sees every example
 * agent. A full sync, approvals and catalog deletes stay with the security
 * team.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'agent-risk-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(
          new AgentRiskPermissionPolicy({
            catalogReads: 'all',
            refresh: 'all',
          }),
        );
      },
    });
  },
});
