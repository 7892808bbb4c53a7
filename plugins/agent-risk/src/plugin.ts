import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { AGENT_RISK_PLUGIN_ID } from '@agent-risk/plugin-agent-risk-common';
import type { AgentRiskSearchResultListItemProps } from './components/SearchResult';
import { agentRiskApiRef, AgentRiskClient } from './api';
import {
  entityContentRouteRef,
  registerRouteRef,
  rootRouteRef,
} from './routes';

/** @public */
export const agentRiskPlugin = createPlugin({
  id: AGENT_RISK_PLUGIN_ID,
  apis: [
    createApiFactory({
      api: agentRiskApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AgentRiskClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    register: registerRouteRef,
  },
});

/**
 * The org-wide ranking of agents by risk.
 *
 * @public
 */
export const AgentRiskPage: () => JSX.Element = agentRiskPlugin.provide(
  createRoutableExtension({
    name: 'AgentRiskPage',
    component: () =>
      import('./components/AgentRiskRouter').then(m => m.AgentRiskRouter),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Risk tab of an agent's entity page (mount it at the `/risk` sub-path).
 *
 * @public
 */
export const EntityAgentRiskContent: () => JSX.Element =
  agentRiskPlugin.provide(
    createRoutableExtension({
      name: 'EntityAgentRiskContent',
      component: () => import('./components/RiskTab').then(m => m.AgentRiskTab),
      mountPoint: entityContentRouteRef,
    }),
  );

/**
 * The overview card of an agent: score, band, status and top factors.
 *
 * @public
 */
export const EntityAgentRiskCard: () => JSX.Element = agentRiskPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentRiskCard',
    component: {
      lazy: () => import('./components/RiskCard').then(m => m.AgentRiskCard),
    },
  }),
);

/**
 * A Group page card: the group's agents, riskiest first.
 *
 * @public
 */
export const EntityGroupAgentRiskCard: () => JSX.Element =
  agentRiskPlugin.provide(
    createComponentExtension({
      name: 'EntityGroupAgentRiskCard',
      component: {
        lazy: () =>
          import('./components/GroupRiskCard').then(m => m.GroupAgentRiskCard),
      },
    }),
  );

/**
 * A card for component, API, resource and system pages: the agents that can
 * act on the entity through the catalog's relations, riskiest first, each
 * with its path ("3 agents can act on this; the riskiest is Codegen, 9.2
 * Critical").
 *
 * @public
 */
export const EntityReachedByCard: () => JSX.Element = agentRiskPlugin.provide(
  createComponentExtension({
    name: 'EntityReachedByCard',
    component: {
      lazy: () => import('./components/Reach').then(m => m.ReachedByCard),
    },
  }),
);

/**
 * The card for an MCP server's API entity page (spec.type mcp-server): the
 * tools Agent Risk's inventory last listed, those that may write or destroy
 * marked, and the agents that depend on the server.
 *
 * @public
 */
export const EntityMcpToolsCard: () => JSX.Element = agentRiskPlugin.provide(
  createComponentExtension({
    name: 'EntityMcpToolsCard',
    component: {
      lazy: () =>
        import('./components/McpTools').then(m => m.EntityMcpToolsCard),
    },
  }),
);

/**
 * A search result of type `agent-risk` (indexed by
 * `@agent-risk/plugin-search-backend-module-agent-risk`): the agent, its
 * severity and AIVSS score. Place it inside `<SearchResult>`.
 *
 * @public
 */
export const AgentRiskSearchResultListItem: (
  props: AgentRiskSearchResultListItemProps,
) => JSX.Element | null = agentRiskPlugin.provide(
  createSearchResultListItemExtension({
    name: 'AgentRiskSearchResultListItem',
    component: () =>
      import('./components/SearchResult').then(
        m => m.AgentRiskSearchResultListItem,
      ),
    predicate: result => result.type === 'agent-risk',
  }),
);
