import { z } from 'zod/v3';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  agentListQuerySchema,
  entityPathSchema,
  scoreRequestSchema,
  summaryQuerySchema,
  trendQuerySchema,
} from './apiRequests';
import {
  agentListResponseSchema,
  agentRefreshResultSchema,
  agentRiskRecordSchema,
  AGENT_CSV_COLUMNS,
  riskSummarySchema,
  riskTrendResponseSchema,
  syncTriggerResultSchema,
  whatIfScoreResultSchema,
} from './apiSchemas';
import {
  agentRiskReadPermission,
  agentRiskRefreshPermission,
  agentRiskSyncPermission,
} from './permissions';

/**
 * One route of the HTTP API: everything the router, the client and the docs
 * need to agree on.
 *
 * @public
 */
export interface AgentRiskRoute {
  method: 'GET' | 'POST';
  /** Express-style path under `/api/agent-risk`, e.g. `/agents/:kind/:namespace/:name`. */
  path: string;
  summary: string;
  params?: z.ZodTypeAny;
  query?: z.ZodTypeAny;
  body?: z.ZodTypeAny;
  /** Status of a successful answer. */
  status: 200 | 202;
  /** JSON body of a successful answer, or the columns of a CSV one. */
  response:
    | { type: 'json'; schema: z.ZodTypeAny }
    | { type: 'csv'; columns: readonly string[] };
  /** Permissions the caller needs, all of them. */
  permissions: readonly BasicPermission[];
}

/**
 * The HTTP API of the Agent Risk backend, defined once.
 *
 * @public
 */
export const agentRiskRoutes = {
  listAgents: {
    method: 'GET',
    path: '/agents',
    summary:
      'The ranking, filtered, ordered and keyset-paged in the database, restricted to the agents the caller may read',
    query: agentListQuerySchema,
    status: 200,
    response: { type: 'json', schema: agentListResponseSchema },
    permissions: [agentRiskReadPermission],
  },
  exportAgentsCsv: {
    method: 'GET',
    path: '/agents.csv',
    summary:
      'The whole ranking with the same filters and order as CSV, streamed (limit and cursor are ignored)',
    query: agentListQuerySchema,
    status: 200,
    response: { type: 'csv', columns: AGENT_CSV_COLUMNS },
    permissions: [agentRiskReadPermission],
  },
  getAgent: {
    method: 'GET',
    path: '/agents/:kind/:namespace/:name',
    summary: "One agent's full record with rank, percentile and history",
    params: entityPathSchema,
    status: 200,
    response: { type: 'json', schema: agentRiskRecordSchema },
    permissions: [agentRiskReadPermission],
  },
  refreshAgent: {
    method: 'POST',
    path: '/agents/:kind/:namespace/:name/refresh',
    summary:
      'Asks the catalog to re-read the entity, waits for it, then re-scores and stores the agent',
    params: entityPathSchema,
    status: 200,
    response: { type: 'json', schema: agentRefreshResultSchema },
    permissions: [agentRiskRefreshPermission, agentRiskReadPermission],
  },
  triggerSync: {
    method: 'POST',
    path: '/sync',
    summary: 'Triggers a full sync now; it runs in the background',
    status: 202,
    response: { type: 'json', schema: syncTriggerResultSchema },
    permissions: [agentRiskSyncPermission],
  },
  getSummary: {
    method: 'GET',
    path: '/summary',
    summary:
      'Roll-ups over the agents in the caller’s view that pass the ranking’s filters',
    query: summaryQuerySchema,
    status: 200,
    response: { type: 'json', schema: riskSummarySchema },
    permissions: [agentRiskReadPermission],
  },
  getTrends: {
    method: 'GET',
    path: '/trends',
    summary:
      'The daily state of the agents in the caller’s view, replayed from stored score history',
    query: trendQuerySchema,
    status: 200,
    response: { type: 'json', schema: riskTrendResponseSchema },
    permissions: [agentRiskReadPermission],
  },
  scoreEntity: {
    method: 'POST',
    path: '/score',
    summary:
      'Scores a posted entity with the org’s model (or the given one); stores nothing',
    body: scoreRequestSchema,
    status: 200,
    response: { type: 'json', schema: whatIfScoreResultSchema },
    permissions: [agentRiskReadPermission],
  },
} as const satisfies Record<string, AgentRiskRoute>;

/**
 * The name of a route of the HTTP API.
 *
 * @public
 */
export type AgentRiskRouteName = keyof typeof agentRiskRoutes;
