import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AGENT_RISK_PLUGIN_ID,
  agentRiskPermissions,
} from '@agent-risk/plugin-agent-risk-common';
import { registerGetAgentRiskAction } from './actions/getAgentRiskAction';
import { registerListRiskiestAgentsAction } from './actions/listRiskiestAgentsAction';
import { readAgentRiskBackendOptions } from './options';
import { createRouter } from './http/router';
import { AgentRiskAccess } from './permissions/access';
import { AgentRiskService } from './queries/AgentRiskService';
import { AgentVisibilityResolver } from './permissions/visibility';
import { createAgentRiskDatabase } from './database/AgentRiskDatabase';
import { AgentRiskSync } from './sync/AgentRiskSync';
import { TrendService } from './queries/TrendService';
import { GroupTreeResolver } from './catalog/GroupTreeResolver';
import { scheduleAgentRiskSync } from './sync/scheduleSync';
import { AgentRiskNotifier } from './notifications/AgentRiskNotifier';

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
        notifications: notificationService,
      },
      async init(deps) {
        const options = readAgentRiskBackendOptions(deps.config);
        const database = await createAgentRiskDatabase(
          await deps.database.getClient(),
          {
            skipMigrations: deps.database.migrations?.skip,
          },
        );
        const service = new AgentRiskService(database, options);
        const trends = new TrendService(database.trends);
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
          database,
          logger: deps.logger,
          options,
          notifier: options.notifications.enabled
            ? new AgentRiskNotifier({
                outbox: database.notifications,
                notifications: deps.notifications,
                logger: deps.logger,
                rules: options.notifications,
                reviewInterval: options.review.interval,
              })
            : undefined,
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
