import { AgenticFactorId } from './factors';
import { LayerAssessment } from './parse';
import { FieldError } from './parse';
import { ScoreStatus, ScoringModelId } from './scoring';
import { Severity } from './severity';

/** The backend plugin id; its routes live under `/api/agent-risk`. */
export const AGENT_RISK_PLUGIN_ID = 'agent-risk';

export const AGENT_LIST_ORDER_FIELDS = [
  'score',
  'name',
  'owner',
  'computedAt',
] as const;
export type AgentListOrderField = (typeof AGENT_LIST_ORDER_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';
export const AGENT_LIST_DEFAULT_LIMIT = 50;
export const AGENT_LIST_MAX_LIMIT = 500;

/** Query of `GET /agents` and `GET /agents.csv`. */
export interface AgentListQuery {
  limit?: number;
  cursor?: string;
  orderBy?: AgentListOrderField;
  order?: SortOrder;
  owner?: string;
  severity?: Severity;
  status?: ScoreStatus;
  system?: string;
  lifecycle?: string;
  /** Free text matched against name, title and entity ref. */
  q?: string;
  reviewOverdue?: boolean;
}

/** One row of the ranking. */
export interface AgentListItem {
  entityRef: string;
  title: string;
  owner: string | null;
  /** The owner entity's display name (`spec.profile.displayName`, `metadata.title`), when the catalog has one. */
  ownerTitle: string | null;
  system: string | null;
  /** The system entity's `metadata.title`, when the catalog has one. */
  systemTitle: string | null;
  lifecycle: string | null;
  model: ScoringModelId;
  status: ScoreStatus;
  score: number | null;
  severity: Severity | null;
  cvssBase: number | null;
  cvssAssumed: boolean;
  factorSum: number | null;
  /** ISO 8601 time the score was last computed. */
  computedAt: string;
  /** When the assessment was last reviewed (ISO 8601), or null if never. */
  reviewedAt: string | null;
  /** When the next review is due: `reviewedAt` plus `agentRisk.review.interval`; null if never reviewed. */
  reviewDue: string | null;
  /** True once `reviewDue` has passed, and for an agent never reviewed. */
  reviewOverdue: boolean;
}

export interface AgentListResponse {
  items: AgentListItem[];
  totalCount: number;
  nextCursor: string | null;
}

export interface ScoreHistoryEntry {
  computedAt: string;
  status: ScoreStatus;
  score: number | null;
  severity: Severity | null;
  model: ScoringModelId;
}

/** The full record of `GET /agents/:kind/:namespace/:name`. */
export interface AgentRiskRecord extends AgentListItem {
  factors: Partial<Record<AgenticFactorId, number>>;
  threatMultiplier: number | null;
  mitigationFactor: number | null;
  aars: number | null;
  contributions: Partial<Record<AgenticFactorId, number>>;
  layers: LayerAssessment[];
  errors: FieldError[];
  /** 1-based rank among scored agents (highest score first); null when not scored. */
  rank: number | null;
  /** Share of scored agents with a lower score, 0..100; null when not scored. */
  percentile: number | null;
  /** Oldest first. */
  history: ScoreHistoryEntry[];
}

export interface OwnerRiskRollup {
  owner: string;
  ownerTitle: string | null;
  agents: number;
  maxScore: number | null;
  meanScore: number | null;
  critical: number;
  high: number;
}

export interface HistogramBucket {
  from: number;
  to: number;
  count: number;
}

/** `GET /summary`. */
export interface RiskSummary {
  model: ScoringModelId;
  totalAgents: number;
  bySeverity: Record<Severity, number>;
  byStatus: Record<ScoreStatus, number>;
  byOwner: OwnerRiskRollup[];
  histogram: HistogramBucket[];
  lastSyncAt: string | null;
}

/** `POST /agents/:kind/:namespace/:name/refresh`: the catalog re-reads the entity, then the agent is re-scored. */
export interface AgentRefreshResult {
  /** The record after re-scoring. */
  agent: AgentRiskRecord;
  /** ISO 8601 time at which this refresh re-scored the agent. */
  refreshedAt: string;
  /** True when the catalog served a changed entity within the refresh's wait. */
  catalogUpdated: boolean;
  /** True when status, score or model differ from before the refresh. */
  scoreChanged: boolean;
  /** The result before the refresh; null when the agent had not been scored yet. */
  previous: {
    status: ScoreStatus;
    score: number | null;
    severity: Severity | null;
  } | null;
}
