export { agentRiskApiRef } from './AgentRiskApi';
export type {
  AgentRiskApi,
  AgentListFilters,
  AgentListRequest,
  RiskTrendRequest,
} from './AgentRiskApi';
export { AgentRiskClient, toAgentListSearchParams } from './AgentRiskClient';
export type {
  AgentSsvcDecision,
  AgentSsvcDecisionDetail,
  AgentRiskDetail,
  RankedAgent,
  RankedAgentList,
  RankingOrderField,
  RiskSummaryWithSsvc,
  SsvcOutcomeCounts,
  SsvcOutcomeFilter,
} from './ssvcTypes';
