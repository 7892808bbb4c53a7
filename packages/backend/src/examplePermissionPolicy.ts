/*
 * An example permission policy for an org that runs Agent Risk; the backend
 * README shows it. Not installed here: the example backend allows everything.
 * To use it, replace the allow-all policy module in index.ts with
 *   backend.add(import('./examplePermissionPolicy'));
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
  agentRiskReadPermission,
  agentRiskRefreshPermission,
} from '@agent-risk/plugin-agent-risk-common';

/** The group whose members may re-score agents on demand. */
const SECURITY_TEAM = 'group:default/security';

export class AgentRiskPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownershipRefs = user?.info.ownershipEntityRefs ?? [];

    // Everyone signed in may read scores, rankings and the CSV export...
    if (isPermission(request.permission, agentRiskReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // ...but only the security team may re-score an agent now or start a sync.
    if (isPermission(request.permission, agentRiskRefreshPermission)) {
      return {
        result: ownershipRefs.includes(SECURITY_TEAM)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    // Catalog entities, agents included, are readable by their owners and by
    // the security team. Agent Risk applies the same decision to its ranking,
    // summary, CSV and actions: nobody sees the score of an agent they cannot
    // see in the catalog.
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      if (ownershipRefs.includes(SECURITY_TEAM)) {
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

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'agent-risk-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new AgentRiskPermissionPolicy());
      },
    });
  },
});
