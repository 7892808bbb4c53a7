export { DiscoveryPage } from './DiscoveryPage';
export { DiscoverySources } from './DiscoverySources';
