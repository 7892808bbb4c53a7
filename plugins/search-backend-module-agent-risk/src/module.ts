import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { AgentRiskCollatorFactory } from './collator/AgentRiskCollatorFactory';
import { readAgentRiskCollatorConfig } from './collator/options';

/**
 * Search module that indexes AI agents with their risk (type `agent-risk`).
 *
 * @public
 */
export const searchModuleAgentRisk = createBackendModule({
  pluginId: 'search',
  moduleId: 'agent-risk-collator',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        discovery,
        auth,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const options = readAgentRiskCollatorConfig(config);
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(options.schedule),
          factory: new AgentRiskCollatorFactory({
            discovery,
            auth,
            logger,
            locationTemplate: options.locationTemplate,
            pageSize: options.pageSize,
          }),
        });
      },
    });
  },
});
