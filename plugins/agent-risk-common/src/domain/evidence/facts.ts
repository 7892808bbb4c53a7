import { AgentReach, ServerToolInventory } from '../facts';

/**
 * What the evidence rules look at for one agent (spec 9.2): its reach on
 * the catalog graph, the tools of the MCP servers it depends on, the
 * resources it depends on and its agent card's security schemes.
 *
 * @public
 */
export interface EvidenceFacts {
  /** What the agent reaches on the catalog graph; null when not computed. */
  reach: AgentReach | null;
  /** How many other agents reach this one. */
  reachedByAgents: number;
  /** The tools of the MCP servers the agent depends on. */
  tools: ServerToolInventory[];
  /** The resources the agent depends on, with their spec.type. */
  dependsOnResources: Array<{ entityRef: string; type: string | null }>;
  /** The security schemes its agent card declares; null when none are declared. */
  securitySchemes: Record<string, unknown> | null;
  /** Whether the agent comes from an A2A agent card. */
  isA2aCard: boolean;
}

/**
 * Facts with nothing in them: a source fills what it knows over this.
 *
 * @public
 */
export function emptyEvidenceFacts(): EvidenceFacts {
  return {
    reach: null,
    reachedByAgents: 0,
    tools: [],
    dependsOnResources: [],
    securitySchemes: null,
    isA2aCard: false,
  };
}

/**
 * Most facts one finding lists; the rest are counted ("and 3 more").
 *
 * @public
 */
export const MAX_FACTS_PER_FINDING = 10;

/** Keeps the first facts and counts the rest, so a finding stays small. */
export function boundFacts(facts: string[]): string[] {
  if (facts.length <= MAX_FACTS_PER_FINDING) return facts;
  const kept = facts.slice(0, MAX_FACTS_PER_FINDING - 1);
  return [...kept, `and ${facts.length - kept.length} more`];
}
