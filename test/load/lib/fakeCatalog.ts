import {
  EntityFilterQuery,
  GetEntitiesByRefsRequest,
  GetEntitiesByRefsResponse,
  QueryEntitiesRequest,
  QueryEntitiesResponse,
} from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

type FilterRecord = Record<string, string | string[] | symbol>;

interface CursorState {
  filter?: EntityFilterQuery;
  offset: number;
}

const lower = (v: unknown) => String(v).toLocaleLowerCase('en-US');

function valueAt(entity: unknown, path: string): unknown {
  let current: any = entity;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = current[part];
  }
  return current;
}

/** The catalog's filter semantics: a list is OR, keys in a record are AND, values compare case-insensitively. */
function matches(entity: Entity, filter?: EntityFilterQuery): boolean {
  if (!filter) {
    return true;
  }
  const records = (Array.isArray(filter) ? filter : [filter]) as FilterRecord[];
  return records.some(record =>
    Object.entries(record).every(([key, expected]) => {
      const actual = valueAt(entity, key);
      if (actual === undefined) {
        return false;
      }
      if (typeof expected === 'symbol') {
        return true; // CATALOG_FILTER_EXISTS
      }
      const wanted = (Array.isArray(expected) ? expected : [expected]).map(
        lower,
      );
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some(v => wanted.includes(lower(v)));
    }),
  );
}

/** Keeps only the requested dotted field paths, as the catalog's `fields` does. */
function project(entity: Entity, fields?: string[]): Entity {
  if (!fields || fields.length === 0) {
    return entity;
  }
  const out: any = {};
  for (const field of fields) {
    const value = valueAt(entity, field);
    if (value === undefined) {
      continue;
    }
    const parts = field.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      target = target[part] ??= {};
    }
    target[parts[parts.length - 1]] = value;
  }
  return out as Entity;
}

const encodeCursor = (state: CursorState) =>
  Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
const decodeCursor = (cursor: string): CursorState =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

/**
 * An in-process stand-in for the catalog: `queryEntities` honours `filter`,
 * `fields`, `limit` and `cursor`, and every response goes through a JSON
 * round-trip so its cost resembles parsing a real HTTP response. What it
 * leaves out: the catalog's own database time and the network.
 */
export class FakeCatalog {
  /** Filtered entity lists per filter, so paging is not O(catalog) per page. */
  private readonly matchCache = new Map<string, Entity[]>();
  private readonly byRef = new Map<string, Entity>();
  /** Requests served, for the report. */
  requests = 0;

  constructor(private readonly entities: readonly Entity[]) {
    for (const entity of entities) {
      this.byRef.set(
        stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        entity,
      );
    }
  }

  async queryEntities(
    request: QueryEntitiesRequest = {},
  ): Promise<QueryEntitiesResponse> {
    this.requests += 1;
    const limit = request.limit ?? 20;
    const state: CursorState =
      'cursor' in request
        ? decodeCursor(request.cursor)
        : { filter: request.filter, offset: 0 };
    const matching = this.matching(state.filter);
    const items = matching
      .slice(state.offset, state.offset + limit)
      .map(e => project(e, request.fields));
    const nextOffset = state.offset + items.length;
    const response: QueryEntitiesResponse = {
      items,
      totalItems: matching.length,
      pageInfo:
        nextOffset < matching.length
          ? { nextCursor: encodeCursor({ ...state, offset: nextOffset }) }
          : {},
    };
    return JSON.parse(JSON.stringify(response));
  }

  async getEntityByRef(
    ref: string | CompoundEntityRef,
  ): Promise<Entity | undefined> {
    const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
    const entity = this.byRef.get(key.toLocaleLowerCase('en-US'));
    return entity ? JSON.parse(JSON.stringify(entity)) : undefined;
  }

  /** Owner and system display names, as the sync resolves them. */
  async getEntitiesByRefs(
    request: GetEntitiesByRefsRequest,
  ): Promise<GetEntitiesByRefsResponse> {
    this.requests += 1;
    const items = request.entityRefs.map(ref => {
      const entity = this.byRef.get(ref.toLocaleLowerCase('en-US'));
      return entity ? project(entity, request.fields) : undefined;
    });
    return JSON.parse(JSON.stringify({ items }));
  }

  /** This fake as the `CatalogService` the backend expects (only the methods it calls). */
  asService(): CatalogService {
    const service: Pick<
      CatalogService,
      'queryEntities' | 'getEntityByRef' | 'getEntitiesByRefs' | 'refreshEntity'
    > = {
      queryEntities: request => this.queryEntities(request),
      getEntityByRef: ref => this.getEntityByRef(ref),
      getEntitiesByRefs: request => this.getEntitiesByRefs(request),
      // Entities here never change at a source: nothing to re-read.
      refreshEntity: async () => {},
    };
    return service as CatalogService;
  }

  private matching(filter?: EntityFilterQuery): Entity[] {
    const key = JSON.stringify(filter ?? null);
    let list = this.matchCache.get(key);
    if (!list) {
      list = this.entities.filter(e => matches(e, filter));
      this.matchCache.set(key, list);
    }
    return list;
  }
}
