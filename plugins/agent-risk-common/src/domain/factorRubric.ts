import { AgenticFactorId } from './factors';

/**
 * What the published rubric's three anchor values mean for one factor.
 *
 * @public
 */
export interface FactorRubric {
  /** What 0.0 means. */
  none: string;
  /** What 0.5 means. */
  partial: string;
  /** What 1.0 means. */
  full: string;
}

/**
 * The OWASP AIVSS rubric for the ten agentic factors, in our own words:
 * what 0, 0.5 and 1 mean. Real assessments use steps of 0.1 between them.
 *
 * @public
 */
export const FACTOR_RUBRIC: Record<AgenticFactorId, FactorRubric> = {
  'autonomy-of-action': {
    none: 'A person approves every action before it happens.',
    partial: 'Acts alone on routine steps; a person approves risky ones.',
    full: 'Acts end to end with nobody checking before it acts.',
  },
  'goal-driven-planning': {
    none: 'Follows fixed steps it is given.',
    partial: 'Plans a few steps within a narrow task.',
    full: 'Breaks open goals into long plans of its own making.',
  },
  'self-modification': {
    none: 'Cannot change its code, prompts or tools.',
    partial: 'Tunes its own settings or prompts within set bounds.',
    full: 'Rewrites its own code, prompts or tool set freely.',
  },
  'dynamic-tool-use': {
    none: 'Calls no tools, or one fixed read-only tool.',
    partial: 'Chooses among a few scoped tools.',
    full: 'Picks from many powerful tools, writes included, at run time.',
  },
  'persistent-memory': {
    none: 'Forgets everything when the session ends.',
    partial: 'Keeps limited, curated state between sessions.',
    full: 'Keeps and reuses open-ended memory across sessions and users.',
  },
  'contextual-awareness': {
    none: 'Sees only the request in front of it.',
    partial: 'Reads some surrounding data it is pointed at.',
    full: 'Draws on broad live context (systems, documents, the web) to decide.',
  },
  'dynamic-identity': {
    none: 'Always runs as one fixed, least-privilege identity.',
    partial: 'Switches between a few pre-approved roles.',
    full: 'Takes on roles or credentials it chooses at run time.',
  },
  'multi-agent-interactions': {
    none: 'Works alone.',
    partial: 'Hands off to or calls a few known agents.',
    full: 'Coordinates with many agents, some outside its owner’s control.',
  },
  'non-determinism': {
    none: 'The same input always gives the same action.',
    partial: 'Wording varies; actions mostly do not.',
    full: 'Actions vary widely for the same input.',
  },
  'opacity-reflexivity': {
    none: 'Every decision is logged and explainable.',
    partial: 'Decisions are partly traceable.',
    full: 'Nobody can tell why it acted as it did.',
  },
};
