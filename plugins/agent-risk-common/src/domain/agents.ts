import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { scoreAnnotations, ScoreOptions, ScoreResult } from './scoring';
import { AgentAssessment } from './parse';

/**
 * One kind + spec.type pair that marks an entity as an agent.
 *
 * @public
 */
export interface AgentSelector {
  kind: string;
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
