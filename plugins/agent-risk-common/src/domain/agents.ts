import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { scoreAnnotations, ScoreOptions, ScoreResult } from './scoring';
import { AgentAssessment } from './parse';

/**
 * One kind + spec.type pair that marks an entity as an agent.
 *
 * @public
 */
export interface AgentSelector {
  /** Entity kind, e.g. `AiResource`. */
  kind: string;
  /** `spec.type`, e.g. `agent`. */
  type: string;
}

/**
 * The default set (spec section 1), overridable with `agentRisk.agents`.
 *
 * @public
 */
export const DEFAULT_AGENT_SELECTORS: readonly AgentSelector[] = [
  { kind: 'AiResource', type: 'agent' },
  { kind: 'Component', type: 'ai-agent' },
];

/**
 * Whether an entity is an agent under the given selectors (kind and type compare case-insensitively).
 *
 * @public
 */
export function isAgentEntity(
  entity: Entity,
  selectors: readonly AgentSelector[] = DEFAULT_AGENT_SELECTORS,
): boolean {
  const kind = String(entity.kind ?? '').toLocaleLowerCase('en-US');
  const type = entity.spec?.type;
  if (typeof type !== 'string') {
    return false;
  }
  const lowerType = type.toLocaleLowerCase('en-US');
  return selectors.some(
    s =>
      s.kind.toLocaleLowerCase('en-US') === kind &&
      s.type.toLocaleLowerCase('en-US') === lowerType,
  );
}

/**
 * A scored agent entity: what `agent-risk score` prints per agent.
 *
 * @public
 */
export interface EntityScoreResult extends ScoreResult {
  /** The scored entity. */
  entityRef: string;
}

/**
 * Parses and scores one entity's annotations.
 *
 * @public
 */
export function scoreEntity(
  entity: Entity,
  options: ScoreOptions = {},
): EntityScoreResult & { assessment: AgentAssessment } {
  return {
    entityRef: stringifyEntityRef(entity),
    ...scoreAnnotations(entity.metadata?.annotations, options),
  };
}

/**
 * Full lower-case ref of a relation target such as `spec.owner`, or null when
 * absent or malformed.
 *
 * @public
 */
export function normalizeEntityRef(
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

/**
 * The entity fields the backend's sync reads from the catalog (an agent's
 * score and ranking row need nothing more), and the load tests with it.
 *
 * @public
 */
export const AGENT_ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  // the MCP servers it calls: its tools, for the free text and search
  'spec.dependsOn',
];
