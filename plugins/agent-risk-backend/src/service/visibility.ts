import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AgentSelector } from '@agent-risk/plugin-agent-risk-common';
import { agentCatalogFilter } from './agentCatalogFilter';

/**
 * Which agents a caller may see: all of them, none, or an explicit set of
 * lower-case entity refs.
 */
export type AgentVisibility =
  | { type: 'all' }
  | { type: 'none' }
  | { type: 'some'; refs: string[] };

export interface AgentVisibilityResolverOptions {
  permissions: PermissionsService;
  catalog: CatalogService;
  agentSelectors: readonly AgentSelector[];
  /** How long a caller's visible set is reused. */
  cacheTtlMs?: number;
  /** Most callers cached at once; the oldest entry is dropped first. */
  maxCacheEntries?: number;
  pageSize?: number;
}

const VISIBLE_REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}

/**
 * Applies the catalog's read rules to agent risk data. The permission
 * framework answers ALLOW (fast path, no filter), DENY (nothing), or
 * CONDITIONAL; for the last we ask the catalog, with the caller's own
 * credentials, which agents it returns to them, and cache that set briefly.
 */
export class AgentVisibilityResolver {
  private readonly cache = new Map<
    string,
    { expiresAt: number; refs: Promise<string[]> }
  >();
  private readonly ttl: number;
  private readonly maxEntries: number;
  private readonly pageSize: number;

  constructor(private readonly options: AgentVisibilityResolverOptions) {
    this.ttl = options.cacheTtlMs ?? 30_000;
    this.maxEntries = options.maxCacheEntries ?? 1000;
    this.pageSize = options.pageSize ?? 1000;
  }

  async resolve(credentials: BackstageCredentials): Promise<AgentVisibility> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return { type: 'all' };
    }
    if (decision.result === AuthorizeResult.DENY) {
      return { type: 'none' };
    }
    return { type: 'some', refs: await this.visibleRefs(credentials) };
  }

  private visibleRefs(credentials: BackstageCredentials): Promise<string[]> {
    const key = principalKey(credentials);
    const now = Date.now();
    const cached = key ? this.cache.get(key) : undefined;
    if (cached && cached.expiresAt > now) {
      return cached.refs;
    }
    const refs = this.fetchVisibleRefs(credentials);
    if (key) {
      this.cache.delete(key);
      if (this.cache.size >= this.maxEntries) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) {
          this.cache.delete(oldest);
        }
      }
      this.cache.set(key, { expiresAt: now + this.ttl, refs });
      // A failed lookup must not be served from the cache.
      refs.catch(() => this.cache.delete(key));
    }
    return refs;
  }

  private async fetchVisibleRefs(
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const refs: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: this.pageSize, fields: VISIBLE_REF_FIELDS }
          : {
              filter: agentCatalogFilter(this.options.agentSelectors),
              limit: this.pageSize,
              fields: VISIBLE_REF_FIELDS,
            },
        { credentials },
      );
      for (const entity of response.items) {
        refs.push(stringifyEntityRef(entity));
      }
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    return refs;
  }
}
