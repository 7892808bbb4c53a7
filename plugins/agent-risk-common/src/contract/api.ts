import type { AcceptanceState } from '../domain/acceptance';
import type { EntityScoreResult } from '../domain/agents';
import type { AgenticFactorId } from '../domain/factors';
import type {
  AgentReach,
  EvidenceFinding,
  ServerToolInventory,
} from '../domain/facts';
import type { LayerAssessment } from '../domain/parse';
import type {
  ScoreResult,
  ScoreStatus,
  ScoringModelId,
} from '../domain/scoring';
import type { Severity } from '../domain/severity';
import type {
  SsvcAgentClass,
  SsvcOutcome,
  SsvcResult,
  SsvcStatus,
} from '../domain/ssvc';

/*
 * The types of the HTTP API, declared here and checked against their
 * schemas (apiSchemas.ts for answers, apiRequests.ts for requests): each
 * schema is typed as a schema of its interface, so the backend, the client
 * and the docs cannot drift. Field descriptions live on the schemas, where
 * the OpenAPI document reads them.
 */

/**
 * The backend plugin id; its routes live under `/api/agent-risk`.
 *
 * @public
 */
export const AGENT_RISK_PLUGIN_ID = 'agent-risk';

/**
 * The fields `GET /agents` can order by.
 *
 * @public
 */
export const AGENT_LIST_ORDER_FIELDS = [
  'score',
  'name',
  'owner',
  'computedAt',
  'cvssBase',
  'severity',
  'dueAt',
] as const;
/**
 * A field `GET /agents` can order by.
 *
 * @public
 */
export type AgentListOrderField = (typeof AGENT_LIST_ORDER_FIELDS)[number];
/**
 * Ascending or descending.
 *
 * @public
 */
export type SortOrder = 'asc' | 'desc';
/**
 * Page size of `GET /agents` when none is given.
 *
 * @public
 */
export const AGENT_LIST_DEFAULT_LIMIT = 50;
/**
 * The largest page `GET /agents` serves.
 *
 * @public
 */
export const AGENT_LIST_MAX_LIMIT = 500;

/**
 * Query of `GET /summary`, as the backend reads it: the ranking's filters,
 * every list meaning "any of".
 *
 * @public
 */
export interface SummaryQuery {
  /** Owner entity refs; a bare name means `group:default/<name>`. */
  owner: string[];
  /** Each owner group also stands for its sub-groups and their members. */
  includeSubgroups: boolean;
  /** System entity refs or titles, any case. */
  system: string[];
  /** Severity bands. */
  severity: Severity[];
  /** Score statuses. */
  status: ScoreStatus[];
  /** Lifecycles, any case. */
  lifecycle: string[];
  /** States of the agent's latest risk acceptance. */
  acceptance: AcceptanceState[];
  /** Free text matched against ref, name, titles. */
  q?: string;
  /** true: only agents whose review is overdue; false: only those that are not. */
  reviewOverdue?: boolean;
  /** AIVSS-SSVC outcomes; `none`: agents without one. */
  ssvcOutcome: Array<SsvcOutcome | 'none'>;
  /** true: only agents with an `understated` evidence finding; false: only those without. */
  understated?: boolean;
  /** true: only agents found by A2A card discovery; false: only those registered otherwise. */
  discovered?: boolean;
  /** true: only agents with any AIVSS annotation; false: only those not yet assessed. */
  assessed?: boolean;
}

/**
 * Query of `GET /agents` and `GET /agents.csv`, as the backend reads it.
 *
 * @public
 */
export interface AgentListQuery extends SummaryQuery {
  /** Page size. */
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Sort field. */
  orderBy: AgentListOrderField;
  /** Sort direction; ties by entity ref ascending. */
  order: SortOrder;
}

/**
 * Query of `GET /trends`: `days` plus the ranking's filters but
 * `reviewOverdue` and `acceptance`.
 *
 * @public
 */
export interface TrendQuery
  extends Omit<
    SummaryQuery,
    | 'reviewOverdue'
    | 'acceptance'
    | 'ssvcOutcome'
    | 'understated'
    | 'discovered'
    | 'assessed'
  > {
  /** Days answered; the last is today (UTC). */
  days: number;
}

/**
 * An agent's risk acceptance: the latest one asked for, whatever its state.
 *
 * @public
 */
