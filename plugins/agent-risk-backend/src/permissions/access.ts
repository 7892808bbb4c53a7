import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  agentRiskAcceptanceApprovePermission,
  agentRiskAcceptanceRequestPermission,
  agentRiskAgentAssignPermission,
  agentRiskAgentCreatePermission,
  agentRiskAuditHistoryPermission,
  agentRiskAgentUpdatePermission,
  agentRiskReadPermission,
  agentRiskRefreshPermission,
  agentRiskSyncPermission,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentVisibility, AgentVisibilityResolver } from './visibility';

/**
 * The permission checks shared by the HTTP routes and the actions: read
 * needs `agent-risk.read` and yields the caller's visible agents; refresh
 * needs `agent-risk.refresh`; a full sync needs `agent-risk.sync`.
 *
 * @public
 */
export class AgentRiskAccess {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly visibility: AgentVisibilityResolver,
  ) {}

  async requireRead(
    credentials: BackstageCredentials,
  ): Promise<AgentVisibility> {
    // agent-risk.read and the catalog's read decision in one request; the
    // visible set, which can read the whole catalog, is resolved only when
    // agent-risk.read is allowed.
    return this.visibility.resolve(credentials, agentRiskReadPermission);
  }

  /**
   * The caller's visible agents, with `entityRef` among them when the catalog
   * lets the caller read it: after a refresh stored an agent, the cached set
   * may predate it. Resolved afresh only then, so refreshing an agent already
   * in the set costs no catalog reads. Only for callers already checked for
   * `agent-risk.read`.
   */
  async visibilityIncluding(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<AgentVisibility> {
    const cached = await this.visibility.resolve(credentials);
    if (cached.type !== 'some' || cached.refs.includes(entityRef)) {
      return cached;
    }
    this.visibility.forget(credentials);
    return this.visibility.resolve(credentials);
  }

  /** `agent-risk.read` without resolving visibility: for reads that touch no stored agent. */
  async requireReadPermission(credentials: BackstageCredentials) {
    await this.require(agentRiskReadPermission, credentials);
  }

  async requireRefresh(credentials: BackstageCredentials): Promise<void> {
    await this.require(agentRiskRefreshPermission, credentials);
  }

  async requireSync(credentials: BackstageCredentials): Promise<void> {
    await this.require(agentRiskSyncPermission, credentials);
  }

  /** `agent-risk.agent.create`: register a new agent. */
  async requireCreate(credentials: BackstageCredentials): Promise<void> {
    await this.require(agentRiskAgentCreatePermission, credentials);
  }

  /**
   * `agent-risk.agent.update` on one agent (a resource permission: a policy
   * may allow it only to the agent's owners).
   */
  async requireUpdate(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<void> {
    await this.requireOn(
      agentRiskAgentUpdatePermission,
      credentials,
      entityRef,
    );
  }

  /** `agent-risk.acceptance.request` on one agent: ask to accept its risk. */
  async requireAcceptanceRequest(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<void> {
    await this.requireOn(
      agentRiskAcceptanceRequestPermission,
      credentials,
      entityRef,
    );
  }

  /** `agent-risk.acceptance.approve` on one agent. */
  async requireAcceptanceApprove(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<void> {
    await this.requireOn(
      agentRiskAcceptanceApprovePermission,
      credentials,
      entityRef,
    );
  }

  /**
   * Revoking: who may ask for an acceptance may withdraw it, and who may
   * approve may revoke it; either permission will do.
   */
  async requireAcceptanceRevoke(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<void> {
    const decisions = await this.permissions.authorize(
      [
        {
          permission: agentRiskAcceptanceRequestPermission,
          resourceRef: entityRef,
        },
        {
          permission: agentRiskAcceptanceApprovePermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (!decisions.some(d => d.result === AuthorizeResult.ALLOW)) {
      throw new NotAllowedError(
        `Missing permission ${agentRiskAcceptanceRequestPermission.name} or ${agentRiskAcceptanceApprovePermission.name} on ${entityRef}`,
      );
    }
  }

  /**
   * `agent-risk.agent.assign`: may name any owner on an agent, not only
   * themselves or a group they belong to (spec section 11).
   */
  async mayAssignAnyOwner(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission: agentRiskAgentAssignPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * `agent-risk.audit.history`: read the trails of earlier agents that had
   * the same name (deleted registrations).
   */
  async requireAuditHistory(credentials: BackstageCredentials): Promise<void> {
    await this.require(agentRiskAuditHistoryPermission, credentials);
  }

  private async requireOn(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
    entityRef: string,
  ) {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission ${permission.name} on ${entityRef}`,
      );
    }
  }

  private async require(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
  }
}
