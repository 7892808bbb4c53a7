import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Full lower-case ref of a relation target such as `spec.owner`, or null when absent or malformed. */
export function normalizeRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | null {
  if (typeof value !== 'string' || value.trim() === '') {
    return null;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), { defaultKind, defaultNamespace }),
    );
  } catch {
    return null;
  }
}
