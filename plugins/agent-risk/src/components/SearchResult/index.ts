export { AgentRiskSearchResultListItem } from './AgentRiskSearchResultListItem';
export type { AgentRiskSearchResultListItemProps } from './AgentRiskSearchResultListItem';
