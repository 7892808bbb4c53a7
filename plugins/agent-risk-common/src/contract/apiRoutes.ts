import type { z } from 'zod/v3';
import { Permission } from '@backstage/plugin-permission-common';
import {
  acceptanceRequestSchema,
  acceptanceRevokeQuerySchema,
  agentListQuerySchema,
  auditListQuerySchema,
  entityPathSchema,
  importFetchRequestSchema,
  reachedByQuerySchema,
  registryAgentPathSchema,
  registryChangesQuerySchema,
  registryDeleteQuerySchema,
  registryWriteRequestSchema,
  scoreRequestSchema,
  summaryQuerySchema,
  trendQuerySchema,
} from './apiRequests';
import {
  acceptanceResultSchema,
  agentListResponseSchema,
  agentRefreshResultSchema,
  agentRiskRecordSchema,
  AGENT_CSV_COLUMNS,
  auditListResponseSchema,
  discoverySourcesResponseSchema,
  importFetchResultSchema,
  reachedByResponseSchema,
  mcpServersDiscoveryResponseSchema,
  mcpServerToolsResponseSchema,
  registryDeltaSchema,
  registrySnapshotSchema,
  registryWriteResultSchema,
  riskSummarySchema,
  riskTrendResponseSchema,
  syncTriggerResultSchema,
  whatIfScoreResultSchema,
} from './apiSchemas';
import {
  agentRiskAcceptanceApprovePermission,
  agentRiskAcceptanceRequestPermission,
  agentRiskAgentCreatePermission,
  agentRiskAgentUpdatePermission,
  agentRiskReadPermission,
  agentRiskRefreshPermission,
  agentRiskSyncPermission,
} from './permissions';
import type {
  AcceptanceRequest,
  AcceptanceResult,
  AgentListQuery,
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
  AuditListQuery,
  AuditListResponse,
  DiscoverySourcesResponse,
  EntityPath,
  ImportFetchRequest,
  ImportFetchResult,
  ReachedByQuery,
  ReachedByResponse,
  McpServersDiscoveryResponse,
  McpServerToolsResponse,
  ReasonQuery,
  RegistryAgentPath,
  RegistryChangesQuery,
  RegistryDelta,
  RegistrySnapshot,
  RegistryWriteRequest,
  RegistryWriteResult,
  RiskSummary,
  RiskTrendResponse,
  ScoreRequest,
  SummaryQuery,
  SyncTriggerResult,
  TrendQuery,
  WhatIfScoreResult,
} from './api';
import type { ObjectSchema, RequestSchema } from './schemaTypes';

/**
 * One route of the HTTP API: everything the router, the client and the docs
 * need to agree on.
 *
 * @public
 */
export interface AgentRiskRoute {
  /** The HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express-style path under `/api/agent-risk`, e.g. `/agents/:kind/:namespace/:name`. */
  path: string;
  /** What the route does, for the docs. */
  summary: string;
  /** The schema of the path parameters. */
  params?: z.ZodTypeAny;
  /** The schema of the query parameters. */
  query?: z.ZodTypeAny;
  /** The schema of the JSON body. */
  body?: z.ZodTypeAny;
  /** Status of a successful answer. */
  status: 200 | 201 | 202 | 204;
  /** JSON body of a successful answer, the columns of a CSV one, or none (204). */
  response:
    | { type: 'json'; schema: z.ZodTypeAny }
    | { type: 'csv'; columns: readonly string[] }
    | { type: 'file'; contentType: string; description: string }
    | { type: 'empty' };
  /**
   * Permissions the caller needs, all of them; a resource permission is
   * checked against the agent the route names.
   */
  permissions: readonly Permission[];
  /**
   * Who may call it (default: users and services). Routes that act for a
   * person (writes, acceptance, import, refresh, sync) take user tokens only:
   * a service token carries no person to check a policy for or to audit.
   */
  callers?: readonly ('user' | 'service')[];
}

/**
 * One part of a request (`params`, `query` or `body`) by the type `T` it
 * parses to; `never` leaves the part out.
 *
 * @public
 */
