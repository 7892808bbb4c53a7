import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { RiskAcceptance } from '@agent-risk/plugin-agent-risk-common';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { NotificationOutbox } from '../database/notifications/NotificationOutbox';
import { AgentStateChange } from '../database/types';
import {
  acceptanceEndedNotification,
  agentCardChangedNotification,
  acceptanceExpiringNotification,
  AgentRiskEventRules,
  changeNotifications,
  reviewOverdueNotification,
} from './events';

/** Notifications delivered per call; the rest wait for the next. */
const DELIVERY_BATCH = 500;
/** A notification the backend refused this many times is given up. */
const MAX_ATTEMPTS = 5;
/** A claim older than this belongs to a sender that died; the row is sent again. */
const CLAIM_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * An acceptance and its agent, as a notification needs them.
 *
 * @public
 */
export interface AcceptanceNotice {
  agent: { entityRef: string; title: string; owner: string };
  acceptance: RiskAcceptance;
}

/** @public */
export interface AgentRiskNotifierOptions {
  outbox: NotificationOutbox;
  notifications: NotificationService;
  logger: LoggerService;
  rules: AgentRiskEventRules;
  reviewInterval: HumanDuration;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

/**
 * Tells owners what happened to their agents through Backstage's
 * notifications backend. Events are first recorded in the outbox (once per
 * agent and event), then delivered; what the backend refuses is retried on
 * the next delivery. A sync that changes nothing records nothing, so it
 * sends nothing.
 *
 * @public
 */
export class AgentRiskNotifier {
  constructor(private readonly options: AgentRiskNotifierOptions) {}

  /** Records the notifications the stored changes call for. */
  async recordChanges(changes: readonly AgentStateChange[]): Promise<number> {
    const notifications = changes.flatMap(change =>
      changeNotifications(change, this.options.rules),
    );
    return notifications.length > 0
      ? this.options.outbox.record(notifications, this.now().toISOString())
      : 0;
  }

  /** Records a notification for each review that fell overdue and was not told yet. */
  async recordOverdueReviews(): Promise<number> {
    if (!this.options.rules.reviewOverdue) {
      return 0;
    }
    const intervalMs = durationToMilliseconds(this.options.reviewInterval);
    const now = this.now();
    const overdue = await this.options.outbox.listUnnotifiedOverdueReviews(
      new Date(now.getTime() - intervalMs).toISOString(),
      'review-overdue',
    );
    const notifications = overdue.flatMap(agent =>
      agent.owner
        ? [
            reviewOverdueNotification(
              { ...agent, owner: agent.owner },
              new Date(Date.parse(agent.reviewedAt) + intervalMs).toISOString(),
            ),
          ]
        : [],
    );
    return notifications.length > 0
      ? this.options.outbox.record(notifications, now.toISOString())
      : 0;
  }

  /**
   * Records the acceptance events: each that ended by itself, and each
   * accepted one whose expiry is within `acceptanceExpiringDays`.
   */
  async recordAcceptanceEvents(events: {
    ended: readonly AcceptanceNotice[];
    active: readonly AcceptanceNotice[];
  }): Promise<number> {
    const days = this.options.rules.acceptanceExpiringDays;
    const now = this.now();
    const horizon = now.getTime() + days * 24 * 60 * 60 * 1000;
    const notifications = [
      ...events.ended.map(e =>
        acceptanceEndedNotification(e.agent, e.acceptance),
      ),
      ...(days > 0
        ? events.active
            .filter(
              e =>
                e.acceptance.state === 'accepted' &&
                Date.parse(e.acceptance.expiresAt) <= horizon,
            )
            .map(e => acceptanceExpiringNotification(e.agent, e.acceptance))
        : []),
    ];
    return notifications.length > 0
      ? this.options.outbox.record(notifications, now.toISOString())
      : 0;
  }

  /** Records that a discovered agent's card changed: once per agent and card. */
  async recordCardChanged(event: {
    agent: { entityRef: string; title: string; owner: string };
    cardSha256: string;
    changed: readonly string[];
  }): Promise<number> {
    return this.options.outbox.record(
      [
        agentCardChangedNotification(
          event.agent,
          event.cardSha256,
          event.changed,
        ),
      ],
      this.now().toISOString(),
    );
  }

  /** Sends what is recorded and not yet sent; returns how many were sent. */
  async deliver(): Promise<number> {
    const { outbox, notifications, logger } = this.options;
    let sent = 0;
    for (const pending of await outbox.listPending(
      DELIVERY_BATCH,
      MAX_ATTEMPTS,
    )) {
      const now = this.now();
      const claimed = await outbox.claim(
        pending.id,
        now.toISOString(),
        new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString(),
      );
      if (!claimed) {
        continue; // another replica is sending it, or just sent it
      }
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: pending.recipient },
          payload: pending.payload as unknown as NotificationPayload,
        });
        await outbox.markSent(pending.id, this.now().toISOString());
        sent += 1;
      } catch (error) {
        await outbox.markFailedAttempt(pending.id);
        logger.warn(
          `Agent risk notifications: could not send "${pending.kind}" for ${
            pending.entityRef
          } to ${pending.recipient} (attempt ${
            pending.attempts + 1
          } of ${MAX_ATTEMPTS}): ${error}`,
        );
      }
    }
    return sent;
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }
}
