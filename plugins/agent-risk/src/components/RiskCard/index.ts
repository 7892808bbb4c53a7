export { AgentRiskCard } from './AgentRiskCard';
