export { AgentRiskRankingPage } from './AgentRiskRankingPage';
