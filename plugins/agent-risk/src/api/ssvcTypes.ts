import {
  AgentListItem,
  AgentListOrderField,
  AgentListResponse,
  AgentRiskRecord,
  RiskSummary,
  SsvcDecision,
  SsvcDetail,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';

/*
 * Names the frontend uses for the AIVSS-SSVC parts of the contract (spec
 * section 10.1). They are the common package's types: the contract declares
 * the fields, this file only names them for the UI.
 */

/** @public */
export type AgentSsvcDecision = SsvcDecision;
/** @public */
export type AgentSsvcDecisionDetail = SsvcDetail;
/** @public */
export type RankedAgent = AgentListItem;
/** @public */
export type RankedAgentList = AgentListResponse;
/** @public */
export type AgentRiskDetail = AgentRiskRecord;
/** @public */
export type RiskSummaryWithSsvc = RiskSummary;
/** @public */
export type { SsvcOutcomeCounts } from '@agent-risk/plugin-agent-risk-common';

/**
 * The `ssvcOutcome` filter: an outcome, or `none` for agents without one.
 *
 * @public
 */
export type SsvcOutcomeFilter = SsvcOutcome | 'none';

/** @public */
export type RankingOrderField = AgentListOrderField;
