import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AcceptanceRequest,
  AcceptanceResult,
  AGENT_RISK_PLUGIN_ID,
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
  agentRiskRoutes,
  AuditListResponse,
  DiscoverySourcesResponse,
  ImportFetchResult,
  ReachedByResponse,
  McpServersDiscoveryResponse,
  McpServerToolsResponse,
  RegistryWriteResult,
  RiskSummary,
  RiskTrendResponse,
  ScoringModelId,
  WhatIfScoreResult,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AgentListFilters,
  AgentListRequest,
  AgentRiskApi,
  RiskTrendRequest,
} from './AgentRiskApi';

/** Spec section 10.2: the CycloneDX export, with the ranking's filters. */
const CYCLONEDX_EXPORT_PATH = '/export/cyclonedx';

/**
 * Builds the query string of `GET /agents` and `GET /agents.csv`. Array
 * filters become repeated parameters (`owner=a&owner=b`).
 */
export function toAgentListSearchParams(
  request: AgentListRequest = {},
): URLSearchParams {
  const params = new URLSearchParams();
  const single = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') {
      params.append(key, String(value));
    }
  };
  const repeated = (key: string, values: readonly string[] | undefined) => {
    for (const value of values ?? []) {
      if (value !== '') {
        params.append(key, value);
      }
    }
  };
  single('limit', request.limit);
  single('cursor', request.cursor);
  single('orderBy', request.orderBy);
  single('order', request.order);
  repeated('owner', request.owner);
  repeated('severity', request.severity);
  repeated('status', request.status);
  repeated('system', request.system);
  repeated('lifecycle', request.lifecycle);
  repeated('acceptance', request.acceptance);
  repeated('ssvcOutcome', request.ssvcOutcome);
  single('q', request.q?.trim());
  if (request.includeSubgroups) {
    params.append('includeSubgroups', 'true');
  }
  if (request.reviewOverdue !== undefined) {
    params.append('reviewOverdue', String(request.reviewOverdue));
  }
  if (request.understated !== undefined) {
    params.append('understated', String(request.understated));
  }
  if (request.discovered !== undefined) {
    params.append('discovered', String(request.discovered));
  }
  if (request.assessed !== undefined) {
    params.append('assessed', String(request.assessed));
  }
  return params;
}

/** A contract path with an entity's `:kind/:namespace/:name`, lower-cased as in the catalog routes. */
function entityPath(path: string, ref: CompoundEntityRef): string {
  const part = (value: string) =>
    encodeURIComponent(value.toLocaleLowerCase('en-US'));
  return path
    .replace(':kind', part(ref.kind))
    .replace(':namespace', part(ref.namespace))
    .replace(':name', part(ref.name));
}

/**
 * Talks to the Agent Risk backend through `fetchApi`, so the user's token is
 * sent and tests can supply their own fetch.
 *
 * @public
 */
