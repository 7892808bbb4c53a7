/**
 * Agent Risk for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
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
import { AGENT_RISK_PLUGIN_ID } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef, AgentRiskClient } from './api';
import { isAgentRiskAvailable } from './isAgentRiskAvailable';
import { entityContentRouteRef, rootRouteRef } from './routes';

export { agentRiskTranslationRef } from './translation';

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  entityContent: entityContentRouteRef,
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

/** @alpha */
export const agentRiskRankingPage: OverridableExtensionDefinition =
  PageBlueprint.make({
    params: {
      path: '/agent-risk',
      title: 'Agent risk',
      routeRef: routes.root,
      loader: () =>
        import('./components/RankingPage').then(m =>
          compatWrapper(<m.AgentRiskRankingPage />),
        ),
    },
  });

/** @alpha */
export const agentRiskEntityContent: OverridableExtensionDefinition =
  EntityContentBlueprint.make({
    params: {
      path: 'risk',
      title: 'Risk',
      routeRef: routes.entityContent,
      filter: isAgentRiskAvailable,
      loader: () =>
        import('./components/RiskTab').then(m =>
          compatWrapper(<m.AgentRiskTab />),
        ),
    },
  });

/** @alpha */
export const agentRiskEntityCard: OverridableExtensionDefinition =
  EntityCardBlueprint.make({
    params: {
      filter: isAgentRiskAvailable,
      loader: () =>
        import('./components/RiskCard').then(m =>
          compatWrapper(<m.AgentRiskCard />),
        ),
    },
  });

/** @alpha */
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
  routes,
  extensions: [
    agentRiskApi,
    agentRiskRankingPage,
    agentRiskEntityContent,
    agentRiskEntityCard,
    agentRiskGroupEntityCard,
  ],
});

export default agentRiskPlugin;
