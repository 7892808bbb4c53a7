/**
 * Threat ids accepted in the MAESTRO `*-threats` annotations: the OWASP Top 10
 * for Agentic Applications 2026 (ASI01..ASI10) and the OWASP agentic threat
 * taxonomy (T1..T15).
 *
 * @public
 */
export const AGENTIC_THREATS: Readonly<Record<string, string>> = {
  ASI01: 'Agent Goal Hijack',
  ASI02: 'Tool Misuse and Exploitation',
  ASI03: 'Identity and Privilege Abuse',
  ASI04: 'Agentic Supply Chain Vulnerabilities',
  ASI05: 'Unexpected Code Execution',
  ASI06: 'Memory and Context Poisoning',
  ASI07: 'Insecure Inter-Agent Communication',
  ASI08: 'Cascading Failures',
  ASI09: 'Human-Agent Trust Exploitation',
  ASI10: 'Rogue Agents',
  T1: 'Memory Poisoning',
  T2: 'Tool Misuse',
  T3: 'Privilege Compromise',
  T4: 'Resource Overload',
  T5: 'Cascading Hallucinations',
  T6: 'Intent Breaking and Goal Manipulation',
  T7: 'Misaligned and Deceptive Behaviour',
  T8: 'Repudiation and Untraceability',
  T9: 'Identity Spoofing',
  T10: 'Overwhelming Human-in-the-Loop',
  T11: 'Unexpected RCE and Code Attacks',
  T12: 'Agent Communication Poisoning',
  T13: 'Rogue Agents',
  T14: 'Human Attacks on Multi-Agent Systems',
  T15: 'Human Trust Manipulation',
};

/** @public */
export function isKnownThreatId(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(AGENTIC_THREATS, id);
}

/**
 * The agentic threat's name, for its id.
 *
 * @public
 */
export function threatName(id: string): string | undefined {
  return isKnownThreatId(id) ? AGENTIC_THREATS[id] : undefined;
}
