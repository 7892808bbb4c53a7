import { AgenticFactorId } from '../factors';
import { InventoryTool } from '../facts';
import { EvidenceFacts } from './facts';

/**
 * One evidence rule (spec 9.2): the facts it looks for and the lower bound
 * they put on a factor. `saw` returns the facts it found, in words; an empty
 * list means the rule does not apply to the agent.
 *
 * @public
 */
export interface EvidenceRule {
  /** Stable id, e.g. `writes-through-tools`. */
  id: string;
  /** The factor it bounds; null for a rule that only reports (no bound). */
  factor: AgenticFactorId | null;
  /** The lower bound; null for a rule without one. */
  bound: number | null;
  /** What the rule checks, in words. */
  description: string;
  /** The facts the rule saw, in words; empty when it does not apply. */
  saw(facts: EvidenceFacts): string[];
}

/**
 * A tool may write unless its server says it is read-only (MCP readOnlyHint).
 *
 * @public
 */
export function toolMayWrite(tool: Pick<InventoryTool, 'annotations'>) {
  return tool.annotations?.readOnlyHint !== true;
}

/**
 * A tool may destroy when its server says so (MCP destructiveHint).
 *
 * @public
 */
export function toolMayDestroy(tool: Pick<InventoryTool, 'annotations'>) {
  return tool.annotations?.destructiveHint === true;
}

function toolFacts(
  facts: EvidenceFacts,
  matches: (tool: InventoryTool) => boolean,
  what: string,
): string[] {
  return facts.tools.flatMap(server =>
    server.tools
      .filter(matches)
      .map(tool => `calls ${server.server}'s ${tool.name}, which ${what}`),
  );
}

const writesThroughTools: EvidenceRule = {
  id: 'writes-through-tools',
  factor: 'dynamic-tool-use',
  bound: 0.5,
  description: 'It calls an MCP tool that may write (not marked read-only).',
  saw: facts => toolFacts(facts, toolMayWrite, 'may write'),
};

const destroysThroughTools: EvidenceRule = {
  id: 'destroys-through-tools',
  factor: 'dynamic-tool-use',
  bound: 0.8,
  description: 'It calls an MCP tool its server marks as destructive.',
  saw: facts => toolFacts(facts, toolMayDestroy, 'may destroy'),
};

const talksToAgents: EvidenceRule = {
  id: 'talks-to-agents',
  factor: 'multi-agent-interactions',
  bound: 0.5,
  description: 'It reaches another agent, or another agent reaches it.',
  saw: facts => {
    const seen = (facts.reach?.agents ?? []).map(ref => `reaches ${ref}`);
    if (facts.reachedByAgents > 0) {
      seen.push(
        facts.reachedByAgents === 1
          ? 'another agent reaches it'
          : `${facts.reachedByAgents} other agents reach it`,
      );
    }
    return seen;
  },
};

/**
 * Resource types that keep state across sessions.
 *
 * @public
 */
export const STATEFUL_RESOURCE_TYPES: readonly string[] = [
  'database',
  'vector-store',
  'cache',
];

const keepsState: EvidenceRule = {
  id: 'keeps-state',
  factor: 'persistent-memory',
  bound: 0.5,
  description: 'It depends on a database, a vector store or a cache.',
  saw: facts =>
    facts.dependsOnResources
      .filter(r => r.type !== null && STATEFUL_RESOURCE_TYPES.includes(r.type))
      .map(r => `depends on ${r.entityRef}, a ${r.type}`),
};

const reachesProduction: EvidenceRule = {
  id: 'reaches-production',
  factor: 'contextual-awareness',
  bound: 0.5,
  description: 'It reaches an entity whose lifecycle is production.',
  saw: facts =>
    (facts.reach?.production ?? []).map(ref => `reaches ${ref} (production)`),
};

const unauthenticatedCard: EvidenceRule = {
  id: 'unauthenticated-card',
  factor: null,
  bound: null,
  description: 'Its agent card declares no security scheme.',
  saw: facts =>
    facts.isA2aCard &&
    (facts.securitySchemes === null ||
      Object.keys(facts.securitySchemes).length === 0)
      ? ['its agent card declares no security scheme']
      : [],
};

/**
 * The evidence rules, in the order the spec lists them.
 *
 * @public
 */
export const EVIDENCE_RULES: readonly EvidenceRule[] = [
  writesThroughTools,
  destroysThroughTools,
  talksToAgents,
  keepsState,
  reachesProduction,
  unauthenticatedCard,
];

/**
 * The rule with this id, if any.
 *
 * @public
 */
export function getEvidenceRule(id: string): EvidenceRule | undefined {
  return EVIDENCE_RULES.find(rule => rule.id === id);
}
