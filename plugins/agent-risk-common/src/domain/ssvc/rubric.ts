import type {
  SsvcFactorId,
  SsvcImpactLevel,
  SsvcThreatLevel,
  SsvcVulnerabilityPosture,
} from './annotations';

/**
 * What three points of a 1–5 capability rating mean for one factor; 2 and 4
 * sit between them.
 *
 * @public
 */
export interface SsvcFactorRubric {
  /** Rating 1. */
  low: string;
  /** Rating 3. */
  mid: string;
  /** Rating 5. */
  high: string;
}

/**
 * The AIVSS-SSVC capability factors in our own words: what 1, 3 and 5 mean.
 * One place for the register page, the Risk tab and any other surface.
 *
 * @public
 */
export const SSVC_FACTOR_RUBRIC: Record<SsvcFactorId, SsvcFactorRubric> = {
  'execution-autonomy': {
    low: 'A person approves each action before it runs.',
    mid: 'Runs routine steps alone; a person signs off on risky ones.',
    high: 'Acts end to end with no person in the loop.',
  },
  'tool-authority': {
    low: 'No tools, or read-only lookups.',
    mid: 'Writes through a few tools scoped to its task.',
    high: 'Broad or admin rights through its tools: can change or delete widely.',
  },
  'code-execution': {
    low: 'Cannot run code.',
    mid: 'Runs code only in a locked-down sandbox.',
    high: 'Runs code it writes on real hosts or in production.',
  },
  'critical-system-access': {
    low: 'Touches nothing that matters if it breaks.',
    mid: 'Reaches important systems indirectly or with narrow rights.',
    high: 'Acts directly on critical systems: money, production, safety, identity.',
  },
  'persistent-memory': {
    low: 'Forgets everything when the session ends.',
    mid: 'Keeps limited, curated state between sessions.',
    high: 'Keeps long-term memory it writes itself, shared across users.',
  },
  'dynamic-identity': {
    low: 'One fixed, least-privilege identity.',
    mid: 'Switches between a few pre-approved roles.',
    high: 'Gains or swaps credentials and permissions at run time.',
  },
  'multi-agent-coordination': {
    low: 'Works alone.',
    mid: 'Calls or hands off to a few known agents.',
    high: 'Directs many agents, some outside its owner’s control.',
  },
  'self-modification': {
    low: 'Cannot change its own prompts, code or tools.',
    mid: 'Tunes its own settings or prompts within set bounds.',
    high: 'Rewrites its own code, goals or tool set.',
  },
  'non-determinism': {
    low: 'The same input always leads to the same action.',
    mid: 'Wording varies; the actions mostly do not.',
    high: 'Actions vary widely for the same input.',
  },
  deceptiveness: {
    low: 'Its outputs are checked; it has no room to mislead.',
    mid: 'Could mislead in places nobody checks closely.',
    high: 'Could hide what it did or mislead its overseers unnoticed.',
  },
};

/**
 * A decision input's value in plain words, and what it means.
 *
 * @public
 */
export interface SsvcLevelText {
  /** The level in a few words. */
  label: string;
  /** What choosing it means, in one sentence. */
  meaning: string;
}

/**
 * The threat levels in words.
 *
 * @public
 */
export const SSVC_THREAT_TEXT: Record<SsvcThreatLevel, SsvcLevelText> = {
  none: {
    label: 'No known exploit',
    meaning: 'Nobody has shown a working attack on agents like this one.',
  },
  poc: {
    label: 'Proof of concept',
    meaning: 'A working attack has been shown publicly, not yet seen in use.',
  },
  active: {
    label: 'Actively exploited',
    meaning: 'Attacks like this are being used against real agents now.',
  },
};

/**
 * The vulnerability postures in words.
 *
 * @public
 */
export const SSVC_VULNERABILITY_TEXT: Record<
  SsvcVulnerabilityPosture,
  SsvcLevelText
> = {
  hardened: {
    label: 'Hardened',
    meaning: 'Strong controls, tested against attacks (red-teamed, monitored).',
  },
  moderate: {
    label: 'Moderate',
    meaning: 'The usual controls are in place, with known gaps.',
  },
  exposed: {
    label: 'Exposed',
    meaning: 'Few or weak controls, and reachable by attackers.',
  },
};

/**
 * The impact levels in words.
 *
 * @public
 */
export const SSVC_IMPACT_TEXT: Record<SsvcImpactLevel, SsvcLevelText> = {
  contained: {
    label: 'Contained',
    meaning: 'Harm stays within its own task and is easy to undo.',
  },
  significant: {
    label: 'Significant',
    meaning: 'Harm reaches other systems, data or customers; recoverable.',
  },
  critical: {
    label: 'Critical',
    meaning: 'Wide, lasting harm: money, safety, legal or many customers.',
  },
};
