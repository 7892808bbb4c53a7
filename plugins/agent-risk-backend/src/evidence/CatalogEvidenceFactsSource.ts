import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  A2A_ANNOTATIONS,
  AgentReach,
  AgentSelector,
  DEFAULT_AGENT_SELECTORS,
  EvidenceFacts,
  isAgentEntity,
  normalizeEntityRef,
  ReachedEntity,
  ServerToolInventory,
} from '@agent-risk/plugin-agent-risk-common';
import { readDeclaredSecuritySchemes } from '@agent-risk/plugin-agent-risk-common/import';
import {
  definedInventoryTool,
  isMcpServer,
  toolEntriesFromDefinition,
} from '../sync/mcpTools';
import { EvidenceFactsSource } from './EvidenceFactsSource';

/** Most `spec.dependsOn` entries read per agent, as the sync reads them. */
const MAX_DEPENDENCIES = 50;
/** Refs per catalog request. */
const REFS_PER_REQUEST = 500;
/** Longer refs name no entity (the catalog caps name lengths). */
const MAX_REF_LENGTH = 512;

const DEPENDENCY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.type',
  'spec.lifecycle',
  'spec.system',
  'spec.definition',
];

/**
 * Annotations that mark an agent read from an A2A agent card: the card's
 * own security annotations (spec 4's import), and discovery's (spec 8.1).
 */
const CARD_ANNOTATIONS = [
  A2A_ANNOTATIONS.securitySchemes,
  A2A_ANNOTATIONS.securityRequirements,
  'agent-risk.io/agent-card-url',
  'agent-risk.io/agent-card-sha256',
  'agent-risk.io/discovered-from',
];

/** The lower-case refs of an agent's `spec.dependsOn`, bounded. */
export function dependencyRefs(entity: Entity): string[] {
  const dependsOn: unknown = entity.spec?.dependsOn;
  if (!Array.isArray(dependsOn)) return [];
  const namespace = entity.metadata.namespace ?? 'default';
  const refs = dependsOn
    .slice(0, MAX_DEPENDENCIES)
    .map(ref => normalizeEntityRef(ref, 'component', namespace))
    .filter(
      (ref): ref is string => ref !== null && ref.length <= MAX_REF_LENGTH,
    )
    .map(ref => ref.toLocaleLowerCase('en-US'));
  return [...new Set(refs)];
}

/** Whether the entity comes from an A2A agent card. */
export function isFromAgentCard(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return CARD_ANNOTATIONS.some(key => annotations[key] !== undefined);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function inventoryOf(ref: string, entity: Entity): ServerToolInventory {
  const tools = toolEntriesFromDefinition(entity).map(definedInventoryTool);
  // Named in the catalog, never listed: no listing time.
  return { server: ref, listedAt: null, error: null, tools };
}

/**
 * The facts an agent's own entity and its direct dependencies give, as
 * the catalog holds them now: the resources it depends on and their type,
 * the tools its MCP servers name in their YAML definitions (a tool without
 * `readOnlyHint: true` may write, as MCP says), a one-hop reach (production
 * and agent dependencies) and its agent card's security schemes.
 * Dependencies are read with the plugin's own credentials, once per ref
 * per call.
 *
 * @public
 */
export class CatalogEvidenceFactsSource implements EvidenceFactsSource {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger?: LoggerService;
      agentSelectors?: readonly AgentSelector[];
    },
  ) {}

  async factsFor(
    agents: readonly Entity[],
  ): Promise<Map<string, Partial<EvidenceFacts>>> {
    const dependencies = await this.readDependencies(
      new Set(agents.flatMap(dependencyRefs)),
    );
    const selectors = this.deps.agentSelectors ?? DEFAULT_AGENT_SELECTORS;
    const result = new Map<string, Partial<EvidenceFacts>>();
    for (const agent of agents) {
      const ref = stringifyEntityRef(agent).toLocaleLowerCase('en-US');
      const resources: EvidenceFacts['dependsOnResources'] = [];
      const tools: ServerToolInventory[] = [];
      const entities: ReachedEntity[] = [];
      for (const target of dependencyRefs(agent)) {
        if (target === ref) continue;
        const entity = dependencies.get(target);
        if (!entity) continue; // missing, or not ours to read
        const kind = target.slice(0, target.indexOf(':'));
        const type = stringOrNull(entity.spec?.type);
        if (kind === 'resource') {
          resources.push({ entityRef: target, type });
        }
        if (isMcpServer(entity)) {
          tools.push(inventoryOf(target, entity));
        }
        entities.push({
          entityRef: target,
          kind,
          type,
          lifecycle: stringOrNull(entity.spec?.lifecycle),
          system: stringOrNull(entity.spec?.system)
            ? normalizeEntityRef(
                entity.spec?.system,
                'system',
                entity.metadata.namespace ?? 'default',
              )
            : null,
          path: [target],
        });
      }
      const reach: AgentReach = {
        entities,
        bySystem: [],
        production: entities
          .filter(e => e.lifecycle === 'production')
          .map(e => e.entityRef),
        agents: entities
          .filter(e => {
            const entity = dependencies.get(e.entityRef);
            return entity !== undefined && isAgentEntity(entity, selectors);
          })
          .map(e => e.entityRef),
        hidden: 0,
      };
      result.set(ref, {
        reach,
        tools,
        dependsOnResources: resources,
        securitySchemes: readDeclaredSecuritySchemes(
          agent.metadata.annotations,
        ),
        isA2aCard: isFromAgentCard(agent),
      });
    }
    return result;
  }

  private async readDependencies(
    refs: ReadonlySet<string>,
  ): Promise<Map<string, Entity>> {
    const found = new Map<string, Entity>();
    const wanted = [...refs];
    if (wanted.length === 0) return found;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    for (let i = 0; i < wanted.length; i += REFS_PER_REQUEST) {
      const chunk = wanted.slice(i, i + REFS_PER_REQUEST);
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: chunk, fields: DEPENDENCY_FIELDS },
        { credentials },
      );
      chunk.forEach((ref, index) => {
        const entity = items[index];
        if (entity) found.set(ref, entity);
      });
    }
    return found;
  }
}
