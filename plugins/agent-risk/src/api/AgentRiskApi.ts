import { createApiRef } from '@backstage/core-plugin-api';
import {
  AgentListQuery,
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
  AuditListResponse,
  ImportFetchResult,
  RegistryWriteResult,
  RiskSummary,
  ScoringModelId,
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
    'owner' | 'severity' | 'status' | 'system' | 'lifecycle' | 'q'
  >
>;

/**
 * Filters, order and paging of `GET /agents`.
 *
 * @public
 */
export type AgentListRequest = AgentListFilters &
  Partial<Pick<AgentListQuery, 'limit' | 'cursor' | 'orderBy' | 'order'>>;

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
  /** `GET /summary` */
  getSummary(): Promise<RiskSummary>;
  /** `GET /agents.csv`: the ranking with the same filters, as CSV. */
  exportCsv(request?: AgentListRequest): Promise<Blob>;
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
  /**
   * `POST /import/fetch`: the backend reads an agent card or document at a
   * URL (only hosts its `backend.reading.allow` allows) for the prefill;
   * needs `agent-risk.agent.create`.
   */
  fetchImportDocument(url: string): Promise<ImportFetchResult>;
  /** The agent's audit trail, newest first. */
  getAudit(
    entityRef: CompoundEntityRef,
    page?: { limit?: number; cursor?: string },
  ): Promise<AuditListResponse>;
}

/** @public */
export const agentRiskApiRef = createApiRef<AgentRiskApi>({
  id: 'plugin.agent-risk.service',
});
