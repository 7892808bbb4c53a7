import { JsonObject } from '@backstage/types';

/**
 * One notification to an owner about one event of one agent. An event is
 * identified by the agent, its kind and its subject (what makes this
 * occurrence unique: the time of the change, the review date that fell
 * overdue, later an acceptance's expiry), and is recorded once.
 *
 * @public
 */
export interface AgentNotification {
  entityRef: string;
  kind: string;
  subject: string;
  /** Entity ref the notification goes to (the agent's owner). */
  recipient: string;
  /** The notification as the notifications backend takes it. */
  payload: JsonObject;
}

/**
 * A recorded notification not yet delivered.
 *
 * @public
 */
export interface PendingAgentNotification extends AgentNotification {
  id: number;
  attempts: number;
}

/**
 * An agent whose last review is older than a cutoff, and whose overdue
 * review has not been recorded as a notification for that review date.
 *
 * @public
 */
export interface UnnotifiedOverdueReview {
  entityRef: string;
  title: string;
  owner: string | null;
  reviewedAt: string;
}

/**
 * Which owner notifications were recorded and which were delivered: the
 * outbox that makes each event reach its owner once.
 *
 * @public
 */
export interface NotificationOutbox {
  /**
   * Records the notifications whose event (agent, kind, subject) is not yet
   * recorded; returns how many were new.
   */
  record(
    notifications: readonly AgentNotification[],
    recordedAt: string,
  ): Promise<number>;
  /** Undelivered notifications with fewer than `maxAttempts` tries, oldest first. */
  listPending(
    limit: number,
    maxAttempts: number,
  ): Promise<PendingAgentNotification[]>;
  /**
   * Claims an undelivered notification for sending; false when it was sent
   * meanwhile or another sender holds a claim made at or after
   * `staleBefore`. Two replicas never send the same notification.
   */
  claim(id: number, claimedAt: string, staleBefore: string): Promise<boolean>;
  markSent(id: number, sentAt: string): Promise<void>;
  /** Counts a refused send and releases the claim, so a later delivery retries. */
  markFailedAttempt(id: number): Promise<void>;
  /**
   * Agents last reviewed before `cutoff` whose notification of kind `kind`
   * for that review date is not recorded yet. Agents never reviewed are not
   * listed: they were never on a review cadence to fall behind.
   */
  listUnnotifiedOverdueReviews(
    cutoff: string,
    kind: string,
  ): Promise<UnnotifiedOverdueReview[]>;
}
