import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityFilterQuery } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { durationToMilliseconds } from '@backstage/types';
import {
  AuditChange,
  InventoryTool,
  McpServersDiscoveryResponse,
  McpServerToolsResponse,
  ServerToolInventory,
  toolMayDestroy,
  toolMayWrite,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskDatabase } from '../database/AgentRiskDatabase';
import { NewAuditEntry } from '../database/audit/AuditStore';
import {
  ListedTool,
  StoredTool,
  ToolChange,
} from '../database/mcpTools/McpToolStore';
import { HostPattern } from '../fetch/hostPatterns';
import { parseAllowList } from '../fetch/listingFetch';
import type { DetailToolInventory } from '../queries/AgentRiskService';
import { AgentRiskBackendOptions } from '../options';
import {
  definedInventoryTool,
  toolEntriesFromDefinition,
} from '../sync/mcpTools';
import { listMcpTools, ListingResult } from './McpToolLister';
import { mcpEndpointOf } from './toolListing';

/** The actor of the audit entries a tool change appends. */
export const MCP_INVENTORY_ACTOR = 'agent-risk:mcp-inventory';
/** Longest before/after text of one audited change. */
const MAX_AUDIT_TEXT = 500;
/** Most changes one audit entry lists (the reason counts them all). */
const MAX_AUDIT_CHANGES = 200;
const DEPENDENT_RELATIONS = ['dependencyOf', 'apiConsumedBy'];
/** The same relations seen from the agent's side. */
const FORWARD_RELATIONS = ['dependsOn', 'consumesApi'];

/**
 * The figures of one run.
 *
 * @public
 */
export interface McpInventoryRunResult {
  servers: number;
  listed: number;
  failed: number;
  notAllowed: number;
  /** Servers whose stored tools changed. */
  changed: number;
  /** Tool changes over all servers. */
  toolChanges: number;
}

/**
 * What the inventory is built from.
 *
 * @public
 */
export interface McpInventoryDeps {
  catalog: CatalogService;
  auth: AuthService;
  database: Pick<AgentRiskDatabase, 'mcpTools' | 'scores' | 'registry'>;
  logger: LoggerService;
  options: Pick<AgentRiskBackendOptions, 'fetch' | 'discovery'>;
  /** Lists one server; default the MCP client over Streamable HTTP. */
  lister?: typeof listMcpTools;
  now?: () => Date;
}

const cut = (text: string | null, max = MAX_AUDIT_TEXT) =>
  text === null || text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** "tool X's description changed" and the like. */
export function describeChange(change: ToolChange): string {
  switch (change.what) {
    case 'added':
      return `tool ${change.tool} appeared`;
    case 'removed':
      return `tool ${change.tool} disappeared`;
    case 'schema':
      return `tool ${change.tool}'s input schema changed`;
    case 'annotations':
      return `tool ${change.tool}'s behaviour hints changed`;
    default:
      return `tool ${change.tool}'s ${change.what} changed`;
  }
}

export function toInventoryTool(
  tool:
    | StoredTool
    | (ListedTool & { firstSeenAt: string; changedAt: string | null }),
): InventoryTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    annotations: tool.annotations,
    firstSeenAt: tool.firstSeenAt,
    changedAt: tool.changedAt,
    mayWrite: toolMayWrite(tool),
    mayDestroy: toolMayDestroy(tool),
  };
}

/**
 * The MCP tool inventory (spec 8.2): lists every MCP server in the catalog
 * whose endpoint is known, with bounded concurrency, stores what changed,
 * and audits each change on every agent that depends on the server. A
 * failure keeps the last good listing; a run that changes nothing writes
 * nothing but the run's own time. Beside each server's state it keeps the
 * tools its YAML definition names, which a server never listed shows.
 *
 * @public
 */
export class McpInventory {
  private readonly allow: HostPattern[];
  private readonly lister: typeof listMcpTools;
  private readonly now: () => Date;

  constructor(private readonly deps: McpInventoryDeps) {
    this.allow = parseAllowList(deps.options.fetch.allow);
    this.lister = deps.lister ?? listMcpTools;
    this.now = deps.now ?? (() => new Date());
  }

