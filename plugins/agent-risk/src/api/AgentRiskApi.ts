import { createApiRef } from '@backstage/core-plugin-api';
import {
  AcceptanceRequest,
  AcceptanceResult,
  AgentListOrderField,
  AgentListQuery,
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
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
  TrendQuery,
  WhatIfScoreResult,
} from '@agent-risk/plugin-agent-risk-common';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';

/**
 * Filters of `GET /agents` and `GET /agents.csv`, as the contract's query
 * schema reads them. Every filter may hold several values; the backend reads
 * a repeated parameter as "any of".
 *
 * @public
 */
export type AgentListFilters = Partial<
  Pick<
    AgentListQuery,
    | 'owner'
    | 'severity'
    | 'status'
    | 'system'
    | 'lifecycle'
    | 'acceptance'
    | 'q'
    | 'includeSubgroups'
    | 'reviewOverdue'
    | 'ssvcOutcome'
    | 'understated'
    | 'discovered'
    | 'assessed'
  >
>;

/**
 * Days and filters of `GET /trends`: the ranking's filters but
 * `reviewOverdue` (history keeps scores, not reviews).
 *
 * @public
 */
export type RiskTrendRequest = Omit<
  AgentListFilters,
  'reviewOverdue' | 'understated' | 'discovered' | 'assessed'
> &
  Partial<Pick<TrendQuery, 'days'>>;

/**
 * Filters, order and paging of `GET /agents`.
 *
 * @public
 */
export type AgentListRequest = AgentListFilters &
  Partial<Pick<AgentListQuery, 'limit' | 'cursor' | 'order'>> & {
    orderBy?: AgentListOrderField;
  };

/**
 * The Agent Risk backend, as the frontend sees it: one method per route of
 * `agentRiskRoutes` that the UI uses, typed by the contract's schemas.
 *
 * @public
 */
export interface AgentRiskApi {
  /** `GET /agents` */
  listAgents(request?: AgentListRequest): Promise<AgentListResponse>;
  /** `GET /agents/:kind/:namespace/:name`; rejects with a `ResponseError` (status 404) for an unknown agent. */
  getAgent(entityRef: CompoundEntityRef): Promise<AgentRiskRecord>;
  /**
   * `GET /reached-by/:kind/:namespace/:name`: the agents that can act on an
   * entity through the catalog's relations, riskiest first, with their paths;
   * rejects with a `ResponseError` (status 404) when the caller may not read it.
   */
  getReachedBy(
    entityRef: CompoundEntityRef,
    options?: { limit?: number },
  ): Promise<ReachedByResponse>;
  /** `GET /summary`: the agents that pass the ranking's filters (all agents without filters). */
  getSummary(filters?: AgentListFilters): Promise<RiskSummary>;
  /** `GET /trends`: one point per day for the last `days` days (at most 365), filtered like the ranking. */
  getTrends(request?: RiskTrendRequest): Promise<RiskTrendResponse>;
  /** `GET /agents.csv`: the ranking with the same filters, as CSV. */
  exportCsv(request?: AgentListRequest): Promise<Blob>;
  /** `GET /export/cyclonedx`: the agents with the same filters as a CycloneDX 1.6 AI bill of materials (JSON). */
  exportCycloneDx(request?: AgentListRequest): Promise<Blob>;
  /** `POST /score`: scores an entity without storing anything. */
  score(entity: Entity, model?: ScoringModelId): Promise<WhatIfScoreResult>;
  /**
   * `POST /agents/:kind/:namespace/:name/refresh`: asks the catalog to
   * re-read the agent's entity, then re-scores it; says when, and whether
   * the catalog and the score changed. Needs the refresh permission.
   */
  refreshAgent(entityRef: CompoundEntityRef): Promise<AgentRefreshResult>;
  /** Registers a new agent (`POST /registry/agents`); needs `agent-risk.agent.create`. */
  registerAgent(entity: Entity, reason: string): Promise<RegistryWriteResult>;
  /** Replaces a registry agent's entity and assessment; needs `agent-risk.agent.update`. */
  updateRegistryAgent(
    entity: Entity,
    reason: string,
  ): Promise<RegistryWriteResult>;
  /** Deletes a registry agent (`DELETE /registry/agents/:namespace/:name`); needs `agent-risk.agent.update`. */
  deleteRegistryAgent(
    ref: { namespace: string; name: string },
    reason: string,
  ): Promise<void>;
  /** Asks to accept the agent's current risk (`POST …/acceptance`); needs `agent-risk.acceptance.request`. */
  requestAcceptance(
    entityRef: CompoundEntityRef,
    request: AcceptanceRequest,
  ): Promise<AcceptanceResult>;
  /** Approves the pending acceptance (`POST …/acceptance/approve`); needs `agent-risk.acceptance.approve`. */
  approveAcceptance(entityRef: CompoundEntityRef): Promise<AcceptanceResult>;
  /** Withdraws or revokes the acceptance (`DELETE …/acceptance`), with a reason. */
  revokeAcceptance(entityRef: CompoundEntityRef, reason: string): Promise<void>;
  /**
   * `POST /import/fetch`: the backend reads an agent card or document at a
   * URL (only hosts its `agentRisk.fetch.allow` allows, read without
   * integration credentials) for the prefill;
   * needs `agent-risk.agent.create`.
   */
  fetchImportDocument(url: string): Promise<ImportFetchResult>;
  /** `GET /discovery/sources`: each agent-card source with its last run, outcome and errors. */
  listDiscoverySources(): Promise<DiscoverySourcesResponse>;
  /** The agent's audit trail, newest first. */
  getAudit(
    entityRef: CompoundEntityRef,
    page?: { limit?: number; cursor?: string },
  ): Promise<AuditListResponse>;
  /** `GET /mcp-servers/:namespace/:name/tools`: an MCP server's tools as last listed; 404 for an entity that is not one. */
  getMcpServerTools(ref: {
    namespace: string;
    name: string;
  }): Promise<McpServerToolsResponse>;
  /** `GET /discovery/mcp-servers`: the MCP tool inventory's servers and last run. */
  listMcpServers(): Promise<McpServersDiscoveryResponse>;
}

/** @public */
export const agentRiskApiRef = createApiRef<AgentRiskApi>({
  id: 'plugin.agent-risk.service',
});
