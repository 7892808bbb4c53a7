import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  RiskAcceptance,
  SEVERITIES,
  SEVERITY_LABELS,
  Severity,
  SSVC_OUTCOMES,
  SSVC_OUTCOME_DAYS,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentNotification } from '../database/notifications/NotificationOutbox';
import { AgentStateChange } from '../database/types';

/**
 * The events an owner hears about. Each is sent once per agent and subject
 * (what makes the occurrence unique): for the acceptance events, the
 * acceptance (when it was asked for).
 *
 * @public
 */
export type AgentRiskEventKind =
  | 'became-critical'
  | 'severity-rose'
  | 'became-invalid'
  | 'review-overdue'
  | 'acceptance-expiring'
  | 'acceptance-ended'
  | 'ssvc-outcome'
  | 'agent-card-changed';

/**
 * Which events are told, from `agentRisk.notifications`.
 *
 * @public
 */
export interface AgentRiskEventRules {
  minimumSeverity: Severity;
  invalid: boolean;
  reviewOverdue: boolean;
  /** Tell the owner this many days before an acceptance expires (0: never). */
  acceptanceExpiringDays: number;
}

/** Notifications topic: the notifications page groups and filters by it. */
export const AGENT_RISK_TOPIC = 'Agent Risk';

/** Higher means riskier; `SEVERITIES` lists the bands highest first. */
const bandRank = (severity: Severity) =>
  SEVERITIES.length - SEVERITIES.indexOf(severity);

