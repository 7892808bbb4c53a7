export { EntityMcpToolsCard } from './EntityMcpToolsCard';
