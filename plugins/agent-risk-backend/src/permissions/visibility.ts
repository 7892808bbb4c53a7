import { createHash } from 'crypto';
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import { AgentSelector } from '@agent-risk/plugin-agent-risk-common';
import { agentCatalogFilter } from '../catalog/agentCatalogFilter';

/**
 * Which agents a caller may see: all of them, none, or an explicit set of
 * lower-case entity refs. `fingerprint` names the set's contents, so read
 * models computed for one caller's set can be reused for anyone whose set is
 * the same.
 *
 * @public
 */
export type AgentVisibility =
  | { type: 'all' }
  | { type: 'none' }
  | { type: 'some'; refs: string[]; fingerprint: string };

type VisibleSet = { refs: string[]; fingerprint: string };

/** Whether the caller's view includes this (lower-case) agent ref. */
export function isVisible(visibility: AgentVisibility, ref: string): boolean {
  return (
    visibility.type === 'all' ||
    (visibility.type === 'some' && visibility.refs.includes(ref))
  );
}

/** Order-independent digest of a set of refs. */
export function visibleSetFingerprint(refs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const ref of [...refs].sort()) {
    hash.update(ref).update('\n');
  }
  return hash.digest('base64url');
}

/** @public */
export interface AgentVisibilityResolverOptions {
  permissions: PermissionsService;
  catalog: CatalogService;
  agentSelectors: readonly AgentSelector[];
  /** How long a caller's visible set is reused. */
  cacheTtlMs?: number;
  /**
   * Most refs cached over all callers: what bounds the cache's memory. The
   * oldest sets are dropped first; a set larger than this is not cached.
   */
  maxCachedRefs?: number;
  pageSize?: number;
}

const VISIBLE_REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** The cache key of a user or service caller; none for anyone else. */
export function principalKey(
  credentials: BackstageCredentials,
): string | undefined {
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
 *
 * @public
 */
export class AgentVisibilityResolver {
  /** Insertion order is age order: entries are re-inserted when renewed. */
  private readonly cache = new Map<
    string,
    { expiresAt: number; refs: Promise<VisibleSet>; size: number }
  >();
  /** Refs held by resolved cache entries. */
  private cachedRefs = 0;
  private readonly ttl: number;
  private readonly maxCachedRefs: number;
  private readonly pageSize: number;

  constructor(private readonly options: AgentVisibilityResolverOptions) {
    this.ttl = options.cacheTtlMs ?? 30_000;
    this.maxCachedRefs = options.maxCachedRefs ?? 200_000;
    this.pageSize = options.pageSize ?? 1000;
  }

  /**
   * The caller's visible agents. With `required`, the caller must also hold
   * that permission; without it, nothing is read from the catalog.
   */
  async resolve(
    credentials: BackstageCredentials,
    required?: BasicPermission,
  ): Promise<AgentVisibility> {
    // Both decisions in one request to the permission backend, as its
    // /authorize takes basic and resource permissions alike (a basic one is
    // answered ALLOW or DENY): one round trip and one token, not two.
    // authorizeConditional is typed for resource permissions only.
    const queries = [
      ...(required ? [{ permission: required }] : []),
      { permission: catalogEntityReadPermission },
    ] as unknown as QueryPermissionRequest[];
    const decisions = await this.options.permissions.authorizeConditional(
      queries,
      { credentials },
    );
    if (required && decisions[0]?.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${required.name}`);
    }
    const decision = decisions[decisions.length - 1];
    if (decision.result === AuthorizeResult.ALLOW) {
      return { type: 'all' };
    }
    if (decision.result === AuthorizeResult.DENY) {
      return { type: 'none' };
    }
    return { type: 'some', ...(await this.visibleRefs(credentials)) };
  }

  /** Forgets the caller's cached visible set. */
  forget(credentials: BackstageCredentials): void {
    const key = principalKey(credentials);
    if (key) {
      this.drop(key);
    }
  }

  private visibleRefs(credentials: BackstageCredentials): Promise<VisibleSet> {
    const key = principalKey(credentials);
    const now = Date.now();
    this.evictExpired(now);
    const cached = key ? this.cache.get(key) : undefined;
    if (cached) {
      return cached.refs;
    }
    const refs = this.fetchVisibleRefs(credentials);
    if (key) {
      const entry = { expiresAt: now + this.ttl, refs, size: 0 };
      this.cache.set(key, entry);
      refs.then(
        resolved => {
          if (this.cache.get(key) !== entry) {
            return; // replaced or forgotten meanwhile
          }
          if (resolved.refs.length > this.maxCachedRefs) {
            // Too large to cache at all: not worth everyone else's sets.
            this.drop(key);
            return;
          }
          entry.size = resolved.refs.length;
          this.cachedRefs += entry.size;
          this.evictToFit();
        },
        // A failed lookup must not be served from the cache.
        () => {
          if (this.cache.get(key) === entry) {
            this.drop(key);
          }
        },
      );
    }
    return refs;
  }

  private drop(key: string) {
    const entry = this.cache.get(key);
    if (entry) {
      this.cachedRefs -= entry.size;
      this.cache.delete(key);
    }
  }

  private evictExpired(now: number) {
    for (const [key, entry] of this.cache) {
      if (entry.expiresAt > now) {
        break; // the rest is younger
      }
      this.drop(key);
    }
  }

  /** Drops the oldest sets until the cached refs fit the bound. */
  private evictToFit() {
    for (const key of this.cache.keys()) {
      if (this.cachedRefs <= this.maxCachedRefs) {
        return;
      }
      this.drop(key);
    }
  }

  private async fetchVisibleRefs(
    credentials: BackstageCredentials,
  ): Promise<VisibleSet> {
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
    return { refs, fingerprint: visibleSetFingerprint(refs) };
  }
}