  /** Every entity the filter selects, page by page, read with the plugin's own credentials. */
  private async queryAll(
    filter: EntityFilterQuery,
    fields: string[],
  ): Promise<Entity[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.catalog.queryEntities(
        cursor ? { cursor, limit: 500 } : { filter, fields, limit: 500 },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return entities;
  }

  /** Every MCP server entity of the catalog, with the relations naming its dependents. */
  private serverEntities(): Promise<Entity[]> {
    return this.queryAll({ kind: 'API', 'spec.type': 'mcp-server' }, [
      'kind',
      'metadata',
      'spec',
      'relations',
    ]);
  }

  async run(signal?: AbortSignal): Promise<McpInventoryRunResult> {
    const startedAt = this.now().toISOString();
    const servers = await this.serverEntities();
    const { concurrency } = this.deps.options.discovery.mcpServers;
    const result: McpInventoryRunResult = {
      servers: servers.length,
      listed: 0,
      failed: 0,
      notAllowed: 0,
      changed: 0,
      toolChanges: 0,
    };
    let next = 0;
    const worker = async () => {
      while (next < servers.length && !signal?.aborted) {
        const entity = servers[next++];
        try {
          await this.inventory(entity, result, signal);
        } catch (error) {
          // A store error on one server never stops the others.
          result.failed += 1;
          this.deps.logger.warn(
            `MCP tool inventory: could not store ${stringifyEntityRef(
              entity,
            )}: ${error}`,
          );
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, servers.length) }, worker),
    );
    await this.deps.database.mcpTools.recordRun({
      startedAt,
      finishedAt: this.now().toISOString(),
      servers: result.servers,
      failed: result.failed + result.notAllowed,
    });
    return result;
  }

  private async inventory(
    entity: Entity,
    result: McpInventoryRunResult,
    signal?: AbortSignal,
  ) {
    const serverRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const endpoint = mcpEndpointOf(entity) ?? null;
    // Kept whatever the outcome: a server never listed shows these instead.
    const definedTools = toolEntriesFromDefinition(entity);
    const store = this.deps.database.mcpTools;
    if (endpoint === null) {
      result.failed += 1;
      await store.storeFailure({
        serverRef,
        endpoint,
        definedTools,
        at: this.now().toISOString(),
        outcome: 'no-endpoint',
        error:
          'No endpoint known: no spec.remotes entry of type streamable-http and no agent-risk.io/mcp-endpoint annotation',
      });
      return;
    }
    const { mcpServers } = this.deps.options.discovery;
    const listing: ListingResult = await this.lister({
      endpoint,
      allow: this.allow,
      headers: mcpServers.headers[serverRef],
      timeoutMs: durationToMilliseconds(mcpServers.timeout),
      maxBytes: mcpServers.maxBytes,
      signal,
    });
    const at = this.now().toISOString();
    if (listing.outcome !== 'listed') {
      if (listing.outcome === 'not-allowed') {
        result.notAllowed += 1;
      } else {
        result.failed += 1;
      }
      await store.storeFailure({
        serverRef,
        endpoint,
        definedTools,
        at,
        outcome: listing.outcome,
        error: listing.error,
      });
      return;
    }
    result.listed += 1;
    const dependents = await this.dependentAgents(entity);
    const changes = await store.storeListing(
      { serverRef, endpoint, at, tools: listing.tools, definedTools },
      toolChanges => this.auditEntries(serverRef, dependents, toolChanges, at),
    );
    if (changes.length > 0) {
      result.changed += 1;
      result.toolChanges += changes.length;
    }
  }

  /**
   * The agents that depend on the server (dependsOn, consumesApi) and are in
   * the plugin's store, with their registrations. Read both ways: the
   * server's own reverse relations, and the entities whose forward
   * relation names it (a reverse relation can lag behind the catalog's
   * stitching, and then a change would be audited on nobody).
   */
  private async dependentAgents(
    entity: Entity,
  ): Promise<Array<{ entityRef: string; registrationId: string | null }>> {
    const serverRef = stringifyEntityRef(entity);
    const dependents = (
      await this.queryAll(
        FORWARD_RELATIONS.map(type => ({ [`relations.${type}`]: serverRef })),
        ['kind', 'metadata.namespace', 'metadata.name'],
      )
    ).map(e => stringifyEntityRef(e));
    const refs = [
      ...new Set(
        [
          ...(entity.relations ?? [])
            .filter(relation => DEPENDENT_RELATIONS.includes(relation.type))
            .map(relation => relation.targetRef),
          ...dependents,
        ].map(ref => ref.toLocaleLowerCase('en-US')),
      ),
    ];
    if (refs.length === 0) {
      return [];
    }
    const agents = await this.deps.database.scores.existingRefs(refs);
    const registered = new Map(
      (await this.deps.database.registry.getMany(agents)).map(agent => [
        agent.entityRef,
        agent.registrationId,
      ]),
    );
    return agents.map(entityRef => ({
      entityRef,
      registrationId: registered.get(entityRef) ?? null,
    }));
  }

