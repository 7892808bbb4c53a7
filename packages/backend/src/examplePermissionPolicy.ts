/*
 * An example permission policy for an org that runs Agent Risk, installed in
 * this example backend (index.ts); the backend README shows it.
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
  isPermission,
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
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  agentRiskAcceptanceApprovePermission,
  agentRiskAcceptanceRequestPermission,
  agentRiskAgentCreatePermission,
  agentRiskAgentUpdatePermission,
  agentRiskReadPermission,
  agentRiskRefreshPermission,
} from '@agent-risk/plugin-agent-risk-common';
import {
  agentRiskAgentConditions,
  createAgentRiskAgentConditionalDecision,
} from '@agent-risk/plugin-agent-risk-backend';

/** The group whose members may re-score and edit every agent. */
const SECURITY_TEAM = 'group:default/security';

export interface AgentRiskPermissionPolicyOptions {
  /**
   * `owners` (default): catalog entities, and so agent scores, are readable
   * by their owners and the security team. `all`: by everyone signed in.
   */
  catalogReads?: 'owners' | 'all';
  /** `security` (default): only the security team re-scores on demand. `all`: everyone. */
  refresh?: 'security' | 'all';
}

export class AgentRiskPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: AgentRiskPermissionPolicyOptions = {},
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownershipRefs = user?.info.ownershipEntityRefs ?? [];
    const inSecurityTeam = ownershipRefs.includes(SECURITY_TEAM);

    // Everyone signed in may read scores, rankings and the CSV export...
    if (isPermission(request.permission, agentRiskReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // ...but only the security team may re-score an agent now or start a sync.
    if (isPermission(request.permission, agentRiskRefreshPermission)) {
      return {
        result:
          inSecurityTeam || this.options.refresh === 'all'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    // Anyone signed in may register an agent (they name its owner)...
    if (isPermission(request.permission, agentRiskAgentCreatePermission)) {
      return {
        result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    // ...and edit the agents they own, directly or through a group; the
    // security team edits all.
    if (isPermission(request.permission, agentRiskAgentUpdatePermission)) {
      if (inSecurityTeam) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createAgentRiskAgentConditionalDecision(
        request.permission,
        agentRiskAgentConditions.isAgentOwner({ claims: ownershipRefs }),
      );
    }
    // An agent's owners may ask to accept its risk (and withdraw the request)...
    if (
      isPermission(request.permission, agentRiskAcceptanceRequestPermission)
    ) {
      return createAgentRiskAgentConditionalDecision(
        request.permission,
        agentRiskAgentConditions.isAgentOwner({ claims: ownershipRefs }),
      );
    }
    // ...and the security team approves (or revokes) acceptances.
    if (
      isPermission(request.permission, agentRiskAcceptanceApprovePermission)
    ) {
      return {
        result: inSecurityTeam ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    // Catalog entities, agents included, are readable by their owners and by
    // the security team. Agent Risk applies the same decision to its ranking,
    // summary, CSV and actions: nobody sees the score of an agent they cannot
    // see in the catalog.
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      if (inSecurityTeam || this.options.catalogReads === 'all') {
        return { result: AuthorizeResult.ALLOW };
      }
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims: ownershipRefs }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * The example app's policy: the registry rules as above, with catalog reads
 * and refresh open to everyone so the guest user sees every example agent.
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
