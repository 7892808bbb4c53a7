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
} from '@agent-risk/plugin-agent-risk-common';
import { AgentVisibility, AgentVisibilityResolver } from './visibility';

/**
 * The permission checks shared by the HTTP routes and the actions: read
 * needs `agent-risk.read` and yields the caller's visible agents; refresh
 * needs `agent-risk.refresh`.
 */
export class AgentRiskAccess {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly visibility: AgentVisibilityResolver,
  ) {}

  async requireRead(
    credentials: BackstageCredentials,
  ): Promise<AgentVisibility> {
    const [[decision], visibility] = await Promise.all([
      this.permissions.authorize([{ permission: agentRiskReadPermission }], {
        credentials,
      }),
      this.visibility.resolve(credentials),
    ]);
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission ${agentRiskReadPermission.name}`,
      );
    }
    return visibility;
  }

  /** `agent-risk.read` without resolving visibility: for reads that touch no stored agent. */
  async requireReadPermission(credentials: BackstageCredentials) {
    await this.require(agentRiskReadPermission, credentials);
  }

  async requireRefresh(credentials: BackstageCredentials): Promise<void> {
    await this.require(agentRiskRefreshPermission, credentials);
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
