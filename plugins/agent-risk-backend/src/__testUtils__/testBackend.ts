import { Knex } from 'knex';
import supertest from 'supertest';
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { JsonObject } from '@backstage/types';
import { AGENT_RISK_PLUGIN_ID } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskPlugin } from '../plugin';

/**
 * A catalog whose content tests can change between syncs, that can fail on
 * a later page, and that can hide entities from users (what a conditional
 * catalog read policy does).
 */
export class FakeCatalog {
  entities: Entity[];
  /** Fail every paged (cursor) request: a sync that breaks half way. */
  failAfterFirstPage = false;
  /** Entity refs users may not read; services read everything. */
  hiddenFromUsers = new Set<string>();
  /**
   * Runs when someone asks the catalog to refresh an entity: what the
   * catalog's processing would do, e.g. pick up an edit made at the source.
   */
  onRefresh?: (entityRef: string) => void;

  constructor(entities: Entity[]) {
    this.entities = entities;
  }

  private view(credentials: any) {
    const isUser = credentials?.principal?.type === 'user';
    return catalogServiceMock({
      entities: this.entities.filter(
        e => !isUser || !this.hiddenFromUsers.has(stringifyEntityRef(e)),
      ),
    });
  }

  readonly service = catalogServiceMock.mock({
    queryEntities: async (request, options) => {
      if (request && 'cursor' in request && this.failAfterFirstPage) {
        throw new Error('catalog unavailable');
      }
      return this.view((options as any)?.credentials).queryEntities(request);
    },
    getEntityByRef: async (ref, options) =>
      this.view((options as any)?.credentials).getEntityByRef(ref),
    getEntitiesByRefs: async (request, options) =>
      this.view((options as any)?.credentials).getEntitiesByRefs(request),
    refreshEntity: async entityRef => {
      this.onRefresh?.(entityRef);
    },
  });
}

export type CatalogReadPolicy = 'allow' | 'deny' | 'conditional';

/** A permission policy: which of our permissions are granted, and what the catalog read rule answers. */
export interface TestPolicy {
  read?: boolean;
  refresh?: boolean;
  sync?: boolean;
  /** `agent-risk.agent.create`. */
  agentCreate?: boolean;
  /** `agent-risk.agent.update`: allowed on these (lower-case) entity refs only, or on all when true. */
  agentUpdate?: boolean | string[];
  catalogRead?: CatalogReadPolicy;
  /** `agent-risk.acceptance.request`: on these refs only, or on all when true (default). */
  acceptanceRequest?: boolean | string[];
  /** `agent-risk.acceptance.approve`: for these user refs only, or for all when true (default). */
  acceptanceApprovers?: boolean | string[];
  /** `agent-risk.agent.assign` (default true): name any owner on an agent. */
  agentAssign?: boolean;
  /** `agent-risk.audit.history` (default false): earlier registrations' trails. */
  auditHistory?: boolean;
}

function permissionsMock(policy: TestPolicy) {
  const decide = (
    permission: Permission,
    resourceRef: string | undefined,
    user: string | undefined,
  ) => {
    if (permission.name === 'agent-risk.acceptance.request') {
      const allowed = policy.acceptanceRequest ?? true;
      return typeof allowed === 'boolean'
        ? allowed
        : allowed.includes(String(resourceRef));
    }
    if (permission.name === 'agent-risk.acceptance.approve') {
      const allowed = policy.acceptanceApprovers ?? true;
      return typeof allowed === 'boolean'
        ? allowed
        : allowed.includes(String(user));
    }
    if (permission.name === 'agent-risk.agent.create') {
      return policy.agentCreate ?? true;
    }
    if (permission.name === 'agent-risk.agent.update') {
      const allowed = policy.agentUpdate ?? true;
      return typeof allowed === 'boolean'
        ? allowed
        : allowed.includes(String(resourceRef));
    }
    if (permission.name === 'agent-risk.agent.assign') {
      return policy.agentAssign ?? true;
    }
    if (permission.name === 'agent-risk.audit.history') {
      return policy.auditHistory ?? false;
    }
    if (permission.name === 'agent-risk.read') {
      return policy.read ?? true;
    }
    if (permission.name === 'agent-risk.refresh') {
      return policy.refresh ?? true;
    }
    if (permission.name === 'agent-risk.sync') {
      return policy.sync ?? true;
    }
    return true;
  };
  const answer = (
    permission: Permission,
    resourceRef: string | undefined,
    options?: { credentials?: { principal: unknown } },
  ) => ({
    result: decide(
      permission,
      resourceRef,
      (options?.credentials?.principal as any)?.userEntityRef,
    )
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  });
  return mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(r =>
        'permission' in r
          ? answer(r.permission, (r as any).resourceRef, options)
          : { result: AuthorizeResult.DENY },
      ) as any,
    // Basic permissions may come along (the read check asks for
    // agent-risk.read and the catalog decision in one request).
    authorizeConditional: async (requests, options) =>
      requests.map(r => {
        if ((r.permission as Permission).type === 'basic') {
          return answer(r.permission, undefined, options);
        }
        switch (policy.catalogRead ?? 'allow') {
          case 'deny':
            return { result: AuthorizeResult.DENY };
          case 'conditional':
            return {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: { claims: ['group:default/ai-platform'] },
              },
            };
          default:
            return { result: AuthorizeResult.ALLOW };
        }
      }) as any,
  });
}

