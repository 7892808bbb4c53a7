import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RelatedEntities } from './toScoreWrite';
import { isMcpServer, toolsFromDefinition } from './mcpTools';

/** Refs per catalog request. */
const REFS_PER_REQUEST = 500;
/**
 * Longer refs name no entity (the catalog caps kind, namespace and name
 * lengths), so they are not sent.
 */
const MAX_REF_LENGTH = 512;

const DISPLAY_NAME_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.profile.displayName',
  // MCP servers: their tools, for the free text and the search index
  'spec.type',
  'spec.definition',
];

interface Known {
  name: string | null;
  /** Tool names when the entity is an MCP server. */
  tools?: string[];
}

function knownOf(entity: Entity | undefined): Known {
  if (!entity) {
    return { name: null };
  }
  return {
    name: displayNameOf(entity),
    tools: isMcpServer(entity) ? toolsFromDefinition(entity) : undefined,
  };
}

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
 * Resolves owner, system and MCP server refs to display names (and MCP
 * servers to their tools), a few hundred refs per
 * catalog request, remembering every answer (also "none") for its lifetime:
 * one instance per sync, so each owner is looked up once per run.
 */
export class DisplayNameResolver {
  /** By lower-case ref; a null name when the entity is missing or has none. */
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly credentials: BackstageCredentials,
    private readonly logger?: LoggerService,
  ) {}

  /** Display names of the given refs that have one, and tools of those that are MCP servers. */
  async resolve(refs: Iterable<string>): Promise<RelatedEntities> {
    const wanted = [
      ...new Set([...refs].map(r => r.toLocaleLowerCase('en-US'))),
    ];
    const unknown = wanted.filter(ref => !this.known.has(ref));
    for (const ref of unknown) {
      if (ref.length > MAX_REF_LENGTH) {
        this.known.set(ref, { name: null });
      }
    }
    const toAsk = unknown.filter(ref => ref.length <= MAX_REF_LENGTH);
    for (let i = 0; i < toAsk.length; i += REFS_PER_REQUEST) {
      const chunk = toAsk.slice(i, i + REFS_PER_REQUEST);
      let items: Array<Entity | undefined>;
      try {
        ({ items } = await this.catalog.getEntitiesByRefs(
          { entityRefs: chunk, fields: DISPLAY_NAME_FIELDS },
          { credentials: this.credentials },
        ));
      } catch (error) {
        // Display names are a nicety: scores are written without them (and
        // get them at the next sync) rather than not at all.
        this.logger?.warn(
          `Agent risk: could not read ${chunk.length} owner/system display names from the catalog: ${error}`,
        );
        continue;
      }
      chunk.forEach((ref, index) => {
        const entity = items[index];
        this.known.set(ref, knownOf(entity));
      });
      // Also key by the ref the catalog answered with, in case of case differences.
      for (const entity of items) {
        if (entity) {
          this.known.set(
            stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
            knownOf(entity),
          );
        }
      }
    }
    const displayNames = new Map<string, string>();
    const mcpTools = new Map<string, string[]>();
    for (const ref of wanted) {
      const known = this.known.get(ref);
      if (known?.name) {
        displayNames.set(ref, known.name);
      }
      if (known?.tools) {
        mcpTools.set(ref, known.tools);
      }
    }
    return { displayNames, mcpTools };
  }
}
