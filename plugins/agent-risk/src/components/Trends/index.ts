export { RiskTrendCard } from './RiskTrendCard';
export { RiskTrendChart } from './RiskTrendChart';
