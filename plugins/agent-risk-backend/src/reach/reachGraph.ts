/*
 * Reach on the catalog graph (spec 9.1), as pure functions: the node the
 * sync keeps of each catalog entity, the walk from an agent, and the
 * grouping the detail serves.
 */
import { createHash } from 'crypto';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AgentReach,
  AgentSelector,
  isAgentEntity,
  ReachedEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { ReachIndexEntry } from '../database/reach/ReachStore';

/** The catalog kinds the reach graph holds, besides the agents' own. */
export const REACH_KINDS = ['component', 'api', 'resource', 'system'];

/** The only fields the sync reads of each entity for reach. */
export const REACH_ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.type',
  'spec.lifecycle',
  'relations',
];

/** What reach keeps of one catalog entity. */
export interface ReachNode {
  ref: string;
  kind: string;
  type: string | null;
  lifecycle: string | null;
  /** The system it is part of (its partOf relation to a system). */
  system: string | null;
  isAgent: boolean;
  /** dependsOn and consumesApi targets: what it uses. */
  uses: string[];
  /** apiProvidedBy (of an API) and partOf a system (of a component or resource). */
  belongs: string[];
}

const kindOf = (ref: string) => ref.slice(0, ref.indexOf(':'));
const str = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** The node of one entity read with REACH_ENTITY_FIELDS. */
export function toReachNode(
  entity: Entity,
  selectors: readonly AgentSelector[],
): ReachNode {
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const targets = (type: string) =>
    (entity.relations ?? [])
      .filter(r => r.type === type)
      .map(r => r.targetRef.toLocaleLowerCase('en-US'));
  const systems = targets('partOf').filter(t => kindOf(t) === 'system');
  const uses = [
    ...new Set([...targets('dependsOn'), ...targets('consumesApi')]),
  ]
    .filter(t => t !== ref)
    .sort();
  const belongs = [
    ...(kind === 'api' ? targets('apiProvidedBy') : []),
    ...(kind === 'component' || kind === 'resource' ? systems : []),
  ].sort();
  return {
    ref,
    kind,
    type: str(entity.spec?.type),
    lifecycle: str(entity.spec?.lifecycle),
    system: systems.sort()[0] ?? null,
    isAgent: isAgentEntity(entity, selectors),
    uses,
    belongs: [...new Set(belongs)],
  };
}

/** What identifies the reach-relevant state of a node. */
export function nodeHash(node: ReachNode): string {
  return createHash('sha256').update(JSON.stringify(node)).digest('hex');
}

/** An agent's reach as computed for everyone, and its reverse-index rows. */
export interface WalkResult {
  entities: ReachedEntity[];
  index: ReachIndexEntry[];
}

/**
 * Walks breadth first from an agent, `depth` relations deep: from the agent
 * only what it uses (dependsOn, consumesApi); from every entity reached, what
 * it uses and what it belongs to. Each entity keeps the first (so shortest)
 * path found; cycles end where an entity was already reached; a target the
 * catalog does not hold is indexed as missing and not walked further.
 */
export function walkReach(
  start: string,
  graph: ReadonlyMap<string, ReachNode>,
  depth: number,
): WalkResult {
  const parent = new Map<string, string | null>([[start, null]]);
  const distance = new Map<string, number>([[start, 0]]);
  const order: string[] = [];
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const ref of frontier) {
      const node = graph.get(ref);
      if (!node) {
        continue; // missing: nothing to follow
      }
      const edges = ref === start ? node.uses : [...node.uses, ...node.belongs];
      for (const target of edges) {
        if (!distance.has(target)) {
          distance.set(target, d + 1);
          parent.set(target, ref);
          order.push(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  const pathTo = (ref: string) => {
    const path: string[] = [];
    for (let at: string | null = ref; at && at !== start; ) {
      path.unshift(at);
      at = parent.get(at) ?? null;
    }
    return path;
  };
  const entities: ReachedEntity[] = [];
  const index: ReachIndexEntry[] = [];
  for (const ref of order) {
    const node = graph.get(ref);
    const system = node?.kind === 'system' ? ref : node?.system ?? null;
    index.push({
      entityRef: ref,
      distance: distance.get(ref)!,
      system,
      missing: !node,
    });
    if (node) {
      entities.push({
        entityRef: ref,
        kind: node.kind,
        type: node.type,
        lifecycle: node.lifecycle,
        system: node.system,
        path: pathTo(ref),
      });
    }
  }
  return { entities, index };
}

/** The served shape of a (visibility-filtered) list of reached entities. */
export function toAgentReach(
  entities: ReachedEntity[],
  hidden: number,
  isAgent: (entity: ReachedEntity) => boolean,
): AgentReach {
  const bySystem = new Map<string | null, string[]>();
  for (const e of entities) {
    const system = e.kind === 'system' ? e.entityRef : e.system;
    const list = bySystem.get(system) ?? [];
    list.push(e.entityRef);
    bySystem.set(system, list);
  }
  return {
    entities,
    bySystem: [...bySystem.entries()]
      .sort(([a], [b]) => {
        if (a === b) return 0;
        if (a === null) return 1;
        if (b === null) return -1;
        return a < b ? -1 : 1;
      })
      .map(([system, refs]) => ({ system, entities: refs })),
    production: entities
      .filter(e => e.lifecycle === 'production')
      .map(e => e.entityRef),
    agents: entities.filter(isAgent).map(e => e.entityRef),
    hidden,
  };
}
