import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_MEMBER,
  RELATION_PARENT_OF,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** @public */
export interface GroupTreeResolverOptions {
  catalog: CatalogService;
  auth: AuthService;
  /** How long a resolved tree is reused. */
  cacheTtlMs?: number;
  /** Groups visited per owner at most: a guard against huge or cyclic org data. */
  maxGroups?: number;
}

const TREE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'relations',
];

/**
 * Expands owners along the org chart: a group stands for itself, its
 * sub-groups (`parentOf`, at any depth) and the members of each
 * (`hasMember`). Read with the plugin's own credentials, since the tree
 * only decides which agents count; which agents a caller may read is still
 * decided per caller. Trees are cached briefly, as org data changes slowly.
 *
 * @public
 */
export class GroupTreeResolver {
  private readonly cache = new Map<
    string,
    { expiresAt: number; refs: Promise<string[]> }
  >();
  private readonly ttl: number;
  private readonly maxGroups: number;

  constructor(private readonly options: GroupTreeResolverOptions) {
    this.ttl = options.cacheTtlMs ?? 60_000;
    this.maxGroups = options.maxGroups ?? 5_000;
  }

  /** The owners plus, for each group among them, its sub-groups and members (lower-case refs). */
  async expand(owners: readonly string[]): Promise<string[]> {
    const expanded = new Set<string>();
    for (const trees of await Promise.all(owners.map(o => this.tree(o)))) {
      trees.forEach(ref => expanded.add(ref));
    }
    return [...expanded];
  }

  private tree(owner: string): Promise<string[]> {
    const now = Date.now();
    const cached = this.cache.get(owner);
    if (cached && cached.expiresAt > now) {
      return cached.refs;
    }
    const refs = this.walk(owner);
    this.cache.set(owner, { expiresAt: now + this.ttl, refs });
    // A failed lookup must not be served from the cache.
    refs.catch(() => this.cache.delete(owner));
    return refs;
  }

  private async walk(root: string): Promise<string[]> {
    const seen = new Set<string>([root]);
    if (!root.startsWith('group:')) {
      return [root];
    }
    const credentials = await this.options.auth.getOwnServiceCredentials();
    let groups = [root];
    let visited = 0;
    while (groups.length > 0 && visited < this.maxGroups) {
      visited += groups.length;
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: groups, fields: TREE_FIELDS },
        { credentials },
      );
      const next: string[] = [];
      for (const group of items.filter((e): e is Entity => Boolean(e))) {
        for (const relation of group.relations ?? []) {
          if (
            relation.type !== RELATION_PARENT_OF &&
            relation.type !== RELATION_HAS_MEMBER
          ) {
            continue;
          }
          const ref = relation.targetRef.toLocaleLowerCase('en-US');
          if (seen.has(ref)) {
            continue; // cycles in org data end here
          }
          seen.add(ref);
          if (ref.startsWith('group:')) {
            next.push(ref);
          }
        }
      }
      groups = next;
    }
    return [...seen];
  }
}
