import { EvidenceFinding } from '@agent-risk/plugin-agent-risk-common';

/**
 * One agent's evidence findings as the sync computed them.
 *
 * @public
 */
export interface AgentEvidenceWrite {
  /** Lower-case entity ref of a stored agent. */
  entityRef: string;
  findings: EvidenceFinding[];
  /** Whether a finding says a declared factor is below its bound. */
  understated: boolean;
}

/**
 * The evidence findings of each stored agent (spec 9.2), kept beside its
 * score and never changing it.
 *
 * @public
 */
export interface EvidenceStore {
  /**
   * Stores the findings of agents that have a stored score, rewriting only
   * those that changed; returns how many changed. Agents without a score
   * row are skipped (the sync writes scores first).
   */
  writeEvidence(writes: readonly AgentEvidenceWrite[]): Promise<number>;
  /** The stored findings of an agent; empty when none or not stored. */
  getEvidence(entityRef: string): Promise<EvidenceFinding[]>;
}
