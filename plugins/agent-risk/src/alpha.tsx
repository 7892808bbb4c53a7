/**
 * Agent Risk for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  ApiHolder,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  OverridableExtensionDefinition,
  OverridableFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { AGENT_RISK_PLUGIN_ID } from '@agent-risk/plugin-agent-risk-common';
import SecurityIcon from '@material-ui/icons/Security';
import { agentRiskApiRef, AgentRiskClient } from './api';
import { isAgentRiskAvailable } from './isAgentRiskAvailable';
import {
  entityContentRouteRef,
  registerRouteRef,
  rootRouteRef,
} from './routes';

export { agentRiskTranslationRef } from './translation';

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  entityContent: entityContentRouteRef,
  register: registerRouteRef,
});

/** @alpha */
export const agentRiskApi: OverridableExtensionDefinition = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: agentRiskApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AgentRiskClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * A filter function for the agent extensions that follows `agentRisk.agents`
 * from the app config. Blueprints call filter functions with the entity alone,
 * so the config has to be captured when the extension is created.
 */
function agentFilter(apis: ApiHolder): (entity: Entity) => boolean {
  return entity => isAgentRiskAvailable(entity, { apis });
}

/**
 * The ranking page, with the register page as its sub-route `register`
 * (where the ranking's register button leads). Having a title and an icon
 * gives it a nav item in the app's sidebar; `path` and `title` can be
 * changed in `app.extensions`.
 *
 * @alpha
 */
export const agentRiskRankingPage: OverridableExtensionDefinition =
  PageBlueprint.make({
    params: {
      path: '/agent-risk',
      title: 'Agent risk',
      icon: <SecurityIcon />,
      routeRef: routes.root,
      loader: () =>
        import('./components/AgentRiskRouter').then(m =>
          compatWrapper(<m.AgentRiskRouter />),
        ),
    },
  });

/**
 * The Risk tab on agent pages. Shown for the agent kinds of
 * `agentRisk.agents` unless `filter` is set in `app.extensions`.
 *
 * @alpha
 */
export const agentRiskEntityContent: OverridableExtensionDefinition =
  EntityContentBlueprint.makeWithOverrides({
    factory(originalFactory, { apis }) {
      return originalFactory({
        path: 'risk',
        title: 'Risk',
        routeRef: routes.entityContent,
        filter: agentFilter(apis),
        loader: () =>
          import('./components/RiskTab').then(m =>
            compatWrapper(<m.AgentRiskTab />),
          ),
      });
    },
  });

/**
 * The overview card on agent pages. Shown for the agent kinds of
 * `agentRisk.agents` unless `filter` is set in `app.extensions`.
 *
 * @alpha
 */
export const agentRiskEntityCard: OverridableExtensionDefinition =
  EntityCardBlueprint.makeWithOverrides({
    factory(originalFactory, { apis }) {
      return originalFactory({
        filter: agentFilter(apis),
        loader: () =>
          import('./components/RiskCard').then(m =>
            compatWrapper(<m.AgentRiskCard />),
          ),
      });
    },
  });

/** The group card: the group's agents, riskiest first. @alpha */
export const agentRiskGroupEntityCard: OverridableExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'group',
    params: {
      filter: { kind: 'group' },
      loader: () =>
        import('./components/GroupRiskCard').then(m =>
          compatWrapper(<m.GroupAgentRiskCard />),
        ),
    },
  });

/**
 * The card of component, API, resource and system pages: the agents that
 * can act on the entity through the catalog's relations. @alpha
 */
export const agentRiskReachedByEntityCard: OverridableExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'reached-by',
    params: {
      filter: { kind: { $in: ['component', 'api', 'resource', 'system'] } },
      loader: () =>
        import('./components/Reach').then(m =>
          compatWrapper(<m.ReachedByCard />),
        ),
    },
  });

/**
 * The MCP tools card on API pages of MCP servers (spec.type mcp-server). @alpha
 */
export const agentRiskMcpToolsEntityCard: OverridableExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'mcp-tools',
    params: {
      filter: { kind: 'api', 'spec.type': 'mcp-server' },
      loader: () =>
        import('./components/McpTools').then(m =>
          compatWrapper(<m.EntityMcpToolsCard />),
        ),
    },
  });

/**
 * The Agent Risk plugin for the new frontend system.
 *
 * The extension types are widened on purpose: their inferred types name
 * `@backstage/filter-predicates`, which may resolve to two copies in one
 * install, and declaration files must not depend on that.
 *
 * @alpha
 */
const agentRiskPlugin: OverridableFrontendPlugin = createFrontendPlugin({
  pluginId: AGENT_RISK_PLUGIN_ID,
  title: 'Agent risk',
  icon: <SecurityIcon />,
  routes,
  extensions: [
    agentRiskApi,
    agentRiskRankingPage,
    agentRiskEntityContent,
    agentRiskEntityCard,
    agentRiskGroupEntityCard,
    agentRiskReachedByEntityCard,
    agentRiskMcpToolsEntityCard,
  ],
});

export default agentRiskPlugin;
