import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AGENT_RISK_PLUGIN_ID,
  AgentListItem,
  AgentListResponse,
  AgentRiskRecord,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * Reads agents through the agent-risk backend's HTTP API with this plugin's
 * service token: the backend applies its own rules, and its database stays
 * its own.
 */
export class AgentRiskReader {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  /** Every ranking row, page by page with the backend's cursor. */
  async *agents(pageSize: number): AsyncGenerator<AgentListItem[]> {
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({
        limit: String(pageSize),
        orderBy: 'name',
        order: 'asc',
      });
      if (cursor) {
        params.set('cursor', cursor);
      }
      const page: AgentListResponse = await this.get(`/agents?${params}`);
      if (!Array.isArray(page?.items)) {
        throw new Error('agent-risk answered /agents without an items list');
      }
      yield page.items;
      cursor = typeof page.nextCursor === 'string' ? page.nextCursor : null;
    } while (cursor);
  }

  /** One agent's full record (its layers' threats, description, MCP servers). */
  agent(entityRef: string): Promise<AgentRiskRecord> {
    const match = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
    if (!match) {
      throw new Error(`not an entity ref: ${entityRef.slice(0, 200)}`);
    }
    const [kind, namespace, name] = match.slice(1).map(encodeURIComponent);
    return this.get(`/agents/${kind}/${namespace}/${name}`);
  }

  private async get<T>(path: string): Promise<T> {
    const [baseUrl, { token }] = await Promise.all([
      this.discovery.getBaseUrl(AGENT_RISK_PLUGIN_ID),
      this.auth.getPluginRequestToken({
        onBehalfOf: await this.auth.getOwnServiceCredentials(),
        targetPluginId: AGENT_RISK_PLUGIN_ID,
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
