import { useCallback, useState } from 'react';
import { Entity } from '@backstage/catalog-model';
import { savedEntity } from './assessment';

/** Whether two copies of a catalog entity are the same version of it. */
const sameVersion = (a: Entity, b: Entity) =>
  a.metadata.etag !== undefined ? a.metadata.etag === b.metadata.etag : a === b;

/**
 * The agent's entity as it stands after the owner's last save. The catalog
 * takes the registry's change seconds later (and the page keeps the entity
 * it loaded): until the catalog's copy changes, the entity sent stands in
 * for it, so the tab shows the saved inputs and a second save starts from
 * the first one instead of undoing it.
 */
export function useSavedEntity(entity: Entity) {
  const [saved, setSaved] = useState<{ over: Entity; entity: Entity }>();
  const onSaved = useCallback(
    (sent: Entity) =>
      setSaved(previous => {
        const current =
          previous && sameVersion(previous.over, entity)
            ? previous.entity
            : entity;
        return { over: entity, entity: savedEntity(current, sent) };
      }),
    [entity],
  );
  return {
    entity: saved && sameVersion(saved.over, entity) ? saved.entity : entity,
    onSaved,
  };
}