/** The agent's entity page, relative to the app's base URL. */
function entityLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind,
  )}/${encodeURIComponent(name)}`;
}

function notification(
  kind: AgentRiskEventKind,
  subject: string,
  agent: { entityRef: string; owner: string },
  payload: Omit<NotificationPayload, 'topic' | 'scope' | 'link'>,
): AgentNotification {
  return {
    entityRef: agent.entityRef,
    kind,
    subject,
    recipient: agent.owner,
    payload: {
      ...payload,
      link: entityLink(agent.entityRef),
      topic: AGENT_RISK_TOPIC,
      // One notification per agent and kind: a later occurrence updates it.
      scope: `agent-risk:${kind}:${agent.entityRef}`,
    },
  };
}

/**
 * The notifications a stored change calls for. An agent seen for the first
 * time calls for none: a first sync would otherwise tell every owner about
 * every agent.
 */
export function changeNotifications(
  change: AgentStateChange,
  rules: AgentRiskEventRules,
): AgentNotification[] {
  return [...aivssNotifications(change, rules), ...ssvcNotifications(change)];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Higher means more urgent; `SSVC_OUTCOMES` lists them least urgent first. */
const outcomeRank = (outcome: SsvcOutcome | null | undefined) =>
  outcome ? SSVC_OUTCOMES.indexOf(outcome) : -1;

/**
 * An SSVC outcome with a deadline that was set or rose ("Immediate: due in 7
 * days"); once per agent and change. Not for an agent whose outcome was not
 * known before (first seen, or stored before SSVC decisions were), nor for
 * Defer, which has no deadline.
 */
function ssvcNotifications(change: AgentStateChange): AgentNotification[] {
  const { previous, current, owner } = change;
  const outcome = current.ssvcOutcome;
  if (
    !previous ||
    !owner ||
    previous.ssvcOutcome === undefined ||
    !outcome ||
    SSVC_OUTCOME_DAYS[outcome] === null ||
    outcomeRank(outcome) <= outcomeRank(previous.ssvcOutcome)
  ) {
    return [];
  }
  const due = change.ssvcDueAt ?? null;
  const days = due
    ? Math.ceil((Date.parse(due) - Date.parse(change.changedAt)) / DAY_MS)
    : null;
  let when = '';
  if (due && days !== null) {
    when =
      days >= 0
        ? `due in ${days} day${days === 1 ? '' : 's'}`
        : `overdue since ${due.slice(0, 10)}`;
  }
  return [
    notification(
      'ssvc-outcome',
      change.changedAt,
      { entityRef: change.entityRef, owner },
      {
        title: `${change.title}: ${outcome}${when ? `, ${when}` : ''}`,
        description: `Its AIVSS-SSVC decision ${
          previous.ssvcOutcome
            ? `rose from ${previous.ssvcOutcome} to ${outcome}`
            : `is now ${outcome}`
        }${
          due ? `: act by ${due.slice(0, 10)}` : ''
        }. The Risk tab shows the class and inputs behind it.`,
        severity: outcome === 'Immediate' ? 'critical' : 'high',
      },
    ),
  ];
}

function aivssNotifications(
  change: AgentStateChange,
  rules: AgentRiskEventRules,
): AgentNotification[] {
  const { previous, current, owner } = change;
  if (!previous || !owner) {
    return [];
  }
  const agent = { entityRef: change.entityRef, owner };
  const score = change.score === null ? '' : ` (${change.score.toFixed(1)})`;
  if (current.status === 'invalid' && previous.status !== 'invalid') {
    return rules.invalid
      ? [
          notification('became-invalid', change.changedAt, agent, {
            title: `${change.title} is now invalid`,
            description:
              'Its risk annotations no longer parse, so it has no score until they are fixed. The Risk tab names each problem.',
            severity: 'normal',
          }),
        ]
      : [];
  }
  if (current.status !== 'scored' || current.severity === null) {
    return [];
  }
  const before = previous.severity;
  const after = current.severity;
  if (after === 'critical' && before !== 'critical') {
    return [
      notification('became-critical', change.changedAt, agent, {
        title: `${change.title} is now Critical${score}`,
        description: before
          ? `Its AIVSS risk rose from ${SEVERITY_LABELS[before]} to Critical.`
          : 'Its AIVSS risk is Critical.',
        severity: 'critical',
      }),
    ];
  }
  if (
    before !== null &&
    bandRank(after) > bandRank(before) &&
    bandRank(after) >= bandRank(rules.minimumSeverity)
  ) {
    return [
      notification('severity-rose', change.changedAt, agent, {
        title: `${change.title} rose to ${SEVERITY_LABELS[after]}${score}`,
        description: `Its AIVSS risk rose from ${SEVERITY_LABELS[before]} to ${SEVERITY_LABELS[after]}.`,
        severity: after === 'high' ? 'high' : 'normal',
      }),
    ];
  }
  return [];
}

/** The notification of a review that fell overdue; once per review date. */
export function reviewOverdueNotification(
  agent: {
    entityRef: string;
    title: string;
    owner: string;
    reviewedAt: string;
  },
  reviewDue: string,
): AgentNotification {
  return notification('review-overdue', agent.reviewedAt, agent, {
    title: `${agent.title}: risk review overdue`,
    description: `Last reviewed ${agent.reviewedAt.slice(
      0,
      10,
    )}; the next review was due ${reviewDue.slice(
      0,
      10,
    )}. Review the assessment and update agent-risk.io/reviewed-at.`,
    severity: 'normal',
  });
}

/** An acceptance that runs out soon: once per acceptance. */
export function acceptanceExpiringNotification(
  agent: { entityRef: string; title: string; owner: string },
  acceptance: RiskAcceptance,
): AgentNotification {
  return notification('acceptance-expiring', acceptance.requestedAt, agent, {
    title: `${
      agent.title
    }: risk acceptance expires ${acceptance.expiresAt.slice(0, 10)}`,
    description: `The acceptance approved by ${
      acceptance.approvedBy ?? 'an approver'
    } ends then; after that the agent counts at its full risk. Ask again, or lower the risk.`,
    severity: 'normal',
  });
}

/**
 * A discovered agent's card changed (spec 8.1): once per new card, its
 * SHA-256 the subject, so a run that finds the same card again adds nothing.
 */
export function agentCardChangedNotification(
  agent: { entityRef: string; title: string; owner: string },
  cardSha256: string,
  changed: readonly string[],
): AgentNotification {
  const what = changed.length > 0 ? changed.join(', ') : 'its content';
  return notification('agent-card-changed', cardSha256, agent, {
    title: `${agent.title}: the agent card changed`,
    description: `The agent card changed (${what}). Its review is due and a risk acceptance of it has ended.`,
    severity: 'high',
  });
}

/** An acceptance that ended by itself (expiry or a severity rise): once per acceptance. */
export function acceptanceEndedNotification(
  agent: { entityRef: string; title: string; owner: string },
  acceptance: RiskAcceptance,
): AgentNotification {
  return notification('acceptance-ended', acceptance.requestedAt, agent, {
    title: `${agent.title}: risk acceptance ended`,
    description: acceptance.endedReason ?? 'The acceptance ended.',
    severity: 'high',
  });
}