export type RoutePart<K extends string, T> = [T] extends [never]
  ? { [P in K]?: undefined }
  : { [P in K]-?: RequestSchema<T> };

/**
 * A route of the HTTP API with the types it parses and answers: `T` the
 * JSON answer (`'csv'`, `'file'` or `'empty'` for a download or none); `P`,
 * `Q` and `B` the path parameters, query and body (`never`: absent).
 *
 * @public
 */
export type AgentRiskRouteOf<
  T,
  P extends object = never,
  Q extends object = never,
  B extends object = never,
> = Omit<AgentRiskRoute, 'params' | 'query' | 'body' | 'response'> & {
  response: T extends 'csv' | 'file' | 'empty'
    ? Extract<AgentRiskRoute['response'], { type: T }>
    : { type: 'json'; schema: ObjectSchema<T> };
} & RoutePart<'params', P> &
  RoutePart<'query', Q> &
  RoutePart<'body', B>;

/**
 * Every route of the HTTP API by name, with the types of its parts:
 * `AgentRiskRouteOf<answer, path, query, body>`.
 *
 * @public
 */
export interface AgentRiskRoutes {
  /** `GET /agents` */
  listAgents: AgentRiskRouteOf<AgentListResponse, never, AgentListQuery>;
  /** `GET /agents.csv` */
  exportAgentsCsv: AgentRiskRouteOf<'csv', never, AgentListQuery>;
  /** `GET /export/cyclonedx` */
  exportCycloneDx: AgentRiskRouteOf<'file', never, AgentListQuery>;
  /** `GET /agents/:kind/:namespace/:name` */
  getAgent: AgentRiskRouteOf<AgentRiskRecord, EntityPath>;
  /** `POST /agents/:kind/:namespace/:name/refresh` */
  refreshAgent: AgentRiskRouteOf<AgentRefreshResult, EntityPath>;
  /** `POST /sync` */
  triggerSync: AgentRiskRouteOf<SyncTriggerResult>;
  /** `GET /reached-by/:kind/:namespace/:name` */
  getReachedBy: AgentRiskRouteOf<ReachedByResponse, EntityPath, ReachedByQuery>;
  /** `GET /summary` */
  getSummary: AgentRiskRouteOf<RiskSummary, never, SummaryQuery>;
  /** `GET /trends` */
  getTrends: AgentRiskRouteOf<RiskTrendResponse, never, TrendQuery>;
  /** `GET /discovery/sources` */
  listDiscoverySources: AgentRiskRouteOf<DiscoverySourcesResponse>;
  /** `POST /score` */
  scoreEntity: AgentRiskRouteOf<WhatIfScoreResult, never, never, ScoreRequest>;
  /** `POST /registry/agents` */
  registerAgent: AgentRiskRouteOf<
    RegistryWriteResult,
    never,
    never,
    RegistryWriteRequest
  >;
  /** `PUT /registry/agents/:namespace/:name` */
  updateRegistryAgent: AgentRiskRouteOf<
    RegistryWriteResult,
    RegistryAgentPath,
    never,
    RegistryWriteRequest
  >;
  /** `DELETE /registry/agents/:namespace/:name` */
  deleteRegistryAgent: AgentRiskRouteOf<
    'empty',
    RegistryAgentPath,
    ReasonQuery
  >;
  /** `POST /import/fetch` */
  fetchImportDocument: AgentRiskRouteOf<
    ImportFetchResult,
    never,
    never,
    ImportFetchRequest
  >;
  /** `GET /agents/:kind/:namespace/:name/audit` */
  listAudit: AgentRiskRouteOf<AuditListResponse, EntityPath, AuditListQuery>;
  /** `GET /registry/entities` */
  getRegistrySnapshot: AgentRiskRouteOf<RegistrySnapshot>;
  /** `GET /registry/changes` */
  getRegistryChanges: AgentRiskRouteOf<
    RegistryDelta,
    never,
    RegistryChangesQuery
  >;
  /** `POST /agents/:kind/:namespace/:name/acceptance` */
  requestAcceptance: AgentRiskRouteOf<
    AcceptanceResult,
    EntityPath,
    never,
    AcceptanceRequest
  >;
  /** `POST /agents/:kind/:namespace/:name/acceptance/approve` */
  approveAcceptance: AgentRiskRouteOf<AcceptanceResult, EntityPath>;
  /** `DELETE /agents/:kind/:namespace/:name/acceptance` */
  revokeAcceptance: AgentRiskRouteOf<'empty', EntityPath, ReasonQuery>;
  /** `GET /mcp-servers/:namespace/:name/tools` */
  getMcpServerTools: AgentRiskRouteOf<
    McpServerToolsResponse,
    RegistryAgentPath
  >;
  /** `GET /discovery/mcp-servers` */
  listMcpServers: AgentRiskRouteOf<McpServersDiscoveryResponse>;
}