export interface RiskAcceptance {
  /** pending until approved; accepted until expiresAt; expired at expiresAt or when the severity rose; revoked when withdrawn. */
  state: AcceptanceState;
  /** Why the risk is accepted. */
  justification: string;
  /** When the acceptance ends (ISO 8601). */
  expiresAt: string;
  /** User entity ref of the requester. */
  requestedBy: string;
  /** When it was asked for (ISO 8601). */
  requestedAt: string;
  /** User entity ref of the approver; null until approved. */
  approvedBy: string | null;
  /** When it was approved (ISO 8601); null until approved. */
  approvedAt: string | null;
  /** The band accepted: a higher one ends the acceptance. */
  severityAtRequest: Severity | null;
  /** When it ended (ISO 8601). */
  endedAt: string | null;
  /** Why it ended: expiry, a severity rise, or the revoker's reason. */
  endedReason: string | null;
}

/**
 * One row of the ranking.
 *
 * @public
 */
export interface AgentListItem {
  /** Lower-case entity ref, e.g. `airesource:default/support-bot`. */
  entityRef: string;
  /** The agent's title, else its name. */
  title: string;
  /** Owner entity ref. */
  owner: string | null;
  /** The owner's display name in the catalog. */
  ownerTitle: string | null;
  /** System entity ref. */
  system: string | null;
  /** The system's title in the catalog. */
  systemTitle: string | null;
  /** `spec.lifecycle`. */
  lifecycle: string | null;
  /** The scoring model id. */
  model: ScoringModelId;
  /** Whether the agent was scored, or why not. */
  status: ScoreStatus;
  /** AIVSS score 0..10; null unless scored. */
  score: number | null;
  /** The severity band of the score; null unless scored. */
  severity: Severity | null;
  /** CVSS base score used, 0..10. */
  cvssBase: number | null;
  /** True when the CVSS base is `agentRisk.scoring.assumedCvssBase`, not the agent's own. */
  cvssAssumed: boolean;
  /** Sum of the agentic factors. */
  factorSum: number | null;
  /** One line on what the score is made of, e.g. "CVSS base 8.0, autonomy and tool use high, no mitigation"; null unless scored. */
  reason: string | null;
  /** ISO 8601 time the stored score last changed. */
  computedAt: string;
  /** The latest risk acceptance asked for; null when none. */
  acceptance: RiskAcceptance | null;
  /** ISO 8601 time the assessment was last reviewed; null if never. */
  reviewedAt: string | null;
  /** When the next review is due; null if never reviewed. */
  reviewDue: string | null;
  /** True once the review is due, and for an agent never reviewed. */
  reviewOverdue: boolean;
  /** The AIVSS-SSVC decision; null without SSVC annotations. */
  ssvc: SsvcDecision | null;
  /** True when an evidence rule shows a declared factor below what the facts say (spec 9.2). */
  understated: boolean;
  /** True when discovery found it (spec 8.1): it carries `agent-risk.io/discovered-from`. */
  discovered: boolean;
  /** False until it carries any AIVSS annotation: not yet assessed. */
  assessed: boolean;
}

/**
 * One row of `GET /agents.csv`: a ranking row plus its reasons.
 *
 * @public
 */
export interface AgentCsvRow extends AgentListItem {
  /** The three largest factor contributions, largest first. */
  topDrivers: string;
  /** Validation problems, each naming its field. */
  errors: string;
  /** The evidence findings in words, "; "-separated. */
  evidence: string;
}

/**
 * One stored score of an agent.
 *
 * @public
 */
export interface ScoreHistoryEntry {
  /** ISO 8601 time the stored score last changed. */
  computedAt: string;
  /** Whether the agent was scored, or why not. */
  status: ScoreStatus;
  /** AIVSS score 0..10; null unless scored. */
  score: number | null;
  /** The severity band of the score; null unless scored. */
  severity: Severity | null;
  /** The scoring model id. */
  model: ScoringModelId;
}

/**
 * Agentic factor values (0..1) or their contributions in score points.
 *
 * @public
 */
export type AgenticFactorValues = Partial<Record<AgenticFactorId, number>>;

/**
 * The full record of `GET /agents/:kind/:namespace/:name`: the ranking's row
 * with the whole score result (multipliers, AARS, contributions, problems).
 *
 * @public
 */
