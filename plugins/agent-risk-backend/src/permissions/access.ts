import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
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
    // Permission first: resolving visibility can read the whole catalog,
    // which a caller without agent-risk.read must not cost us.
    await this.require(agentRiskReadPermission, credentials);
    return this.visibility.resolve(credentials);
  }

  /**
   * The caller's visible agents, resolved afresh: after a refresh stored an
   * agent that the cached set predates. Only for callers already checked
   * for `agent-risk.read`.
   */
  freshVisibility(credentials: BackstageCredentials): Promise<AgentVisibility> {
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
