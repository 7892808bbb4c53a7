/**
 * Agent Risk frontend: the Risk tab and overview card of agent entities, a
 * Group card, and the org-wide ranking page.
 *
 * @packageDocumentation
 */
export {
  agentRiskPlugin,
  AgentRiskPage,
  EntityAgentRiskContent,
  EntityAgentRiskCard,
  EntityGroupAgentRiskCard,
  EntityReachedByCard,
  EntityMcpToolsCard,
  AgentRiskSearchResultListItem,
} from './plugin';
export type { AgentRiskSearchResultListItemProps } from './components/SearchResult';
export { isAgentRiskAvailable } from './isAgentRiskAvailable';
export { agentRiskApiRef, AgentRiskClient } from './api';
export type {
  AgentRiskApi,
  AgentListFilters,
  AgentListRequest,
  RiskTrendRequest,
} from './api';
export { rootRouteRef as agentRiskRouteRef } from './routes';