export class AgentRiskClient implements AgentRiskApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listAgents(request?: AgentListRequest): Promise<AgentListResponse> {
    return this.getJson(
      `${agentRiskRoutes.listAgents.path}${this.query(request)}`,
    );
  }

  async getAgent(entityRef: CompoundEntityRef): Promise<AgentRiskRecord> {
    return this.getJson(entityPath(agentRiskRoutes.getAgent.path, entityRef));
  }

  async getReachedBy(
    entityRef: CompoundEntityRef,
    options: { limit?: number } = {},
  ): Promise<ReachedByResponse> {
    const path = entityPath(agentRiskRoutes.getReachedBy.path, entityRef);
    return this.getJson(
      options.limit === undefined ? path : `${path}?limit=${options.limit}`,
    );
  }

  async getSummary(filters?: AgentListFilters): Promise<RiskSummary> {
    return this.getJson(
      `${agentRiskRoutes.getSummary.path}${this.query(filters)}`,
    );
  }

  async getTrends(request: RiskTrendRequest = {}): Promise<RiskTrendResponse> {
    const { days, ...filters } = request;
    const params = toAgentListSearchParams(filters);
    if (days !== undefined) {
      params.set('days', String(days));
    }
    return this.getJson(`${agentRiskRoutes.getTrends.path}?${params}`);
  }

  async exportCsv(request?: AgentListRequest): Promise<Blob> {
    const { limit: _limit, cursor: _cursor, ...filters } = request ?? {};
    const path = agentRiskRoutes.exportAgentsCsv.path;
    const response = await this.request(`${path}${this.query(filters)}`, {
      headers: { Accept: 'text/csv' },
    });
    return response.blob();
  }

  async exportCycloneDx(request?: AgentListRequest): Promise<Blob> {
    // Same filters as the ranking; the export is the whole view, unpaged.
    const { limit: _limit, cursor: _cursor, ...filters } = request ?? {};
    const response = await this.request(
      `${CYCLONEDX_EXPORT_PATH}${this.query(filters)}`,
      {
        headers: { Accept: 'application/vnd.cyclonedx+json, application/json' },
      },
    );
    return response.blob();
  }

  async score(
    entity: Entity,
    model?: ScoringModelId,
  ): Promise<WhatIfScoreResult> {
    return this.postJson(
      agentRiskRoutes.scoreEntity.path,
      model ? { entity, model } : { entity },
    );
  }

  async refreshAgent(
    entityRef: CompoundEntityRef,
  ): Promise<AgentRefreshResult> {
    return this.postJson(
      entityPath(agentRiskRoutes.refreshAgent.path, entityRef),
      {},
    );
  }

  async registerAgent(
    entity: Entity,
    reason: string,
  ): Promise<RegistryWriteResult> {
    return this.sendJson('POST', agentRiskRoutes.registerAgent.path, {
      entity,
      reason,
    });
  }

  async updateRegistryAgent(
    entity: Entity,
    reason: string,
  ): Promise<RegistryWriteResult> {
    const path = agentRiskRoutes.updateRegistryAgent.path
      .replace(
        ':namespace',
        encodeURIComponent(entity.metadata.namespace ?? 'default'),
      )
      .replace(':name', encodeURIComponent(entity.metadata.name));
    return this.sendJson('PUT', path, { entity, reason });
  }

  async deleteRegistryAgent(
    ref: { namespace: string; name: string },
    reason: string,
  ): Promise<void> {
    const path = agentRiskRoutes.deleteRegistryAgent.path
      .replace(':namespace', encodeURIComponent(ref.namespace))
      .replace(':name', encodeURIComponent(ref.name));
    await this.request(
      `${path}?${new URLSearchParams({ reason }).toString()}`,
      { method: 'DELETE' },
    );
  }

  async requestAcceptance(
    entityRef: CompoundEntityRef,
    request: AcceptanceRequest,
  ): Promise<AcceptanceResult> {
    return this.sendJson(
      'POST',
      entityPath(agentRiskRoutes.requestAcceptance.path, entityRef),
      request,
    );
  }

  async approveAcceptance(
    entityRef: CompoundEntityRef,
  ): Promise<AcceptanceResult> {
    return this.sendJson(
      'POST',
      entityPath(agentRiskRoutes.approveAcceptance.path, entityRef),
      {},
    );
  }

  async revokeAcceptance(
    entityRef: CompoundEntityRef,
    reason: string,
  ): Promise<void> {
    const path = entityPath(agentRiskRoutes.revokeAcceptance.path, entityRef);
    await this.request(
      `${path}?${new URLSearchParams({ reason }).toString()}`,
      { method: 'DELETE' },
    );
  }

  async fetchImportDocument(url: string): Promise<ImportFetchResult> {
    return this.postJson(agentRiskRoutes.fetchImportDocument.path, { url });
  }

  async listDiscoverySources(): Promise<DiscoverySourcesResponse> {
    return this.getJson(agentRiskRoutes.listDiscoverySources.path);
  }

  async getAudit(
    entityRef: CompoundEntityRef,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<AuditListResponse> {
    const params = new URLSearchParams();
    if (page.limit !== undefined) params.set('limit', String(page.limit));
    if (page.cursor !== undefined) params.set('cursor', page.cursor);
    const query = params.toString();
    return this.getJson(
      `${entityPath(agentRiskRoutes.listAudit.path, entityRef)}${
        query ? `?${query}` : ''
      }`,
    );
  }

  async getMcpServerTools(ref: {
    namespace: string;
    name: string;
  }): Promise<McpServerToolsResponse> {
    return this.getJson(
      agentRiskRoutes.getMcpServerTools.path
        .replace(':namespace', encodeURIComponent(ref.namespace))
        .replace(':name', encodeURIComponent(ref.name)),
    );
  }

  async listMcpServers(): Promise<McpServersDiscoveryResponse> {
    return this.getJson(agentRiskRoutes.listMcpServers.path);
  }

  private query(request?: AgentListRequest): string {
    const params = toAgentListSearchParams(request).toString();
    return params ? `?${params}` : '';
  }

  private async getJson<T>(path: string): Promise<T> {
    const response = await this.request(path, {
      headers: { Accept: 'application/json' },
    });
    return (await response.json()) as T;
  }

  private async postJson<T>(path: string, body: unknown): Promise<T> {
    return this.sendJson('POST', path, body);
  }

  private async sendJson<T>(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
  ): Promise<T> {
    const response = await this.request(path, {
      method,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(AGENT_RISK_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