/**
 * The HTTP API of the Agent Risk backend, defined once.
 *
 * @public
 */
export const agentRiskRoutes: AgentRiskRoutes = {
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
  exportCycloneDx: {
    method: 'GET',
    path: '/export/cyclonedx',
    summary:
      'The agents in view with the same filters as an AI bill of materials: CycloneDX 1.6 JSON, with the MCP servers they depend on and the dependencies between agents (limit and cursor are ignored)',
    query: agentListQuerySchema,
    status: 200,
    response: {
      type: 'file',
      contentType: 'application/vnd.cyclonedx+json; version=1.6',
      description:
        'A CycloneDX 1.6 JSON document (spec section 10.2), sent as an attachment agent-risk-bom-YYYY-MM-DD.cdx.json',
    },
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
    callers: ['user'],
  },
  triggerSync: {
    method: 'POST',
    path: '/sync',
    summary: 'Triggers a full sync now; it runs in the background',
    status: 202,
    response: { type: 'json', schema: syncTriggerResultSchema },
    permissions: [agentRiskSyncPermission],
    callers: ['user'],
  },
  getReachedBy: {
    method: 'GET',
    path: '/reached-by/:kind/:namespace/:name',
    summary:
      'The agents in the caller’s view that can act on an entity through the catalog relations, riskiest first, each with its path (spec 9.1)',
    params: entityPathSchema,
    query: reachedByQuerySchema,
    status: 200,
    response: { type: 'json', schema: reachedByResponseSchema },
    permissions: [agentRiskReadPermission],
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
  listDiscoverySources: {
    method: 'GET',
    path: '/discovery/sources',
    summary:
      'Each agent-card source (app-config and agent-card-url annotations) with its last run, outcome, cards found and errors',
    status: 200,
    response: { type: 'json', schema: discoverySourcesResponseSchema },
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
  registerAgent: {
    method: 'POST',
    path: '/registry/agents',
    summary:
      'Registers an agent in Backstage: checked like the catalog checks it, stored with an audit entry, scored at once; the catalog module emits it as an entity',
    body: registryWriteRequestSchema,
    status: 201,
    response: { type: 'json', schema: registryWriteResultSchema },
    permissions: [agentRiskAgentCreatePermission],
    callers: ['user'],
  },
  updateRegistryAgent: {
    method: 'PUT',
    path: '/registry/agents/:namespace/:name',
    summary:
      'Replaces a registry agent (its assessment too), with a reason for the audit trail; 409 for an agent defined elsewhere (YAML)',
    params: registryAgentPathSchema,
    body: registryWriteRequestSchema,
    status: 200,
    response: { type: 'json', schema: registryWriteResultSchema },
    permissions: [agentRiskAgentUpdatePermission],
    callers: ['user'],
  },
  deleteRegistryAgent: {
    method: 'DELETE',
    path: '/registry/agents/:namespace/:name',
    summary:
      'Deletes a registry agent, with a reason for the audit trail; the catalog drops the entity',
    params: registryAgentPathSchema,
    query: registryDeleteQuerySchema,
    status: 204,
    response: { type: 'empty' },
    permissions: [agentRiskAgentUpdatePermission],
    callers: ['user'],
  },
  fetchImportDocument: {
    method: 'POST',
    path: '/import/fetch',
    summary:
      "Reads an agent card or threat-model document at a URL for the register page's prefill; read without integration credentials, only from hosts that agentRisk.fetch.allow allows, at most 1 MiB",
    body: importFetchRequestSchema,
    status: 200,
    response: { type: 'json', schema: importFetchResultSchema },
    permissions: [agentRiskAgentCreatePermission],
    callers: ['user'],
  },
  listAudit: {
    method: 'GET',
    path: '/agents/:kind/:namespace/:name/audit',
    summary:
      "An agent's audit trail, newest first: who, when, what changed and why",
    params: entityPathSchema,
    query: auditListQuerySchema,
    status: 200,
    response: { type: 'json', schema: auditListResponseSchema },
    permissions: [agentRiskReadPermission],
  },
  getRegistrySnapshot: {
    method: 'GET',
    path: '/registry/entities',
    summary:
      "Every registry entity and the change feed's cursor: the catalog entity provider's full mutation (the catalog plugin's service token only)",
    status: 200,
    response: { type: 'json', schema: registrySnapshotSchema },
    permissions: [],
    callers: ['service'],
  },
  getRegistryChanges: {
    method: 'GET',
    path: '/registry/changes',
    summary:
      "What changed in the registry after a cursor: the catalog entity provider's delta mutation (the catalog plugin's service token only)",
    query: registryChangesQuerySchema,
    status: 200,
    response: { type: 'json', schema: registryDeltaSchema },
    permissions: [],
    callers: ['service'],
  },
  requestAcceptance: {
    method: 'POST',
    path: '/agents/:kind/:namespace/:name/acceptance',
    summary:
      "Asks to accept the agent's current risk until expiresAt, with a justification; pending until approved. 409 while one is pending or accepted, or when the agent has no score",
    params: entityPathSchema,
    body: acceptanceRequestSchema,
    status: 201,
    response: { type: 'json', schema: acceptanceResultSchema },
    permissions: [agentRiskAcceptanceRequestPermission],
    callers: ['user'],
  },
  approveAcceptance: {
    method: 'POST',
    path: '/agents/:kind/:namespace/:name/acceptance/approve',
    summary:
      'Approves the pending acceptance; whoever asked for it may not approve it. 409 when none is pending',
    params: entityPathSchema,
    status: 200,
    response: { type: 'json', schema: acceptanceResultSchema },
    permissions: [agentRiskAcceptanceApprovePermission],
    callers: ['user'],
  },
  revokeAcceptance: {
    method: 'DELETE',
    path: '/agents/:kind/:namespace/:name/acceptance',
    summary:
      'Withdraws a pending acceptance (who may request it) or revokes an accepted one (who may approve), with a reason; the record stays',
    params: entityPathSchema,
    query: acceptanceRevokeQuerySchema,
    status: 204,
    response: { type: 'empty' },
    permissions: [agentRiskAcceptanceRequestPermission],
    callers: ['user'],
  },
  getMcpServerTools: {
    method: 'GET',
    path: '/mcp-servers/:namespace/:name/tools',
    summary:
      "An MCP server's tools as last listed (an API entity of type mcp-server): each tool's behaviour hints, when it was first seen and last changed; the last listing's error. Descriptions are the server's untrusted text",
    params: registryAgentPathSchema,
    status: 200,
    response: { type: 'json', schema: mcpServerToolsResponseSchema },
    permissions: [agentRiskReadPermission],
  },
  listMcpServers: {
    method: 'GET',
    path: '/discovery/mcp-servers',
    summary:
      'The MCP tool inventory: each server with its endpoint, the outcome of its last listing, its tool count and error, and the last run',
    status: 200,
    response: { type: 'json', schema: mcpServersDiscoveryResponseSchema },
    permissions: [agentRiskReadPermission],
  },
};

/**
 * The name of a route of the HTTP API.
 *
 * @public
 */
export type AgentRiskRouteName = keyof AgentRiskRoutes;
