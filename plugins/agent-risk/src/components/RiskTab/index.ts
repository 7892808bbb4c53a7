export { AgentRiskTab } from './AgentRiskTab';