  private auditEntries(
    serverRef: string,
    dependents: Array<{ entityRef: string; registrationId: string | null }>,
    changes: ToolChange[],
    at: string,
  ): NewAuditEntry[] {
    const said = changes.map(describeChange);
    const reason = cut(
      `Tools of ${serverRef} changed: ${said.join('; ')}`,
      1000,
    )!;
    const auditChanges: AuditChange[] = changes
      .slice(0, MAX_AUDIT_CHANGES)
      .map(change => ({
        field: `tools.${serverRef}.${change.tool}.${change.what}`,
        before: cut(change.before),
        after: cut(change.after),
      }));
    return dependents.map(agent => ({
      entityRef: agent.entityRef,
      at,
      actor: MCP_INVENTORY_ACTOR,
      action: 'tool-change',
      reason,
      changes: auditChanges,
      registrationId: agent.registrationId,
    }));
  }

  /**
   * `GET /mcp-servers/:namespace/:name/tools`: a 404 when the caller may not
   * read the server's entity in the catalog, or it is not an MCP server.
   */
  async serverTools(
    serverRef: string,
    credentials: BackstageCredentials,
  ): Promise<McpServerToolsResponse> {
    const ref = serverRef.toLocaleLowerCase('en-US');
    const entity = await this.deps.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity || entity.spec?.type !== 'mcp-server') {
      throw new NotFoundError(`No MCP server ${ref}`);
    }
    const [inventory] = await this.forServers([ref]);
    return {
      listedAt: inventory.listedAt,
      error: inventory.error,
      tools: inventory.tools,
    };
  }

  /**
   * Each server's current tools (not those removed), in the order given; a
   * server never listed has those its YAML definition names, with
   * `listedAt` null and why it was not listed.
   */
  async forServers(
    serverRefs: readonly string[],
  ): Promise<ServerToolInventory[]> {
    return (await this.read(serverRefs)).inventories;
  }

  /**
   * What an agent's detail shows of its servers, from one read of their
   * tools: the current ones, and when the first tool change after `since`
   * happened (appeared, changed or disappeared), which makes a review due.
   */
  async forDetail(
    serverRefs: readonly string[],
    since: string | null,
  ): Promise<DetailToolInventory> {
    const { inventories, tools } = await this.read(serverRefs);
    return {
      inventories,
      firstChangeSince: since === null ? undefined : firstChange(tools, since),
    };
  }

  private async read(serverRefs: readonly string[]): Promise<{
    inventories: ServerToolInventory[];
    tools: Map<string, StoredTool[]>;
  }> {
    if (serverRefs.length === 0) {
      return { inventories: [], tools: new Map() };
    }
    const store = this.deps.database.mcpTools;
    const [states, tools] = await Promise.all([
      store.servers(serverRefs),
      store.tools(serverRefs),
    ]);
    const byRef = new Map(states.map(state => [state.serverRef, state]));
    const inventories = serverRefs.map(server => {
      const state = byRef.get(server);
      const listedAt = state?.listedAt ?? null;
      return {
        server,
        listedAt,
        error: state
          ? state.error
          : 'Not listed yet: the tool inventory has not reached this server',
        // A listing, once taken, always wins over what the catalog claims.
        tools:
          listedAt === null
            ? (state?.definedTools ?? []).map(definedInventoryTool)
            : (tools.get(server) ?? [])
                .filter(tool => tool.removedAt === null)
                .map(toInventoryTool),
      };
    });
    return { inventories, tools };
  }

  /** `GET /discovery/mcp-servers`: the servers whose entities the caller may read. */
  async discovery(
    credentials: BackstageCredentials,
  ): Promise<McpServersDiscoveryResponse> {
    const store = this.deps.database.mcpTools;
    const [lastRun, servers] = await Promise.all([
      store.lastRun(),
      store.servers(),
    ]);
    const visible = new Set<string>();
    for (let i = 0; i < servers.length; i += 500) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: servers.slice(i, i + 500).map(s => s.serverRef),
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      for (const item of items) {
        if (item) {
          visible.add(stringifyEntityRef(item).toLocaleLowerCase('en-US'));
        }
      }
    }
    return {
      lastRun: lastRun ?? null,
      servers: servers
        .filter(state => visible.has(state.serverRef))
        .map(state => ({
          server: state.serverRef,
          endpoint: state.endpoint,
          outcome: state.outcome,
          outcomeAt: state.outcomeAt,
          error: state.error,
          toolCount: state.toolCount,
          listedAt: state.listedAt,
        })),
    };
  }
}

/** The earliest tool change (appeared, changed or removed) after `since`. */
function firstChange(
  tools: ReadonlyMap<string, readonly StoredTool[]>,
  since: string,
): string | undefined {
  let first: string | undefined;
  for (const list of tools.values()) {
    for (const tool of list) {
      for (const at of [tool.changedAt, tool.removedAt]) {
        if (at !== null && at > since && (first === undefined || at < first)) {
          first = at;
        }
      }
    }
  }
  return first;
}