export interface AgentRiskRecord extends AgentListItem, ScoreResult {
  /** Agentic factor values, 0..1. */
  factors: AgenticFactorValues;
  /** The MAESTRO layers the agent declares. */
  layers: LayerAssessment[];
  /** The entity's metadata.description, cut to 1000 characters; untrusted, render it inert. */
  description: string | null;
  /** The MCP servers (APIs of type mcp-server) in spec.dependsOn: its tool surface. */
  mcpServers: McpServerDependency[];
  /**
   * The tools its MCP servers list (spec 8.2), per server in mcpServers;
   * descriptions are the servers' untrusted text, render them inert.
   */
  tools: ServerToolInventory[];
  /** 1-based rank among scored agents in view; null when not scored. */
  rank: number | null;
  /** Share of scored agents in view with a lower score, 0..100. */
  percentile: number | null;
  /** Score history, oldest first. */
  history: ScoreHistoryEntry[];
  /** The AIVSS-SSVC decision and how it was reached; null without SSVC annotations. */
  ssvc: SsvcDetail | null;
  /**
   * What the agent can act on through the catalog's relations (spec 9.1),
   * without the entities the caller may not read (counted in `hidden`);
   * null before the sync computed it.
   */
  reach: AgentReach | null;
  /** Evidence findings: declared factors below what the facts show, and rules without a bound (spec 9.2). Never part of the score. */
  evidence: EvidenceFinding[];
}

/**
 * Agents per AIVSS-SSVC outcome; `none`: no outcome (no SSVC annotations,
 * or incomplete or invalid ones).
 *
 * @public
 */
export type SsvcOutcomeCounts = Record<SsvcOutcome | 'none', number>;

/**
 * An agent's AIVSS-SSVC decision as the ranking shows it (spec section 10.1).
 *
 * @public
 */
export interface SsvcDecision {
  /** incomplete: an SSVC input is missing; invalid: one is malformed. */
  status: Exclude<SsvcStatus, 'none'>;
  /** From OWASP's threat x class x impact table; null unless scored. */
  outcome: SsvcOutcome | null;
  /** The agent class its capability factors place it in; null unless scored. */
  agentClass: SsvcAgentClass | null;
  /** P(threat) x P(vulnerability) x exposure x impact, two decimals. */
  riskScore: number | null;
  /** ISO 8601: the agent's reviewedAt, else when its current SSVC inputs were first seen. */
  assessedAt: string | null;
  /** assessedAt plus the outcome's days; null for Defer and unless scored. */
  dueAt: string | null;
  /** True once dueAt has passed. */
  overdue: boolean;
}

/**
 * The detail's AIVSS-SSVC decision: the ranking's, plus how it was reached
 * (the category averages, exposure, likelihood and problems of the
 * scoring's {@link SsvcResult}).
 *
 * @public
 */
export interface SsvcDetail extends Omit<SsvcResult, 'status'>, SsvcDecision {}

/**
 * An MCP server an agent depends on, with the tools its entity lists.
 *
 * @public
 */
export interface McpServerDependency {
  /** Lower-case entity ref of the API entity. */
  entityRef: string;
  /** The server's metadata.title. */
  title: string | null;
  /** Tool names from the YAML tools list of its spec.definition. */
  tools: string[];
}

/**
 * `GET /agents`: one page of the ranking.
 *
 * @public
 */
