export { agentRiskApiRef } from './AgentRiskApi';
export type {
  AgentRiskApi,
  AgentListFilters,
  AgentListRequest,
  RiskTrendRequest,
} from './AgentRiskApi';
export { AgentRiskClient, toAgentListSearchParams } from './AgentRiskClient';
