import { performance } from 'perf_hooks';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AgentReach,
  AgentSelector,
  isAgentEntity,
  ReachedByResponse,
  ReachedEntity,
  ScoreStatus,
  SystemExposure,
} from '@agent-risk/plugin-agent-risk-common';
import { ReachStore, ReachWrite } from '../database/reach/ReachStore';
import { AgentVisibility } from '../permissions/visibility';
import { ReadableRefs } from '../permissions/ReadableRefs';
import { PromiseLru } from '../queries/PromiseLru';
import {
  nodeHash,
  REACH_ENTITY_FIELDS,
  REACH_KINDS,
  ReachNode,
  toAgentReach,
  toReachNode,
  walkReach,
} from './reachGraph';

/**
 * What the evidence rules (spec 9.2) read of reach: every agent's reach as
 * computed for everyone (no caller's visibility applied, `hidden` 0), and
 * how many agents reach an entity.
 *
 * @public
 */
export interface ReachReader {
  /** The stored reach of these agents, by lower-case ref; agents without one are absent. */
  reachOf(agentRefs: readonly string[]): Promise<Map<string, AgentReach>>;
  /** How many agents reach each of these entities (0 when none), by lower-case ref. */
  reachedByAgentCount(
    entityRefs: readonly string[],
  ): Promise<Map<string, number>>;
}

/**
 * What one reach step of the sync did.
 *
 * @public
 */
export interface ReachSyncReport {
  /** Entities on the reach graph (agents, components, APIs, resources, systems). */
  entities: number;
  /** Of those, new or changed since the last sync. */
  changed: number;
  /** Entities that left the catalog. */
  removed: number;
  /** Agents whose reach was computed again. */
  recomputed: number;
  /** Agents whose reach was dropped because they left the catalog. */
  agentsRemoved: number;
  seconds: number;
  /** Why removals were skipped, when they were. */
  sweepSkipped?: string;
}

/** @public */
export interface ReachServiceOptions {
  catalog: CatalogService;
  store: ReachStore;
  logger: LoggerService;
  agentSelectors: readonly AgentSelector[];
  /** `agentRisk.reach.depth`. */
  depth: number;
  /** Entities per catalog page. */
  pageSize: number;
  now?: () => Date;
  /** The catalog's read decisions per caller; by default asked of `catalog` and kept 30 s. */
  readable?: ReadableRefs;
}

/** The most systems the exposure view lists. */
const EXPOSURE_LIMIT = 50;
/** How long one caller's exposure is reused (the sync runs every few minutes). */
const EXPOSURE_TTL_MS = 30_000;

/**
 * Reach on the catalog graph (spec 9.1). The sync step reads the graph's
 * entities in pages with only the fields reach needs, compares each
 * entity's hash with the stored one, and walks again only from the agents
 * whose reach holds a changed, new or removed entity (the reverse index
 * keeps missing targets too, so an entity that appears is found) and from
 * agents without a stored reach or one computed to another depth.
 *
 * Reads apply the caller's catalog visibility: an entity the caller may not
 * read, or reached only through one, is counted in `hidden` and never named.
 * When the caller may read every entity nothing is asked of the catalog;
 * otherwise one batched `getEntitiesByRefs` with the caller's credentials
 * decides, and its answers are kept per caller as long as the caller's
 * visible set (ReadableRefs).
 *
 * @public
 */
export class ReachService implements ReachReader {
  private readonly exposureCache = new PromiseLru<SystemExposure[]>(200);

  private readonly readable: ReadableRefs;

  constructor(private readonly deps: ReachServiceOptions) {
    this.readable =
      deps.readable ?? new ReadableRefs({ catalog: deps.catalog });
  }

