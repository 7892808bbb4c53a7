import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AGENT_RISK_PLUGIN_ID,
  agentRiskPermissions,
  agentRiskRegistryPermissions,
} from '@agent-risk/plugin-agent-risk-common';
import { registerAgentRiskActions } from './actions';
import { AcceptanceService } from './acceptance/AcceptanceService';
import { AcceptanceSweep } from './acceptance/AcceptanceSweep';
import { scheduleAcceptanceSweep } from './acceptance/scheduleAcceptanceSweep';
import {
  agentPermissionResourceRef,
  agentPermissionRules,
} from './permissions/agentPermissionRules';
import { RegistryService } from './registry/RegistryService';
import { readAgentRiskBackendOptions } from './options';
import { HttpFetchReader } from './fetch/FetchReader';
import { createRouter } from './http/router';
import { AgentRiskAccess } from './permissions/access';
import { AgentRiskService } from './queries/AgentRiskService';
import { AgentVisibilityResolver } from './permissions/visibility';
import { createAgentRiskDatabase } from './database/AgentRiskDatabase';
import { AgentRiskSync } from './sync/AgentRiskSync';
import { ReachService } from './reach/ReachService';
import { createEvidenceService } from './evidence/createEvidenceService';
import {
  InventoryEvidenceFactsSource,
  ReachEvidenceFactsSource,
} from './evidence/GraphEvidenceFactsSources';
import { TrendService } from './queries/TrendService';
import { GroupTreeResolver } from './catalog/GroupTreeResolver';
import { scheduleAgentRiskSync } from './sync/scheduleSync';
import { AgentRiskNotifier } from './notifications/AgentRiskNotifier';
import { AgentBomExporter } from './export/AgentBomExporter';
import { McpInventory } from './mcpInventory/McpInventory';
import { scheduleMcpInventory } from './mcpInventory/scheduleMcpInventory';
import { AgentCardDiscovery } from './discovery/AgentCardDiscovery';
import { scheduleAgentCardDiscovery } from './discovery/scheduleDiscovery';
import packageJson from '../package.json';

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
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const options = readAgentRiskBackendOptions(deps.config);
        const knex = await deps.database.getClient();
        const database = await createAgentRiskDatabase(knex, {
          skipMigrations: deps.database.migrations?.skip,
        });
        const acceptances = new AcceptanceService({
          store: database.acceptance,
          scores: database.scores,
          registry: database.registry,
          logger: deps.logger,
          maxDays: options.acceptance.maxDays,
        });
        const reach = new ReachService({
          catalog: deps.catalog,
          store: database.reach,
          logger: deps.logger,
          agentSelectors: options.agentSelectors,
          depth: options.reach.depth,
          pageSize: options.sync.pageSize,
        });
        const mcpInventory = new McpInventory({
          catalog: deps.catalog,
          auth: deps.auth,
          database,
          logger: deps.logger,
          options,
        });
        const service = new AgentRiskService({
          database,
          options,
          acceptances,
          reach,
          tools: mcpInventory,
        });
        const trends = new TrendService(database.trends);
        const access = new AgentRiskAccess(
          deps.permissions,
          new AgentVisibilityResolver({
            permissions: deps.permissions,
            catalog: deps.catalog,
            agentSelectors: options.agentSelectors,
          }),
        );
        const evidence = createEvidenceService({
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          store: database.evidence,
          agentSelectors: options.agentSelectors,
          more: [
            new ReachEvidenceFactsSource(reach),
            new InventoryEvidenceFactsSource(mcpInventory),
          ],
        });
        const registry = new RegistryService({
          registry: database.registry,
          audit: database.audit,
          scores: database.scores,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          options,
          userInfo: deps.userInfo,
          mayAssignAnyOwner: credentials =>
            access.mayAssignAnyOwner(credentials),
          evidence,
        });
        const notifier = options.notifications.enabled
          ? new AgentRiskNotifier({
              outbox: database.notifications,
              notifications: deps.notifications,
              logger: deps.logger,
              rules: options.notifications,
              reviewInterval: options.review.interval,
            })
          : undefined;
        const acceptanceSweep = new AcceptanceSweep({
          acceptances,
          notifier,
          logger: deps.logger,
        });
        const sync = new AgentRiskSync({
          catalog: deps.catalog,
          auth: deps.auth,
          database,
          logger: deps.logger,
          options,
          notifier,
          reach,
          evidence,
          onSynced: async () => {
            await acceptanceSweep.afterSync();
            await service.warmCaches();
          },
          registeredAgents: refs => registry.registeredRefs(refs),
        });

        deps.permissionsRegistry.addPermissions(agentRiskPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: agentPermissionResourceRef,
          permissions: agentRiskRegistryPermissions,
          rules: Object.values(agentPermissionRules),
          getResources: refs => registry.ownersOf(refs),
        });
        await scheduleAcceptanceSweep({
          scheduler: deps.scheduler,
          sweep: () => acceptanceSweep.run(),
          logger: deps.logger,
        });
        await scheduleAgentRiskSync({
          scheduler: deps.scheduler,
          sync,
          logger: deps.logger,
          schedule: options.sync,
        });
        if (options.discovery.mcpServers.enabled) {
          await scheduleMcpInventory({
            scheduler: deps.scheduler,
            inventory: mcpInventory,
            logger: deps.logger,
            schedule: options.discovery.mcpServers.schedule,
          });
        }
        registerAgentRiskActions({
          actionsRegistry: deps.actionsRegistry,
          access,
          service,
          registry,
          backendOptions: options,
        });
        // Not coreServices.urlReader: it reads with the integrations'
        // credentials, which a user's or a card's URL must never be read with.
        const fetchReader = new HttpFetchReader({
          allow: options.fetch.allow,
          timeoutMs: durationToMilliseconds(options.fetch.timeout),
        });
        const agentCardDiscovery = new AgentCardDiscovery({
          reader: fetchReader,
          store: database.agentCards,
          registry,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          options,
          notifier,
        });
        await scheduleAgentCardDiscovery({
          scheduler: deps.scheduler,
          discovery: agentCardDiscovery,
          logger: deps.logger,
          schedule: options.discovery.agentCards.schedule,
        });
        const bomExporter = new AgentBomExporter({
          service,
          catalog: deps.catalog,
          options,
          tool: { name: 'agent-risk', version: packageJson.version },
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
            registry,
            acceptances,
            fetchReader,
            bomExporter,
            reach,
            mcpInventory,
            discoverySources: () => agentCardDiscovery.listSources(),
          }),
        );
      },
    });
  },
});
