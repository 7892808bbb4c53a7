import { CatalogApi } from '@backstage/plugin-catalog-react';

/** The catalog's longest entity name. */
const MAX_NAME_LENGTH = 63;
/** How many numbered names to try (name-2 … name-20). */
const TRIES = 20;

/**
 * The name itself when the catalog has no entity of this kind and name,
 * else the first free `name-2`, `name-3`, …: a prefill from a shipped
 * example names an agent the catalog already has. One catalog request; the
 * name itself when every candidate is taken (the Name field then says so).
 */
export async function freeEntityName(
  catalogApi: Pick<CatalogApi, 'getEntities'>,
  target: { kind: string; namespace: string; name: string },
): Promise<string> {
  const { kind, namespace, name } = target;
  const candidates = [name];
  for (let i = 2; i <= TRIES; i++) {
    const suffix = `-${i}`;
    const base = name
      .slice(0, MAX_NAME_LENGTH - suffix.length)
      .replace(/[-_.]+$/, '');
    candidates.push(`${base}${suffix}`);
  }
  const { items } = await catalogApi.getEntities({
    filter: {
      kind,
      'metadata.namespace': namespace,
      'metadata.name': candidates,
    },
    fields: ['metadata.name'],
  });
  const taken = new Set(
    items.map(e => e.metadata.name.toLocaleLowerCase('en-US')),
  );
  return candidates.find(c => !taken.has(c.toLocaleLowerCase('en-US'))) ?? name;
}
