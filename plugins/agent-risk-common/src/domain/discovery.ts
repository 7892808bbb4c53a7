/**
 * What discovery (spec section 8.1) records on an agent it found: set by the
 * backend only, never taken from a client.
 *
 * @public
 */
export const DISCOVERY_ANNOTATIONS = {
  /** The card's URL the agent was discovered from. */
  discoveredFrom: 'agent-risk.io/discovered-from',
  /** SHA-256 (hex) of the card's RFC 8785 canonical form. */
  cardSha256: 'agent-risk.io/agent-card-sha256',
  /** `verified`, `unsigned`, `invalid` or `unknown-key`. */
  cardSignature: 'agent-risk.io/agent-card-signature',
  /** The card's skills as JSON (`[{ id, name, description }]`, bounded). */
  cardSkills: 'agent-risk.io/agent-card-skills',
  /** When the card could last not be read, after it had been; absent while it can. */
  unreachableSince: 'agent-risk.io/agent-card-unreachable-since',
  /** When the card was last read. */
  lastSeenAt: 'agent-risk.io/agent-card-last-seen',
} as const;

/**
 * A card's signature state (A2A 1.0 §8.4).
 *
 * @public
 */
export type AgentCardSignatureState =
  | 'verified'
  | 'unsigned'
  | 'invalid'
  | 'unknown-key';

/**
 * The signature state in words, for people.
 *
 * @public
 */
export function describeCardSignature(state: string | undefined): string {
  switch (state) {
    case 'verified':
      return 'Signed card, verified';
    case 'unsigned':
      return 'Card not signed';
    case 'invalid':
      return 'Signed card, signature does not verify';
    case 'unknown-key':
      return 'Signed card, signed with a key not trusted here';
    default:
      return 'Signature not checked';
  }
}

/**
 * True for annotation keys only discovery sets.
 *
 * @public
 */
export function isDiscoveryAnnotation(key: string): boolean {
  return (Object.values(DISCOVERY_ANNOTATIONS) as string[]).includes(key);
}
