/**
 * Catalog backend module for Agent Risk: validates the risk annotations of
 * agent entities and adds their tool relations.
 *
 * @packageDocumentation
 */
export { catalogModuleAgentRisk as default } from './module';
export {
  AgentRiskEntityProcessor,
  type AgentRiskEntityProcessorOptions,
} from './processor/AgentRiskEntityProcessor';
export { AGENT_RISK_VALIDATION_ERROR } from './processor/statusItems';
export {
  CATALOG_VALIDATION_MODES,
  DEFAULT_CATALOG_VALIDATION_MODE,
  type CatalogValidationMode,
} from './config';
