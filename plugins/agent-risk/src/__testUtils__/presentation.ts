import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityPresentationApi } from '@backstage/plugin-catalog-react';

/**
 * An entity presentation API that knows these display names (by entity ref),
 * as the catalog's would from `spec.profile.displayName` or `metadata.title`;
 * the ref is the secondary title (the tooltip).
 */
export function displayNames(
  names: Record<string, string>,
): EntityPresentationApi {
  return {
    forEntity(entityOrRef) {
      const entityRef =
        typeof entityOrRef === 'string'
          ? stringifyEntityRef(parseEntityRef(entityOrRef))
          : stringifyEntityRef(entityOrRef);
      const snapshot = {
        entityRef,
        primaryTitle: names[entityRef] ?? entityRef,
        secondaryTitle: entityRef,
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}
