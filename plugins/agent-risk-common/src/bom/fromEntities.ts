import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  AgentSelector,
  ScoreOptions,
} from '@agent-risk/plugin-agent-risk-common';
import { isAgentEntity } from '../domain/agents';
import { isRegistryEntity } from '../domain/registry';
import { parseReviewedAt, REVIEWED_AT_ANNOTATION } from '../domain/review';
import { scoreAnnotations } from '../domain/scoring';
import { scoreSsvc } from '../domain/ssvc';
import {
  AgentBomAgent,
  AgentBomInput,
  AgentBomLink,
  AgentBomMcpServer,
  AgentBomOwner,
  AgentBomSource,
} from './model';

/** Spec section 8: where a discovered agent's card and an MCP server's endpoint are named. */
const AGENT_CARD_URL_ANNOTATION = 'agent-risk.io/agent-card-url';
const DISCOVERED_FROM_ANNOTATION = 'agent-risk.io/discovered-from';
const AGENT_CARD_SIGNATURE_ANNOTATION = 'agent-risk.io/agent-card-signature';

/**
 * The annotation that names an MCP server's endpoint when the entity has no
 * `spec.remotes` (spec section 8.2).
 *
 * @public
 */
export const MCP_ENDPOINT_ANNOTATION = 'agent-risk.io/mcp-endpoint';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const textList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];

