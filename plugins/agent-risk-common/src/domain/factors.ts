import { aivssAnnotation } from './annotations';

/**
 * The ten agentic risk factors of OWASP AIVSS, in the order the spec lists them.
 *
 * @public
 */
export const AGENTIC_FACTOR_IDS = [
  'autonomy-of-action',
  'goal-driven-planning',
  'self-modification',
  'dynamic-tool-use',
  'persistent-memory',
  'contextual-awareness',
  'dynamic-identity',
  'multi-agent-interactions',
  'non-determinism',
  'opacity-reflexivity',
] as const;

/**
 * An AIVSS agentic factor's id.
 *
 * @public
 */
export type AgenticFactorId = (typeof AGENTIC_FACTOR_IDS)[number];

/**
 * One AIVSS agentic factor.
 *
 * @public
 */
export interface AgenticFactorDefinition {
  /** The factor id. */
  id: AgenticFactorId;
  /** Full annotation key, e.g. `aivss.owasp.org/autonomy-of-action`. */
  annotation: string;
  /** Display title. */
  title: string;
  /** What the factor measures. */
  description: string;
}

const FACTOR_TEXT: Record<AgenticFactorId, [string, string]> = {
  'autonomy-of-action': [
    'Autonomy of action',
    'Acts without human verification of each step.',
  ],
  'goal-driven-planning': [
    'Goal-driven planning',
    'Decomposes goals and plans multi-step actions on its own.',
  ],
  'self-modification': [
    'Self-modification',
    'Can alter its own code, prompts or tool configuration.',
  ],
  'dynamic-tool-use': [
    'Dynamic tool use',
    'Breadth and privilege of the tools and APIs it can call.',
  ],
  'persistent-memory': [
    'Persistent memory',
    'Retains memory or state across sessions.',
  ],
  'contextual-awareness': [
    'Contextual awareness',
    'Uses broad environmental or data context to decide.',
  ],
  'dynamic-identity': [
    'Dynamic identity',
    'Assumes different roles or permissions at runtime.',
  ],
  'multi-agent-interactions': [
    'Multi-agent interactions',
    'Coordinates with or depends on other agents.',
  ],
  'non-determinism': [
    'Non-determinism',
    'Varies output or action for identical input.',
  ],
  'opacity-reflexivity': [
    'Opacity and reflexivity',
    'Its decision logic is hard to see or audit.',
  ],
};

/**
 * The AIVSS agentic factors, in order.
 *
 * @public
 */
export const AGENTIC_FACTORS: readonly AgenticFactorDefinition[] =
  AGENTIC_FACTOR_IDS.map(id => ({
    id,
    annotation: aivssAnnotation(id),
    title: FACTOR_TEXT[id][0],
    description: FACTOR_TEXT[id][1],
  }));

/**
 * The agentic factor with this id.
 *
 * @public
 */
export function getAgenticFactor(id: AgenticFactorId): AgenticFactorDefinition {
  return AGENTIC_FACTORS.find(f => f.id === id)!;
}
