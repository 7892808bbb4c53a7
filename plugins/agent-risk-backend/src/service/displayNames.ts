import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Refs per catalog request. */
const REFS_PER_REQUEST = 500;

const DISPLAY_NAME_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.profile.displayName',
];

/** What the catalog's own pages show for an entity: a profile's display name, else its title. */
function displayNameOf(entity: Entity): string | null {
  const profile = (entity.spec as { profile?: { displayName?: unknown } })
    ?.profile;
  for (const candidate of [profile?.displayName, entity.metadata.title]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') {
      return candidate.trim();
    }
  }
  return null;
}

/**
 * Resolves owner and system refs to display names, a few hundred refs per
 * catalog request, remembering every answer (also "none") for its lifetime:
 * one instance per sync, so each owner is looked up once per run.
 */
export class DisplayNameResolver {
  /** Lower-case ref to display name, or null when the entity is missing or has none. */
  private readonly known = new Map<string, string | null>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly credentials: BackstageCredentials,
  ) {}

  /** Display names of the given refs that have one, by lower-case ref. */
  async resolve(refs: Iterable<string>): Promise<Map<string, string>> {
    const wanted = [
      ...new Set([...refs].map(r => r.toLocaleLowerCase('en-US'))),
    ];
    const unknown = wanted.filter(ref => !this.known.has(ref));
    for (let i = 0; i < unknown.length; i += REFS_PER_REQUEST) {
      const chunk = unknown.slice(i, i + REFS_PER_REQUEST);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: chunk, fields: DISPLAY_NAME_FIELDS },
        { credentials: this.credentials },
      );
      chunk.forEach((ref, index) => {
        const entity = items[index];
        this.known.set(ref, entity ? displayNameOf(entity) : null);
      });
      // Also key by the ref the catalog answered with, in case of case differences.
      for (const entity of items) {
        if (entity) {
          this.known.set(
            stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
            displayNameOf(entity),
          );
        }
      }
    }
    const names = new Map<string, string>();
    for (const ref of wanted) {
      const name = this.known.get(ref);
      if (name) {
        names.set(ref, name);
      }
    }
    return names;
  }
}
