import { CatalogApi } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';

/**
 * Waits until the catalog serves a just-registered entity (the entity
 * provider hears of registry changes at once; the catalog then processes
 * it, usually within a second or two), so the page it leads to does not
 * open on "not found". Asks by filter, which answers an empty list rather
 * than a 404 while the entity is on its way. Resolves false when it did not
 * arrive in time or `signal` aborted (the person left the page).
 */
export async function waitForCatalog(
  catalogApi: Pick<CatalogApi, 'getEntities'>,
  entityRef: string,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    signal?: AbortSignal;
  } = {},
): Promise<boolean> {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (options.signal?.aborted) {
      return false;
    }
    const { items } = await catalogApi.getEntities({
      filter: { kind, 'metadata.namespace': namespace, 'metadata.name': name },
      fields: ['metadata.name'],
    });
    if (items.length > 0) {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await new Promise(resolve =>
      setTimeout(resolve, options.intervalMs ?? 1_000),
    );
  }
}
