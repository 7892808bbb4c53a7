import { createApiRef } from '@backstage/core-plugin-api';
import {
  AgentListOrderField,
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
  AuditListResponse,
  RiskSummary,
  ScoreResult,
  ScoreStatus,
  ScoringModelId,
  Severity,
  SortOrder,
} from '@agent-risk/plugin-agent-risk-common';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';

/**
 * Filters and paging of `GET /agents` and `GET /agents.csv`. Every filter may
 * hold several values; the backend reads a repeated parameter as "any of".
 *
 * @public
 */
export interface AgentListFilters {
  owner?: string[];
  severity?: Severity[];
  status?: ScoreStatus[];
  system?: string[];
  lifecycle?: string[];
  /** Free text matched against name, title and entity ref. */
  q?: string;
}

/** @public */
export interface AgentListRequest extends AgentListFilters {
  limit?: number;
  cursor?: string;
  orderBy?: AgentListOrderField;
  order?: SortOrder;
}

/**
 * The Agent Risk backend, as the frontend sees it (spec section 5).
 *
 * @public
 */
export interface AgentRiskApi {
  listAgents(request?: AgentListRequest): Promise<AgentListResponse>;
  /** Rejects with a `ResponseError` (status 404) for an unknown agent. */
  getAgent(entityRef: CompoundEntityRef): Promise<AgentRiskRecord>;
  getSummary(): Promise<RiskSummary>;
  /** The ranking with the same filters, as CSV. */
  exportCsv(request?: AgentListRequest): Promise<Blob>;
  /** Scores an entity without storing anything. */
  score(entity: Entity, model?: ScoringModelId): Promise<ScoreResult>;
  /**
   * Asks the catalog to re-read the agent's entity, then re-scores it; says
   * when, and whether the catalog and the score changed. Needs the refresh
   * permission.
   */
  refreshAgent(entityRef: CompoundEntityRef): Promise<AgentRefreshResult>;
  /** Registers a new agent (`POST /registry/agents`); needs `agent-risk.agent.create`. */
  registerAgent(entity: Entity, reason: string): Promise<{ entityRef: string }>;
  /** Replaces a registry agent's entity and assessment; needs `agent-risk.agent.update`. */
  updateRegistryAgent(
    entity: Entity,
    reason: string,
  ): Promise<{ entityRef: string }>;
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
