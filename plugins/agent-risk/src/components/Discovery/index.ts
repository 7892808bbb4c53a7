export { McpServersSection } from './McpServersSection';
export { DiscoveryPage } from './DiscoveryPage';
export { DiscoverySources } from './DiscoverySources';