  /**
   * Recomputes one agent's reach now (a refresh of the agent): walks out
   * from it to the depth, reading each level's entities from the catalog in
   * one batch, and stores what the sync would store for it. Entities of
   * kinds the sync does not read count as missing, as there. The entity
   * hashes are left to the sync, which walks again from whatever changed.
   * Returns whether a reach was stored (false when it is not an agent).
   */
  async recomputeAgent(
    agentRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const { catalog, store, agentSelectors, depth } = this.deps;
    const start = agentRef.toLocaleLowerCase('en-US');
    const kinds = this.graphKinds();
    const graph = new Map<string, ReachNode>();
    const asked = new Set<string>();
    let frontier = [start];
    // Nodes up to the depth: the walk reads the last level's nodes too.
    for (let d = 0; d <= depth && frontier.length > 0; d++) {
      frontier.forEach(ref => asked.add(ref));
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: frontier, fields: REACH_ENTITY_FIELDS },
        { credentials },
      );
      const next = new Set<string>();
      for (const entity of items) {
        if (!entity || !kinds.has(entity.kind.toLocaleLowerCase('en-US'))) {
          continue;
        }
        const node = toReachNode(entity, agentSelectors);
        graph.set(node.ref, node);
        const edges =
          node.ref === start ? node.uses : [...node.uses, ...node.belongs];
        edges.filter(ref => !asked.has(ref)).forEach(ref => next.add(ref));
      }
      frontier = [...next];
    }
    if (!graph.get(start)?.isAgent) {
      return false;
    }
    await store.writeReach(
      [{ agentRef: start, depth, ...walkReach(start, graph, depth) }],
      this.now().toISOString(),
    );
    return true;
  }

  /** Brings the stored reach in line with the catalog; run by the sync. */
  async sync(
    credentials: BackstageCredentials,
    signal?: AbortSignal,
  ): Promise<ReachSyncReport> {
    const { catalog, store, agentSelectors, depth, pageSize } = this.deps;
    const started = performance.now();
    const graph = new Map<string, ReachNode>();
    const kinds = [...this.graphKinds()];
    let cursor: string | undefined;
    do {
      if (signal?.aborted) {
        throw new Error('Agent risk reach sync aborted');
      }
      const response = await catalog.queryEntities(
        cursor
          ? { cursor, limit: pageSize, fields: REACH_ENTITY_FIELDS }
          : {
              filter: { kind: kinds },
              limit: pageSize,
              fields: REACH_ENTITY_FIELDS,
            },
        { credentials },
      );
      for (const entity of response.items) {
        const node = toReachNode(entity, agentSelectors);
        graph.set(node.ref, node);
      }
      cursor = response.pageInfo.nextCursor;
    } while (cursor);

    const storedHashes = await store.nodeHashes();
    const hashes = new Map<string, string>();
    const changed: string[] = [];
    for (const [ref, node] of graph) {
      const hash = nodeHash(node);
      hashes.set(ref, hash);
      if (storedHashes.get(ref) !== hash) {
        changed.push(ref);
      }
    }
    let removed = [...storedHashes.keys()].filter(ref => !graph.has(ref));
    const report: ReachSyncReport = {
      entities: graph.size,
      changed: changed.length,
      removed: 0,
      recomputed: 0,
      agentsRemoved: 0,
      seconds: 0,
    };
    if (graph.size === 0 && removed.length > 0) {
      // An empty catalog is an access problem more often than a departure.
      report.sweepSkipped = `Agent risk reach: the catalog returned no entities, so the reach of ${removed.length} stored entities was kept`;
      removed = [];
    }

    const agents = [...graph.values()].filter(n => n.isAgent).map(n => n.ref);
    const depths = await store.reachDepths();
    const affected = new Set<string>(
      await store.agentsOn([...changed, ...removed]),
    );
    for (const ref of agents) {
      if (
        depths.get(ref) !== depth ||
        storedHashes.get(ref) !== hashes.get(ref)
      ) {
        affected.add(ref);
      }
    }
    const recompute = [...affected].filter(ref => graph.get(ref)?.isAgent);
    const writes: ReachWrite[] = recompute.map(agentRef => ({
      agentRef,
      depth,
      ...walkReach(agentRef, graph, depth),
    }));
    await store.writeReach(writes, this.now().toISOString());
    report.recomputed = writes.length;

    if (!report.sweepSkipped) {
      const gone = [...depths.keys()].filter(ref => !graph.get(ref)?.isAgent);
      await store.deleteReach(gone);
      report.agentsRemoved = gone.length;
      report.removed = removed.length;
    }
    // Hashes last: a run that failed before here walks again next time.
    await store.writeNodes(
      changed.map(ref => ({ entityRef: ref, hash: hashes.get(ref)! })),
      removed,
    );
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }

  async reachOf(
    agentRefs: readonly string[],
  ): Promise<Map<string, AgentReach>> {
    const stored = await this.deps.store.getReach(
      agentRefs.map(r => r.toLocaleLowerCase('en-US')),
    );
    const out = new Map<string, AgentReach>();
    for (const [ref, reach] of stored) {
      out.set(ref, toAgentReach(reach.entities, 0, this.isAgent));
    }
    return out;
  }

  reachedByAgentCount(
    entityRefs: readonly string[],
  ): Promise<Map<string, number>> {
    return this.deps.store.reachedByCount(
      entityRefs.map(r => r.toLocaleLowerCase('en-US')),
    );
  }

  /**
   * An agent's reach as the caller may see it; null when not computed yet.
   * Without credentials only a caller who may read every entity sees
   * names: everyone else sees counts.
   */
  async reachFor(
    agentRef: string,
    visibility: AgentVisibility,
    credentials?: BackstageCredentials,
  ): Promise<AgentReach | null> {
    const ref = agentRef.toLocaleLowerCase('en-US');
    const stored = (await this.deps.store.getReach([ref])).get(ref);
    if (!stored) {
      return null;
    }
    const refs = stored.entities.flatMap(e =>
      e.system ? [e.entityRef, e.system] : [e.entityRef],
    );
    const unreadable = await this.unreadable(refs, visibility, credentials);
    const shown: ReachedEntity[] = [];
    for (const entity of stored.entities) {
      if (
        unreadable.has(entity.entityRef) ||
        entity.path.some(step => unreadable.has(step))
      ) {
        continue;
      }
      shown.push(
        entity.system && unreadable.has(entity.system)
          ? { ...entity, system: null }
          : entity,
      );
    }
    return toAgentReach(
      shown,
      stored.entities.length - shown.length,
      this.isAgent,
    );
  }

  /** The agents in view that reach an entity the caller may read, riskiest first. */
  async reachedBy(
    entityRef: string,
    limit: number,
    visibility: AgentVisibility,
    credentials: BackstageCredentials,
  ): Promise<ReachedByResponse> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    if ((await this.unreadable([ref], visibility, credentials)).has(ref)) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (visibility.type === 'none') {
      return { entityRef: ref, totalCount: 0, items: [], hidden: 0 };
    }
    const found = await this.deps.store.reachedBy(ref, {
      visibleRefs: visibility.type === 'some' ? visibility.refs : undefined,
      limit,
    });
    const reaches = await this.deps.store.getReach(
      found.items.map(i => i.agentRef),
    );
    const paths = new Map<string, string[]>();
    for (const item of found.items) {
      const reached = reaches
        .get(item.agentRef)
        ?.entities.find(e => e.entityRef === ref);
      if (reached) {
        paths.set(item.agentRef, reached.path);
      }
    }
    const unreadable = await this.unreadable(
      [...new Set([...paths.values()].flat())],
      visibility,
      credentials,
    );
    const items = found.items.flatMap(item => {
      const path = paths.get(item.agentRef);
      if (!path || path.some(step => unreadable.has(step))) {
        return [];
      }
      return [
        {
          entityRef: item.agentRef,
          title: item.title,
          score: item.score,
          severity: item.severity,
          status: item.status as ScoreStatus,
          path,
        },
      ];
    });
    return {
      entityRef: ref,
      totalCount: found.totalCount,
      items,
      hidden: found.items.length - items.length,
    };
  }

  /** The systems the caller may read that Critical or High agents in view reach. */
  async exposure(
    visibility: AgentVisibility,
    credentials?: BackstageCredentials,
  ): Promise<SystemExposure[]> {
    if (visibility.type === 'none') {
      return [];
    }
    const key = `${Math.floor(Date.now() / EXPOSURE_TTL_MS)}:${
      visibility.type === 'all' ? 'all' : visibility.fingerprint
    }`;
    const rows = await this.exposureCache.get(key, () =>
      this.deps.store.exposure({
        visibleRefs: visibility.type === 'some' ? visibility.refs : undefined,
        limit: EXPOSURE_LIMIT,
      }),
    );
    const unreadable = await this.unreadable(
      rows.map(r => r.system),
      visibility,
      credentials,
    );
    return rows.filter(r => !unreadable.has(r.system));
  }

  /**
   * Of these refs, those the caller may not read. A caller who may read
   * every catalog entity costs nothing; without credentials, every ref counts
   * as unreadable.
   */
  private async unreadable(
    refs: readonly string[],
    visibility: AgentVisibility,
    credentials?: BackstageCredentials,
  ): Promise<Set<string>> {
    if (visibility.type === 'all' || refs.length === 0) {
      return new Set();
    }
    if (visibility.type === 'none' || !credentials) {
      return new Set(refs);
    }
    return this.readable.unreadable(refs, credentials);
  }

  /** The (lower-case) kinds on the graph: reach's own and the agents'. */
  private graphKinds(): Set<string> {
    return new Set([
      ...REACH_KINDS,
      ...this.deps.agentSelectors.map(s => s.kind.toLocaleLowerCase('en-US')),
    ]);
  }

  private readonly isAgent = (entity: ReachedEntity) =>
    isAgentEntity(
      {
        kind: entity.kind,
        spec: { type: entity.type ?? undefined },
      } as unknown as Entity,
      this.deps.agentSelectors,
    );

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }
}