function stringAnnotations(entity: Entity): Record<string, string> {
  const annotations: unknown = entity.metadata?.annotations;
  if (!isObject(annotations)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(annotations).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

const namespaceOf = (entity: Entity) =>
  text(entity.metadata?.namespace) ?? 'default';

/** A relation target as a full ref, or undefined when it is not a ref. */
function fullRef(
  value: unknown,
  entity: Entity,
  defaultKind?: string,
): string | undefined {
  const ref = text(value);
  if (!ref) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind,
        defaultNamespace: namespaceOf(entity),
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Whether an entity is an MCP server: an `API` with `spec.type: mcp-server`.
 *
 * @public
 */
export function isMcpServerEntity(entity: Entity): boolean {
  return (
    String(entity.kind ?? '').toLocaleLowerCase('en-US') === 'api' &&
    entity.spec?.type === 'mcp-server'
  );
}

/**
 * An MCP server's endpoints: the `url` of each `spec.remotes` entry (the
 * upstream AI model), else the `agent-risk.io/mcp-endpoint` annotation.
 * Unchecked: the BOM keeps http(s) URLs only.
 *
 * @public
 */
export function mcpServerEndpoints(entity: Entity): string[] {
  const remotes = entity.spec?.remotes;
  const urls = Array.isArray(remotes)
    ? remotes.flatMap(remote =>
        isObject(remote) && text(remote.url) ? [String(remote.url)] : [],
      )
    : [];
  if (urls.length > 0) {
    return urls;
  }
  const annotated = text(stringAnnotations(entity)[MCP_ENDPOINT_ANNOTATION]);
  return annotated ? [annotated] : [];
}

function linksOf(entity: Entity): AgentBomLink[] {
  const links: unknown = entity.metadata?.links;
  if (!Array.isArray(links)) {
    return [];
  }
  return links.flatMap(link =>
    isObject(link) && text(link.url)
      ? [
          {
            url: String(link.url),
            title: text(link.title),
            type: text(link.type),
          },
        ]
      : [],
  );
}

function ownerOf(
  entity: Entity,
  displayNames: ReadonlyMap<string, string>,
): AgentBomOwner | undefined {
  const entityRef = fullRef(entity.spec?.owner, entity, 'group');
  if (!entityRef) {
    return undefined;
  }
  const displayName = displayNames.get(entityRef.toLocaleLowerCase('en-US'));
  return displayName ? { entityRef, displayName } : { entityRef };
}

/** Groups and users by ref, to the name people know them by. */
function ownerDisplayNames(entities: Entity[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entity of entities) {
    const kind = String(entity.kind ?? '').toLocaleLowerCase('en-US');
    if ((kind !== 'group' && kind !== 'user') || !text(entity.metadata?.name)) {
      continue;
    }
    const profile = entity.spec?.profile;
    const name =
      (isObject(profile) ? text(profile.displayName) : undefined) ??
      text(entity.metadata.title);
    if (name) {
      names.set(stringifyEntityRef(entity).toLocaleLowerCase('en-US'), name);
    }
  }
  return names;
}

/**
 * Options of {@link agentBomInputFromEntities}.
 *
 * @public
 */
export interface AgentBomEntityOptions extends ScoreOptions {
  /** Which entities are agents; the spec's default two when absent. */
  agentSelectors?: readonly AgentSelector[];
  /** An MCP server's tools, when the caller knows them. */
  toolsOf?: (entity: Entity) => string[] | undefined;
}

function agentFromEntity(
  entity: Entity,
  displayNames: ReadonlyMap<string, string>,
  options: AgentBomEntityOptions,
): AgentBomAgent {
  const annotations = stringAnnotations(entity);
  const aivss = scoreAnnotations(annotations, options);
  const ssvc = scoreSsvc(annotations);
  const spec = entity.spec ?? {};
  const discoveredFrom = text(annotations[DISCOVERED_FROM_ANNOTATION]);
  let source: AgentBomSource = 'catalog';
  if (isRegistryEntity(entity)) {
    source = 'registry';
  } else if (discoveredFrom) {
    source = 'discovered';
  }
  return {
    entityRef: stringifyEntityRef(entity),
    title: text(entity.metadata.title),
    description: text(entity.metadata.description),
    owner: ownerOf(entity, displayNames),
    lifecycle: text(spec.lifecycle),
    system: fullRef(spec.system, entity, 'system'),
    tags: textList(entity.metadata.tags),
    links: linksOf(entity),
    source,
    agentCardUrl:
      text(annotations[AGENT_CARD_URL_ANNOTATION]) ?? discoveredFrom,
    agentCardSignature: text(annotations[AGENT_CARD_SIGNATURE_ANNOTATION]),
    aivss: {
      status: aivss.status,
      model: aivss.model,
      score: aivss.score,
      severity: aivss.severity,
      cvssAssumed: aivss.cvssAssumed,
    },
    ssvc:
      ssvc.status === 'none'
        ? null
        : { status: ssvc.status, outcome: ssvc.outcome },
    reviewedAt: parseReviewedAt(annotations[REVIEWED_AT_ANNOTATION]),
    dependsOn: [
      ...textList(spec.dependsOn).map(ref => fullRef(ref, entity)),
      ...textList(spec.consumesApis).map(ref => fullRef(ref, entity, 'api')),
    ].filter((ref): ref is string => ref !== undefined),
  };
}

function serverFromEntity(
  entity: Entity,
  displayNames: ReadonlyMap<string, string>,
  options: AgentBomEntityOptions,
): AgentBomMcpServer {
  return {
    entityRef: stringifyEntityRef(entity),
    title: text(entity.metadata.title),
    description: text(entity.metadata.description),
    owner: ownerOf(entity, displayNames),
    lifecycle: text(entity.spec?.lifecycle),
    system: fullRef(entity.spec?.system, entity, 'system'),
    endpoints: mcpServerEndpoints(entity),
    tools: options.toolsOf?.(entity),
  };
}

/**
 * The BOM input of a set of catalog entities: every agent, scored with the
 * same code as everywhere else (an agent whose assessment is malformed is
 * listed with status `invalid`), every MCP server, and owners' display
 * names from the groups and users among them. Entities without a name are
 * skipped. Risk acceptance lives in the backend, so none is set here.
 *
 * @public
 */
export function agentBomInputFromEntities(
  entities: Entity[],
  options: AgentBomEntityOptions = {},
): AgentBomInput {
  const named = entities.filter(e => text(e.metadata?.name));
  const displayNames = ownerDisplayNames(named);
  return {
    agents: named
      .filter(e => isAgentEntity(e, options.agentSelectors))
      .map(e => agentFromEntity(e, displayNames, options)),
    mcpServers: named
      .filter(isMcpServerEntity)
      .map(e => serverFromEntity(e, displayNames, options)),
  };
}