export interface AgentRiskTestBackend {
  server: any;
  knex: Knex;
  catalog: FakeCatalog;
  actions: ReturnType<typeof actionsRegistryServiceMock>;
  /** SQL statements that changed agent rows or history since the last reset. */
  agentWrites: string[];
}

export interface AgentRiskTestBackendOptions {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  entities: Entity[];
  /** `agentRisk.*` settings. */
  config?: JsonObject;
  /** Top-level config beside `agentRisk`, e.g. `backend.actions`. */
  rootConfig?: JsonObject;
  policy?: TestPolicy;
  /** An existing database, e.g. one a stopped backend used: a restart. */
  knex?: Knex;
  /** More plugins to run beside agent-risk, each with a database of its own. */
  features?: BackendFeature[];
  /** The groups each user (entity ref) is a member of: their ownership refs besides themselves. */
  memberships?: Record<string, string[]>;
}

export async function startAgentRiskTestBackend(
  options: AgentRiskTestBackendOptions,
): Promise<AgentRiskTestBackend> {
  const actions = actionsRegistryServiceMock();
  const started = await startBackend(options, [
    createServiceFactory({
      service: actionsRegistryServiceRef,
      deps: {},
      factory: () => actions,
    }),
  ]);
  return { ...started, actions };
}

export interface AgentRiskMcpTestBackend
  extends Omit<AgentRiskTestBackend, 'actions'> {
  /** The MCP actions backend's Streamable HTTP endpoint. */
  mcpUrl: URL;
}

/**
 * The agent-risk plugin behind the real actions registry and actions service
 * (startTestBackend's defaults) and the MCP actions backend plugin, as the
 * example backend wires them: what an MCP client reaches over HTTP.
 */
export async function startAgentRiskMcpTestBackend(
  options: AgentRiskTestBackendOptions,
): Promise<AgentRiskMcpTestBackend> {
  const started = await startBackend(options, [mcpActionsPlugin], {
    // The actions service lists only the plugins named here.
    backend: { actions: { pluginSources: [AGENT_RISK_PLUGIN_ID] } },
  });
  return {
    ...started,
    mcpUrl: new URL(
      `http://localhost:${started.server.port()}/api/mcp-actions/v1`,
    ),
  };
}

async function startBackend(
  options: AgentRiskTestBackendOptions,
  features: BackendFeature[],
  rootConfig: JsonObject = {},
): Promise<Omit<AgentRiskTestBackend, 'actions'>> {
  const knex =
    options.knex ?? (await options.databases.init(options.databaseId));
  const catalog = new FakeCatalog(options.entities);
  const agentWrites: string[] = [];
  knex.on('query', (q: { sql: string }) => {
    if (
      /^\s*(insert|update|delete)/i.test(q.sql) &&
      /agent_risk_(scores|history)/.test(q.sql)
    ) {
      agentWrites.push(q.sql);
    }
  });
  const { server } = await startTestBackend({
    features: [
      agentRiskPlugin,
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          ...(options.rootConfig ?? {}),
          agentRisk: {
            sync: { pageSize: 3 },
            refresh: { catalogWait: { seconds: 2 } },
            ...(options.config ?? {}),
          },
          ...rootConfig,
        },
      }),
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: async ({ plugin }) => {
          // Other plugins get their own database, so migrations never mix.
          const client =
            plugin.getId() === 'agent-risk'
              ? knex
              : await options.databases.init(options.databaseId);
          return { getClient: async () => client };
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      permissionsMock(options.policy ?? {}).factory,
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials) {
            const principal = credentials.principal as {
              type: string;
              userEntityRef?: string;
            };
            if (principal.type !== 'user' || !principal.userEntityRef) {
              throw new Error('User info is for users only');
            }
            const user = principal.userEntityRef;
            return {
              userEntityRef: user,
              ownershipEntityRefs: [
                user,
                ...(options.memberships?.[user] ?? []),
              ],
            };
          },
        }),
      }),
      catalog.service.factory,
      ...features,
    ],
  });
  return { server, knex, catalog, agentWrites };
}

/** Authorization header of a signed-in user. */
export const userAuth = (ref = 'user:default/guest') =>
  mockCredentials.user.header(ref);

/**
 * Authorization header of another plugin's service token, as Backstage
 * issues it: subject `plugin:<pluginId>`, audience agent-risk.
 */
export const pluginAuth = (pluginId: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(`plugin:${pluginId}`),
    targetPluginId: AGENT_RISK_PLUGIN_ID,
  });

/** The catalog plugin's own service token: what the registry entity provider sends. */
export const catalogAuth = () => pluginAuth('catalog');

/**
 * Runs a sync through its route, as an operator would; the mock scheduler
 * runs the task before the route answers.
 */
export async function syncNow(backend: { server: any }): Promise<void> {
  await supertest(backend.server)
    .post('/api/agent-risk/sync')
    .set('Authorization', userAuth())
    .expect(202);
}
