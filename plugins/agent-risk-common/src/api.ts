import { z } from 'zod/v3';
import type {
  acceptanceRequestSchema,
  agentListQuerySchema,
  registryWriteRequestSchema,
  summaryQuerySchema,
  trendQuerySchema,
} from './apiRequests';
import type {
  acceptanceResultSchema,
  acceptanceSchema,
  agentCsvRowSchema,
  agentListItemSchema,
  agentListResponseSchema,
  agentRefreshResultSchema,
  agentRiskRecordSchema,
  auditActionSchema,
  auditChangeSchema,
  auditEntrySchema,
  auditListResponseSchema,
  histogramBucketSchema,
  mcpServerSchema,
  ownerRiskRollupSchema,
  registryDeltaSchema,
  registrySnapshotSchema,
  registryWriteResultSchema,
  importFetchResultSchema,
  riskSummarySchema,
  riskTrendPointSchema,
  riskTrendResponseSchema,
  scoreHistoryEntrySchema,
  syncTriggerResultSchema,
  whatIfScoreResultSchema,
} from './apiSchemas';

/*
 * The types of the HTTP API, inferred from its schemas (apiSchemas.ts,
 * apiRequests.ts), so the backend, the client and the docs cannot drift.
 */

/**
 * The backend plugin id; its routes live under `/api/agent-risk`.
 *
 * @public
 */
export const AGENT_RISK_PLUGIN_ID = 'agent-risk';

/** @public */
export const AGENT_LIST_ORDER_FIELDS = [
  'score',
  'name',
  'owner',
  'computedAt',
] as const;
/** @public */
export type AgentListOrderField = (typeof AGENT_LIST_ORDER_FIELDS)[number];
/** @public */
export type SortOrder = 'asc' | 'desc';
/** @public */
export const AGENT_LIST_DEFAULT_LIMIT = 50;
/** @public */
export const AGENT_LIST_MAX_LIMIT = 500;

/**
 * Query of `GET /agents` and `GET /agents.csv`, as the backend reads it:
 * every filter a list meaning "any of".
 *
 * @public
 */
export type AgentListQuery = z.output<typeof agentListQuerySchema>;

/**
 * One row of the ranking.
 *
 * @public
 */
export type AgentListItem = z.infer<typeof agentListItemSchema>;

/**
 * One row of `GET /agents.csv`: a ranking row plus its reasons.
 *
 * @public
 */
export type AgentCsvRow = z.infer<typeof agentCsvRowSchema>;

/**
 * Query of `GET /summary`: the ranking's filters.
 *
 * @public
 */
export type SummaryQuery = z.output<typeof summaryQuerySchema>;

/**
 * Query of `GET /trends`: `days` plus the ranking's filters.
 *
 * @public
 */
export type TrendQuery = z.output<typeof trendQuerySchema>;

/**
 * The state of the agents in view at the end of one UTC day.
 *
 * @public
 */
export type RiskTrendPoint = z.infer<typeof riskTrendPointSchema>;

/**
 * `GET /trends`: one point per day, oldest first, the last one today.
 *
 * @public
 */
export type RiskTrendResponse = z.infer<typeof riskTrendResponseSchema>;

/** @public */
export type AgentListResponse = z.infer<typeof agentListResponseSchema>;

/** @public */
export type ScoreHistoryEntry = z.infer<typeof scoreHistoryEntrySchema>;

/**
 * An MCP server an agent depends on, with the tools its entity lists.
 *
 * @public
 */
export type McpServerDependency = z.infer<typeof mcpServerSchema>;

/**
 * The full record of `GET /agents/:kind/:namespace/:name`.
 *
 * @public
 */
export type AgentRiskRecord = z.infer<typeof agentRiskRecordSchema>;

/** @public */
export type OwnerRiskRollup = z.infer<typeof ownerRiskRollupSchema>;

/** @public */
export type HistogramBucket = z.infer<typeof histogramBucketSchema>;

/**
 * `GET /summary`.
 *
 * @public
 */
export type RiskSummary = z.infer<typeof riskSummarySchema>;

/**
 * `POST /agents/:kind/:namespace/:name/refresh`: the catalog re-reads the
 * entity, then the agent is re-scored.
 *
 * @public
 */
export type AgentRefreshResult = z.infer<typeof agentRefreshResultSchema>;

/**
 * `POST /sync`.
 *
 * @public
 */
export type SyncTriggerResult = z.infer<typeof syncTriggerResultSchema>;

/**
 * `POST /score`: the scoring result plus the parsed factors and layers.
 *
 * @public
 */
export type WhatIfScoreResult = z.infer<typeof whatIfScoreResultSchema>;

/**
 * Body of `POST /registry/agents` and `PUT /registry/agents/:namespace/:name`.
 *
 * @public
 */
export type RegistryWriteRequest = z.input<typeof registryWriteRequestSchema>;

/**
 * Answer of a registry create or update.
 *
 * @public
 */
export type RegistryWriteResult = z.infer<typeof registryWriteResultSchema>;

/**
 * Answer of `POST /import/fetch`: the text at the URL.
 *
 * @public
 */
export type ImportFetchResult = z.infer<typeof importFetchResultSchema>;

/** @public */
export type AuditAction = z.infer<typeof auditActionSchema>;

/**
 * One changed field: an annotation key, `metadata.title`, `spec.owner`, ...
 *
 * @public
 */
export type AuditChange = z.infer<typeof auditChangeSchema>;

/**
 * One entry of `GET /agents/:kind/:namespace/:name/audit`.
 *
 * @public
 */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * `GET /agents/:kind/:namespace/:name/audit`, newest first.
 *
 * @public
 */
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

/**
 * `GET /registry/entities`: the entity provider's full mutation.
 *
 * @public
 */
export type RegistrySnapshot = z.infer<typeof registrySnapshotSchema>;

/**
 * `GET /registry/changes`: the entity provider's delta mutation.
 *
 * @public
 */
export type RegistryDelta = z.infer<typeof registryDeltaSchema>;

/**
 * An agent's latest risk acceptance.
 *
 * @public
 */
export type RiskAcceptance = z.infer<typeof acceptanceSchema>;

/**
 * Body of `POST /agents/:kind/:namespace/:name/acceptance`.
 *
 * @public
 */
export type AcceptanceRequest = z.input<typeof acceptanceRequestSchema>;

/**
 * Answer of the acceptance routes that change it.
 *
 * @public
 */
export type AcceptanceResult = z.infer<typeof acceptanceResultSchema>;
