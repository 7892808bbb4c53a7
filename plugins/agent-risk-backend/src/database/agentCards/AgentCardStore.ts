import { DiscoveryOutcome } from '@agent-risk/plugin-agent-risk-common';

/**
 * What discovery last read of one card URL.
 *
 * @public
 */
export interface StoredCardSource {
  url: string;
  kind: 'source' | 'annotation';
  /** The annotated entity, or the agent the card became. */
  entityRef: string | null;
  owner: string | null;
  outcome: Exclude<DiscoveryOutcome, 'never-run'>;
  cardsFound: number;
  errors: string[];
  cardSha256: string | null;
  signature: string | null;
  /** When this row last changed. */
  changedAt: string;
  lastSeenAt: string | null;
  unreachableSince: string | null;
}

/**
 * The state of agent-card discovery: one row per card URL, and when each
 * discovery task last ran.
 *
 * @public
 */
export interface AgentCardStore {
  list(): Promise<StoredCardSource[]>;
  /**
   * Stores these rows (insert or replace by URL); rows equal to what is
   * stored are not written. Returns how many were written.
   */
  save(rows: readonly StoredCardSource[]): Promise<number>;
  lastRunAt(task: string): Promise<string | null>;
  recordRun(task: string, at: string): Promise<void>;
}
