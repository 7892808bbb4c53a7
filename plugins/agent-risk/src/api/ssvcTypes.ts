import {
  AgentListItem,
  AgentListOrderField,
  AgentListResponse,
  AgentRiskRecord,
  FieldError,
  RiskSummary,
  SsvcAgentClass,
  SsvcCategory,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';

/*
 * The AIVSS-SSVC fields of the API (spec section 10.1), as the backend serves
 * them. Optional on every response: a backend that predates them simply
 * leaves them out, and the UI then shows no SSVC rather than failing.
 */

/**
 * An agent's SSVC decision in the ranking; null when it has no SSVC
 * annotations.
 *
 * @public
 */
export interface AgentSsvcDecision {
  status: 'scored' | 'incomplete' | 'invalid';
  outcome: SsvcOutcome | null;
  agentClass: SsvcAgentClass | null;
  riskScore: number | null;
  /** ISO 8601: when the current SSVC inputs were assessed. */
  assessedAt: string | null;
  /** ISO 8601: assessedAt plus the outcome's days; null for Defer or unscored. */
  dueAt: string | null;
  overdue: boolean;
}

/**
 * The detail's SSVC decision: the ranking's fields plus how it was reached.
 *
 * @public
 */
export interface AgentSsvcDecisionDetail extends AgentSsvcDecision {
  categoryAverages: Record<SsvcCategory, number> | null;
  exposure: number | null;
  likelihood: number | null;
  errors: FieldError[];
}

/** @public */
export type RankedAgent = AgentListItem & { ssvc?: AgentSsvcDecision | null };

/** @public */
export type RankedAgentList = Omit<AgentListResponse, 'items'> & {
  items: RankedAgent[];
};

/** @public */
export type AgentRiskDetail = AgentRiskRecord & {
  ssvc?: AgentSsvcDecisionDetail | null;
};

/**
 * Agents per SSVC outcome; `none` counts agents without an SSVC decision.
 *
 * @public
 */
export type SsvcOutcomeCounts = Record<SsvcOutcome | 'none', number>;

/** @public */
export type RiskSummaryWithSsvc = RiskSummary & {
  bySsvcOutcome?: SsvcOutcomeCounts;
  /** Agents whose SSVC due date has passed. */
  ssvcOverdue?: number;
};

/**
 * The `ssvcOutcome` filter: an outcome, or `none` for agents without SSVC.
 *
 * @public
 */
export type SsvcOutcomeFilter = SsvcOutcome | 'none';

/**
 * The ranking's sort fields: the contract's plus the SSVC due date
 * (`orderBy=dueAt`, earliest first, no due date last).
 *
 * @public
 */
export type RankingOrderField = AgentListOrderField | 'dueAt';
