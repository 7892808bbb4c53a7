import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { AgentRiskEntityProcessor } from './processor/AgentRiskEntityProcessor';
import { RegistryEntityProvider } from './provider/RegistryEntityProvider';

/** How often the provider asks the registry for changes: the 10-second promise of spec section 6. */
const DEFAULT_REGISTRY_POLL = { seconds: 3 };

/**
 * Catalog module that validates agent risk annotations, adds agents' tool
 * relations (`spec.dependsOn`) and emits the agents registered in Backstage
 * (the agent-risk backend's registry) as entities.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, discovery, auth, logger, scheduler }) {
        catalog.addProcessor(AgentRiskEntityProcessor.fromConfig(config));
        if (config.getOptionalBoolean('agentRisk.registry.enabled') === false) {
          return;
        }
        const provider = new RegistryEntityProvider({
          discovery,
          auth,
          logger,
        });
        catalog.addEntityProvider(provider);
        const pollKey = 'agentRisk.registry.pollInterval';
        const frequency = config.has(pollKey)
          ? readDurationFromConfig(config, { key: pollKey })
          : DEFAULT_REGISTRY_POLL;
        await scheduler.scheduleTask({
          id: 'agent-risk-registry-provider',
          frequency,
          timeout: {
            milliseconds: Math.max(
              30_000,
              durationToMilliseconds(frequency) * 10,
            ),
          },
          // Every catalog instance keeps its own cursor; mutations are idempotent.
          scope: 'local',
          fn: () => provider.poll(),
        });
      },
    });
  },
});
