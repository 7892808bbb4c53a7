import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { AgentRiskEntityProcessor } from './processor/AgentRiskEntityProcessor';
import { RegistryEntityProvider } from './provider/RegistryEntityProvider';

/**
 * The least time between two change requests. Each request is held by the
 * backend until a change lands (up to REGISTRY_WAIT_SECONDS), so a change
 * arrives at once (spec section 6 promises 10 s) and an idle catalog asks
 * three times a minute.
 */
const DEFAULT_REGISTRY_POLL = { seconds: 3 };
const REGISTRY_WAIT_SECONDS = 20;

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
          waitSeconds: REGISTRY_WAIT_SECONDS,
        });
        catalog.addEntityProvider(provider);
        const pollKey = 'agentRisk.registry.pollInterval';
        const frequency = config.has(pollKey)
          ? readDurationFromConfig(config, { key: pollKey })
          : DEFAULT_REGISTRY_POLL;
        await scheduler.scheduleTask({
          id: 'agent-risk-registry-provider',
          frequency,
          // Longer than a held request.
          timeout: {
            milliseconds: Math.max(
              (REGISTRY_WAIT_SECONDS + 30) * 1000,
              durationToMilliseconds(frequency) * 10,
            ),
          },
          // Every catalog instance keeps its own cursor; mutations are idempotent.
          scope: 'local',
          fn: signal => provider.poll(signal),
        });
      },
    });
  },
});
