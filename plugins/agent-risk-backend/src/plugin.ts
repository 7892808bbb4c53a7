import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AGENT_RISK_PLUGIN_ID,
  agentRiskPermissions,
} from '@agent-risk/plugin-agent-risk-common';
import { registerGetAgentRiskAction } from './actions/getAgentRiskAction';
import { registerListRiskiestAgentsAction } from './actions/listRiskiestAgentsAction';
import { readAgentRiskBackendOptions } from './options';
import { createRouter } from './router';
import { AgentRiskAccess } from './service/access';
import { AgentRiskService } from './service/AgentRiskService';
import { AgentVisibilityResolver } from './service/visibility';
import { createAgentRiskStore } from './store/AgentRiskStore';
import { AgentRiskSync } from './sync/AgentRiskSync';
import { KnexTrendStore } from './database/KnexTrendStore';
import { TrendService } from './trends/TrendService';
import { GroupTreeResolver } from './ownership/GroupTreeResolver';
import { scheduleAgentRiskSync } from './sync/scheduleSync';

/**
 * The Agent Risk backend plugin: syncs agent entities from the catalog,
 * stores their AIVSS scores and serves them under `/api/agent-risk`.
 *
 * @public
 */
export const agentRiskPlugin = createBackendPlugin({
  pluginId: AGENT_RISK_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const options = readAgentRiskBackendOptions(deps.config);
        const knex = await deps.database.getClient();
        const store = await createAgentRiskStore(knex, {
          skipMigrations: deps.database.migrations?.skip,
        });
        const trends = new TrendService(new KnexTrendStore(knex, store));
        const service = new AgentRiskService(store, options);
        const access = new AgentRiskAccess(
          deps.permissions,
          new AgentVisibilityResolver({
            permissions: deps.permissions,
            catalog: deps.catalog,
            agentSelectors: options.agentSelectors,
          }),
        );
        const sync = new AgentRiskSync({
          catalog: deps.catalog,
          auth: deps.auth,
          store,
          logger: deps.logger,
          options,
          onSynced: () => service.warmCaches(),
        });

        deps.permissionsRegistry.addPermissions(agentRiskPermissions);
        await scheduleAgentRiskSync({
          scheduler: deps.scheduler,
          sync,
          logger: deps.logger,
          schedule: options.sync,
        });
        registerGetAgentRiskAction({
          actionsRegistry: deps.actionsRegistry,
          access,
          service,
          agentSelectors: options.agentSelectors,
        });
        registerListRiskiestAgentsAction({
          actionsRegistry: deps.actionsRegistry,
          access,
          service,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            access,
            service,
            trends,
            groups: new GroupTreeResolver({
              catalog: deps.catalog,
              auth: deps.auth,
            }),
            sync,
            scheduler: deps.scheduler,
            logger: deps.logger,
          }),
        );
      },
    });
  },
});
