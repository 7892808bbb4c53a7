import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';

/** An entity as a picker offers it: shown by its title, stored as its ref. */
export interface EntityOption {
  ref: string;
  title: string;
}

/** Only what a picker shows: the catalog sends nothing else. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
];

function toOption(entity: Entity): EntityOption {
  return {
    ref: stringifyEntityRef(entity),
    title: entity.metadata.title || entity.metadata.name,
  };
}

function byTitle(a: EntityOption, b: EntityOption): number {
  return a.title.localeCompare(b.title, 'en-US') || a.ref.localeCompare(b.ref);
}

/**
 * The register page's entity choices from the catalog: owners (groups and
 * users), systems, and tools (MCP-server APIs).
 */
export function useCatalogOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const list = async (filter: Record<string, string>[]) =>
      (await catalogApi.getEntities({ filter, fields: FIELDS })).items
        .map(toOption)
        .sort(byTitle);
    const [owners, systems, tools] = await Promise.all([
      list([{ kind: 'Group' }, { kind: 'User' }]),
      list([{ kind: 'System' }]),
      list([{ kind: 'API', 'spec.type': 'mcp-server' }]),
    ]);
    return { owners, systems, tools };
  }, [catalogApi]);
}
