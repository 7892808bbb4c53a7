import { ScoreHistoryEntry } from '@agent-risk/plugin-agent-risk-common';

/**
 * The append-only history of each agent's score changes. Entries are
 * appended by the score store, in the transaction that writes the score.
 *
 * @public
 */
export interface ScoreHistoryStore {
  /** History of one agent, oldest first. */
  getHistory(entityRef: string): Promise<ScoreHistoryEntry[]>;
  /**
   * Deletes history older than `before`, except each agent's latest entry,
   * and all history of agents removed before `before`. Returns how many
   * entries were deleted.
   */
  pruneHistory(before: string): Promise<number>;
}
