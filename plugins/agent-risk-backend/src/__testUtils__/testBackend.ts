import { Knex } from 'knex';
import { createServiceFactory } from '@backstage/backend-plugin-api';
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
import { JsonObject } from '@backstage/types';
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
}

function permissionsMock(policy: TestPolicy) {
  const decide = (permission: Permission, resourceRef?: string) => {
    if (permission.name === 'agent-risk.agent.create') {
      return policy.agentCreate ?? true;
    }
    if (permission.name === 'agent-risk.agent.update') {
      const allowed = policy.agentUpdate ?? true;
      return typeof allowed === 'boolean'
        ? allowed
        : allowed.includes(String(resourceRef));
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
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          'permission' in r && decide(r.permission, (r as any).resourceRef)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as any,
    authorizeConditional: async requests =>
      requests.map(() => {
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

export async function startAgentRiskTestBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  entities: Entity[];
  config?: JsonObject;
  /** Top-level config beside `agentRisk`, e.g. `backend.reading.allow`. */
  rootConfig?: JsonObject;
  policy?: TestPolicy;
  /** An existing database, e.g. one a stopped backend used: a restart. */
  knex?: Knex;
}): Promise<AgentRiskTestBackend> {
  const knex =
    options.knex ?? (await options.databases.init(options.databaseId));
  const catalog = new FakeCatalog(options.entities);
  const actions = actionsRegistryServiceMock();
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
      mockServices.rootConfig.factory({
        data: {
          ...(options.rootConfig ?? {}),
          agentRisk: {
            sync: { pageSize: 3 },
            refresh: { catalogWait: { seconds: 2 } },
            ...(options.config ?? {}),
          },
        },
      }),
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      permissionsMock(options.policy ?? {}).factory,
      catalog.service.factory,
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => actions,
      }),
    ],
  });
  return { server, knex, catalog, actions, agentWrites };
}

/** Authorization header of a signed-in user. */
export const userAuth = (ref = 'user:default/guest') =>
  mockCredentials.user.header(ref);
