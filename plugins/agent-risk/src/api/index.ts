export { agentRiskApiRef } from './AgentRiskApi';
export type {
  AgentRiskApi,
  AgentListFilters,
  AgentListRequest,
} from './AgentRiskApi';
export { AgentRiskClient, toAgentListSearchParams } from './AgentRiskClient';