export interface AgentListResponse {
  /** The page, in order. */
  items: AgentListItem[];
  /** Agents matching the filters. */
  totalCount: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * One owner's agents, summed up.
 *
 * @public
 */
export interface OwnerRiskRollup {
  /** Owner entity ref. */
  owner: string;
  /** The owner's display name in the catalog. */
  ownerTitle: string | null;
  /** Agents of the owner. */
  agents: number;
  /** Highest score among the owner's agents. */
  maxScore: number | null;
  /** Mean of the owner's scored agents. */
  meanScore: number | null;
  /** Critical-severity agents. */
  critical: number;
  /** High-severity agents. */
  high: number;
}

/**
 * One bucket of the score histogram.
 *
 * @public
 */
export interface HistogramBucket {
  /** Lower bound of the bucket. */
  from: number;
  /** Upper bound of the bucket. */
  to: number;
  /** Agents in the bucket. */
  count: number;
}

/**
 * `GET /summary`.
 *
 * @public
 */
export interface RiskSummary {
  /** The scoring model id. */
  model: ScoringModelId;
  /** Agents in view. */
  totalAgents: number;
  /** Scored agents per severity band. */
  bySeverity: Partial<Record<Severity, number>>;
  /** Agents per score status. */
  byStatus: Partial<Record<ScoreStatus, number>>;
  /** Roll-up per owner. */
  byOwner: OwnerRiskRollup[];
  /** Scored agents per score bucket. */
  histogram: HistogramBucket[];
  /** When the last sync finished (ISO 8601); null before the first. */
  lastSyncAt: string | null;
  /** Agents per AIVSS-SSVC outcome. */
  bySsvcOutcome: SsvcOutcomeCounts;
  /** Agents whose SSVC due date has passed. */
  ssvcOverdue: number;
  /**
   * The systems reached by Critical or High agents in view (spec 9.1), most
   * Critical agents first; not narrowed by the ranking's filters.
   */
  exposure: SystemExposure[];
}

/**
 * A system Critical or High agents can act on, with how many of each.
 *
 * @public
 */
export interface SystemExposure {
  /** Lower-case entity ref of the system. */
  system: string;
  /** Critical agents that reach it (or an entity of it). */
  critical: number;
  /** High agents that reach it (or an entity of it). */
  high: number;
}

/**
 * One agent that reaches an entity (`GET /reached-by/:kind/:namespace/:name`).
 *
 * @public
 */
export interface ReachingAgent {
  /** Lower-case entity ref of the agent. */
  entityRef: string;
  /** The agent's display name. */
  title: string;
  /** Its score; null when not scored. */
  score: number | null;
  /** Its severity band; null when not scored. */
  severity: Severity | null;
  /** Whether it could be scored. */
  status: ScoreStatus;
  /** Entity refs from the agent (exclusive) to the entity (inclusive). */
  path: string[];
}

/**
 * `GET /reached-by/:kind/:namespace/:name`: the agents in view that reach
 * the entity, riskiest first.
 *
 * @public
 */
export interface ReachedByResponse {
  /** Lower-case entity ref of the entity asked about. */
  entityRef: string;
  /** Agents in view that reach it. */
  totalCount: number;
  /** The riskiest of them, at most `limit`. */
  items: ReachingAgent[];
  /** Of the riskiest, agents not listed because their path passes an entity the caller may not read. */
  hidden: number;
}

/**
 * Query of `GET /reached-by/:kind/:namespace/:name`.
 *
 * @public
 */
export interface ReachedByQuery {
  /** How many of the riskiest agents to list (1 to 100, default 20). */
  limit: number;
}

/**
 * The state of the agents in view at the end of one UTC day.
 *
 * @public
 */
export interface RiskTrendPoint {
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** Agents in view. */
  totalAgents: number;
  /** Scored agents per band (unscored agents have no band). */
  bySeverity: Record<Severity, number>;
  /** Agents per score status. */
  byStatus: Record<ScoreStatus, number>;
  /** Agents per AIVSS-SSVC outcome at the end of the day. */
  bySsvcOutcome: SsvcOutcomeCounts;
}

/**
 * `GET /trends`: one point per day, oldest first, the last one today.
 *
 * @public
 */
export interface RiskTrendResponse {
  /** One point per day, oldest first. */
  points: RiskTrendPoint[];
}

/**
 * `POST /agents/:kind/:namespace/:name/refresh`: the catalog re-reads the
 * entity, then the agent is re-scored.
 *
 * @public
 */
export interface AgentRefreshResult {
  /** The record after re-scoring. */
  agent: AgentRiskRecord;
  /** When this refresh re-scored the agent (ISO 8601). */
  refreshedAt: string;
  /** True when the catalog served a changed entity within the wait. */
  catalogUpdated: boolean;
  /** True when status, score or model differ from before. */
  scoreChanged: boolean;
  /** The result before the refresh; null when not scored before. */
  previous: Pick<ScoreResult, 'status' | 'score' | 'severity'> | null;
}

/**
 * `POST /sync`.
 *
 * @public
 */
export interface SyncTriggerResult {
  /** The id of the sync task triggered. */
  triggered: string;
  /** True when a sync was already running. */
  alreadyRunning: boolean;
}

/**
 * An entity in a request body (`POST /score`, registry writes): the catalog
 * checks what is not named here.
 *
 * @public
 */
export interface EntityInput {
  /** The entity apiVersion. */
  apiVersion?: string;
  /** The entity kind. */
  kind: string;
  /** The entity's metadata. */
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  /** The entity's spec. */
  spec?: Record<string, unknown>;
  /** Other entity fields, as the catalog has them. */
  [key: string]: unknown;
}

/**
 * Body of `POST /score`: an entity, scored whatever its kind, and an
 * optional scoring model.
 *
 * @public
 */
export interface ScoreRequest {
  /** The entity to score, whatever its kind. */
  entity: EntityInput;
  /** The scoring model; the configured one when absent. */
  model?: ScoringModelId;
}

/**
 * `POST /score`: the scoring result plus the parsed factors and layers.
 *
 * @public
 */
export interface WhatIfScoreResult extends EntityScoreResult {
  /** Agentic factor values, 0..1. */
  factors: AgenticFactorValues;
  /** The MAESTRO layers the agent declares. */
  layers: LayerAssessment[];
  /** The AIVSS-SSVC result, not stored (so no due date); null without SSVC annotations. */
  ssvc: Omit<SsvcDetail, 'assessedAt' | 'dueAt' | 'overdue'> | null;
}

/**
 * Body of `POST /registry/agents` and `PUT /registry/agents/:namespace/:name`.
 *
 * @public
 */
export interface RegistryWriteRequest {
  /** The agent entity; its annotations carry the assessment. */
  entity: EntityInput;
  /** Why: kept in the audit trail. */
  reason: string;
}

/**
 * Answer of a registry create or update.
 *
 * @public
 */
export interface RegistryWriteResult {
  /** Lower-case entity ref of the agent. */
  entityRef: string;
}

/**
 * Answer of `POST /import/fetch`: the text at the URL.
 *
 * @public
 */
export interface ImportFetchResult {
  /** The document, decoded as UTF-8. */
  text: string;
  /** `application/json` when the text parses as JSON (an agent card). */
  contentType: 'application/json' | 'text/plain';
}

/**
 * What an audit entry records: a registry change, or a step of a risk
 * acceptance.
 *
 * @public
 */
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'accept-request'
  | 'accept-approve'
  | 'accept-revoke'
  | 'accept-end'
  /** Tools of an MCP server it depends on appeared, disappeared or changed (spec 8.2). */
  | 'tool-change';

/**
 * One changed field: an annotation key, `metadata.title`, `spec.owner`, ...
 *
 * @public
 */
export interface AuditChange {
  /** The field: an annotation key, `metadata.title`, `spec.owner`, ... */
  field: string;
  /** The value before; null when absent. */
  before: string | null;
  /** The value after; null when removed. */
  after: string | null;
}

/**
 * One entry of `GET /agents/:kind/:namespace/:name/audit`.
 *
 * @public
 */
export interface AuditEntry {
  /** When (ISO 8601). */
  at: string;
  /** The caller's user entity ref, or the calling service's subject. */
  actor: string;
  /** What was done. */
  action: AuditAction;
  /** Why, as the actor wrote it. */
  reason: string;
  /** The fields changed. */
  changes: AuditChange[];
  /** With `registrations=all` only: the registration the entry belongs to. */
  registration?: string | null;
}

/**
 * `GET /agents/:kind/:namespace/:name/audit`, newest first.
 *
 * @public
 */
export interface AuditListResponse {
  /** The page, in order. */
  items: AuditEntry[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A registry entity as the entity provider reads it.
 *
 * @public
 */
export interface RegistryFeedEntity {
  /** The entity apiVersion. */
  apiVersion: string;
  /** The entity kind. */
  kind: string;
  /** The entity's metadata. */
  metadata: { name: string; [key: string]: unknown };
  /** Other entity fields, as the catalog has them. */
  [key: string]: unknown;
}

/**
 * `GET /registry/entities`: the entity provider's full mutation.
 *
 * @public
 */
export interface RegistrySnapshot {
  /** Every registry entity. */
  entities: RegistryFeedEntity[];
  /** Where the change feed stood before the entities were read. */
  cursor: number;
}

/**
 * `GET /registry/changes`: the entity provider's delta mutation.
 *
 * @public
 */
export interface RegistryDelta {
  /** Created or updated entities, as they are now. */
  added: RegistryFeedEntity[];
  /** Entity refs deleted. */
  removed: string[];
  /** Pass back as `after` to continue from here. */
  cursor: number;
}

/**
 * Body of `POST /agents/:kind/:namespace/:name/acceptance`.
 *
 * @public
 */
export interface AcceptanceRequest {
  /** Why the risk is accepted: kept with the acceptance and in the audit trail. */
  justification: string;
  /** A date (the end of that day, UTC) or an ISO 8601 date-time. */
  expiresAt: string;
}

/**
 * The `:kind/:namespace/:name` path parameters of one agent.
 *
 * @public
 */
export interface EntityPath {
  /** The entity kind. */
  kind: string;
  /** The entity namespace. */
  namespace: string;
  /** The entity name. */
  name: string;
}

/**
 * The `:namespace/:name` path parameters of a registry agent.
 *
 * @public
 */
export interface RegistryAgentPath {
  /** The entity namespace. */
  namespace: string;
  /** The entity name. */
  name: string;
}

/**
 * Query of `DELETE /registry/agents/:namespace/:name` and of
 * `DELETE /agents/:kind/:namespace/:name/acceptance`.
 *
 * @public
 */
export interface ReasonQuery {
  /** Why: kept in the audit trail. */
  reason: string;
}

/**
 * Query of `GET /agents/:kind/:namespace/:name/audit`, as the backend reads it.
 *
 * @public
 */
export interface AuditListQuery {
  /** Page size. */
  limit: number;
  /** The `nextCursor` of the previous (newer) page. */
  cursor?: string;
  /** `current`: the trail of the agent of this name now; `all`: also of deleted earlier ones. */
  registrations: 'current' | 'all';
}

/**
 * Query of `GET /registry/changes`, as the backend reads it.
 *
 * @public
 */
export interface RegistryChangesQuery {
  /** The cursor of the last snapshot or delta read. */
  after: number;
  /** Seconds to hold the request while nothing changed (0: answer at once). */
  wait: number;
}

/**
 * Body of `POST /import/fetch`.
 *
 * @public
 */
export interface ImportFetchRequest {
  /** An agent card or threat-model document. */
  url: string;
}

/**
 * Answer of the acceptance routes that change it.
 *
 * @public
 */
export interface AcceptanceResult {
  /** The agent. */
  entityRef: string;
  /** The latest risk acceptance asked for; null when none. */
  acceptance: RiskAcceptance;
}

/**
 * `GET /mcp-servers/:namespace/:name/tools`: an MCP server's tools as last
 * listed (spec 8.2).
 *
 * @public
 */
export type McpServerToolsResponse = Omit<ServerToolInventory, 'server'>;

/**
 * What the last listing of an MCP server came to.
 *
 * @public
 */
export type McpListingOutcome =
  | 'listed'
  | 'failed'
  | 'not-allowed'
  | 'no-endpoint';

/**
 * One MCP server on the Discovery page.
 *
 * @public
 */
export interface McpServerDiscovery
  extends Pick<ServerToolInventory, 'server' | 'listedAt' | 'error'> {
  /** Its endpoint; null when none is known. */
  endpoint: string | null;
  /** What the last listing came to. */
  outcome: McpListingOutcome;
  /** ISO 8601: since when the outcome holds. */
  outcomeAt: string;
  /** Tools in the stored listing. */
  toolCount: number;
}

/**
 * `GET /discovery/mcp-servers`: the MCP tool inventory's servers and last run.
 *
 * @public
 */
export interface McpServersDiscoveryResponse {
  /** The last run; null before the first. */
  lastRun: {
    startedAt: string;
    finishedAt: string;
    /** Servers looked at. */
    servers: number;
    /** Of them, those that failed or were not allowed. */
    failed: number;
  } | null;
  /** The MCP servers, each with its last listing. */
  servers: McpServerDiscovery[];
}

/**
 * How a discovery source's last run ended.
 *
 * @public
 */
export type DiscoveryOutcome = 'ok' | 'failed' | 'not-allowed' | 'never-run';

/**
 * One agent-card source and its last run (spec section 8.1).
 *
 * @public
 */
export interface DiscoverySource {
  /** The card's URL (a `baseUrl` with `/.well-known/agent-card.json` appended). */
  url: string;
  /** `source`: named in app-config; `annotation`: an entity's `agent-risk.io/agent-card-url`. */
  kind: 'source' | 'annotation';
  /** The annotated entity (kind `annotation`), else the agent the card became, if any. */
  entityRef: string | null;
  /** Owner given to what the source finds. */
  owner: string | null;
  /** ISO 8601 of its last run; null before the first. */
  lastRunAt: string | null;
  /** How that run ended. */
  outcome: DiscoveryOutcome;
  /** Cards that run read. */
  cardsFound: number;
  /** What went wrong, in plain words (bounded). */
  errors: string[];
  /** When the card was last read. */
  lastSeenAt: string | null;
  /** Since when the card could not be read, after it had been. */
  unreachableSince: string | null;
  /** The card's signature state, when a card was read. */
  signature: string | null;
}

/**
 * `GET /discovery/sources`.
 *
 * @public
 */
export interface DiscoverySourcesResponse {
  /** Every source, named in app-config or found on entities. */
  sources: DiscoverySource[];
}
