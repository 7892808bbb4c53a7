import { createApiRef } from '@backstage/core-plugin-api';
import {
  AgentListOrderField,
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
  RiskSummary,
  RiskTrendResponse,
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
  /** Widens each owner group to its sub-groups and their members. */
  includeSubgroups?: boolean;
  /** true: only agents whose review is overdue (or never happened). */
  reviewOverdue?: boolean;
}

/** @public */
export interface RiskTrendRequest extends AgentListFilters {
  days?: number;
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
  /** The summary of the agents that pass the ranking's filters (all agents without filters). */
  getSummary(filters?: AgentListFilters): Promise<RiskSummary>;
  /** One point per day for the last `days` days (at most 365), filtered like the ranking. */
  getTrends(request?: RiskTrendRequest): Promise<RiskTrendResponse>;
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
}

/** @public */
export const agentRiskApiRef = createApiRef<AgentRiskApi>({
  id: 'plugin.agent-risk.service',
});
