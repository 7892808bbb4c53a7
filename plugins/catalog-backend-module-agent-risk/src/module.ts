import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AgentRiskEntityProcessor } from './processor/AgentRiskEntityProcessor';

/**
 * Catalog module that validates agent risk annotations and adds agents'
 * tool relations (`spec.dependsOn`).
 *
 * @public
 */
export const catalogModuleAgentRisk = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'agent-risk',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(AgentRiskEntityProcessor.fromConfig(config));
      },
    });
  },
});
