export { GroupAgentRiskCard } from './GroupAgentRiskCard';
