import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  acceptanceStateAt,
  AuditAction,
  AuditChange,
  RiskAcceptance,
  SEVERITY_LABELS,
  severityRose,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AcceptanceStore,
  StoredAcceptance,
} from '../database/acceptance/AcceptanceStore';
import { RegistryStore } from '../database/registry/RegistryStore';
import { ScoreStore } from '../database/scores/ScoreStore';
import { AcceptanceNotice } from '../notifications/AgentRiskNotifier';
import { actorOf } from '../registry/RegistryService';

/** Who ends an acceptance by itself, in the audit trail. */
export const ACCEPTANCE_SWEEP_ACTOR = 'plugin:agent-risk';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Something that happened to an acceptance without anyone asking: what the
 * notifications tell the owner.
 *
 * @public
 */
export interface AcceptanceEndedEvent {
  entityRef: string;
  acceptance: RiskAcceptance;
  /** `agent-gone`: the agent was deleted or left the catalog; nobody is told. */
  cause: 'expired' | 'severity-rose' | 'agent-gone';
}

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/** `YYYY-MM-DD` means the end of that day (UTC); a date-time is taken as given. */
function parseExpiry(text: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? new Date(`${text}T23:59:59.999Z`)
    : new Date(text);
}

function publicView(stored: StoredAcceptance, now: Date): RiskAcceptance {
  const state = acceptanceStateAt(stored, now);
  return {
    state,
    justification: stored.justification,
    expiresAt: stored.expiresAt,
    requestedBy: stored.requestedBy,
    requestedAt: stored.requestedAt,
    approvedBy: stored.approvedBy,
    approvedAt: stored.approvedAt,
    severityAtRequest: stored.severityAtRequest,
    // Expired by time but not swept yet: it ended at its expiry.
    endedAt: stored.endedAt ?? (state === 'expired' ? stored.expiresAt : null),
    endedReason:
      stored.endedReason ??
      (state === 'expired' ? 'The acceptance reached its expiry' : null),
  };
}

/**
 * Risk acceptance (spec section 7): owners ask, approvers approve, and an
 * acceptance ends by itself at its expiry or when the agent's severity
 * rises. Every step is audited in the same transaction as the change.
 *
 * @public
 */
export class AcceptanceService {
  constructor(
    private readonly deps: {
      store: AcceptanceStore;
      scores: Pick<ScoreStore, 'getAgent'>;
      /** Whose registration an acceptance belongs to; without it every agent counts as YAML. */
      registry?: Pick<RegistryStore, 'getMany'>;
      logger: LoggerService;
      /** Longest an acceptance may run, in days. */
      maxDays: number;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * The registration of each of these refs: a registry agent's id, null for
   * an agent defined in YAML (spec section 11).
   */
  private async registrations(
    entityRefs: readonly string[],
  ): Promise<(ref: string) => string | null> {
    const agents = this.deps.registry
      ? await this.deps.registry.getMany(entityRefs)
      : [];
    const byRef = new Map(agents.map(a => [a.entityRef, a.registrationId]));
    return ref => byRef.get(ref) ?? null;
  }

  /** The latest acceptance of each ref, if it belongs to the agent that has the ref now. */
  private async latestOfCurrent(
    entityRefs: readonly string[],
  ): Promise<Map<string, StoredAcceptance>> {
    const latest = await this.deps.store.latest(entityRefs);
    const registrationOf = await this.registrations([...latest.keys()]);
    return new Map(
      [...latest].filter(
        ([ref, stored]) => stored.registrationId === registrationOf(ref),
      ),
    );
  }

  /**
   * The current acceptance of each ref that has one, as it stands now. An
   * acceptance of an earlier agent of the same name is not this agent's.
   */
  async current(
    entityRefs: readonly string[],
  ): Promise<Map<string, RiskAcceptance>> {
    const now = this.now();
    const latest = await this.latestOfCurrent(entityRefs);
    return new Map(
      [...latest].map(([ref, stored]) => [ref, publicView(stored, now)]),
    );
  }

  async request(
    entityRef: string,
    input: { justification: string; expiresAt: string },
    credentials: BackstageCredentials,
  ): Promise<RiskAcceptance> {
    const now = this.now();
    const agent = await this.deps.scores.getAgent(entityRef);
    if (!agent) {
      throw new NotFoundError(`No agent ${entityRef}`);
    }
    if (agent.status !== 'scored' || !agent.severity) {
      throw new ConflictError(
        `${entityRef} has no score to accept (it is ${agent.status}): complete its assessment first`,
      );
    }
    const expires = parseExpiry(input.expiresAt);
    if (expires.getTime() <= now.getTime()) {
      throw new InputError(
        'Invalid request body field "expiresAt": must be in the future',
      );
    }
    if (expires.getTime() > now.getTime() + this.deps.maxDays * DAY_MS) {
      throw new InputError(
        `Invalid request body field "expiresAt": must be within ${this.deps.maxDays} days (agentRisk.acceptance.maxDays)`,
      );
    }
    // An acceptance that has run out by time is ended first, so a new one may follow it.
    const previous = await this.latestAfterSweep(entityRef);
    const registrationId = (await this.registrations([entityRef]))(entityRef);
    const actor = actorOf(credentials);
    const at = now.toISOString();
    const expiresAt = expires.toISOString();
    const inserted = await this.deps.store.insert(
      {
        entityRef,
        registrationId,
        state: 'pending',
        justification: input.justification,
        expiresAt,
        requestedBy: actor,
        requestedAt: at,
        approvedBy: null,
        approvedAt: null,
        severityAtRequest: agent.severity,
        scoreAtRequest: agent.score,
        endedAt: null,
        endedReason: null,
      },
      this.auditEntry(
        entityRef,
        registrationId,
        'accept-request',
        actor,
        at,
        input.justification,
        [
          {
            field: 'acceptance.state',
            before:
              previous && previous.registrationId === registrationId
                ? acceptanceStateAt(previous, now)
                : null,
            after: 'pending',
          },
          { field: 'acceptance.expiresAt', before: null, after: expiresAt },
          {
            field: 'acceptance.severity',
            before: null,
            after: agent.severity,
          },
        ],
      ),
    );
    if (inserted === 'active-exists') {
      throw new ConflictError(
        `${entityRef} already has a pending or accepted risk acceptance`,
      );
    }
    return publicView(inserted, now);
  }

  async approve(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<RiskAcceptance> {
    const current = await this.latestAfterSweep(entityRef);
    const now = this.now();
    if (!current || acceptanceStateAt(current, now) !== 'pending') {
      throw new ConflictError(
        `${entityRef} has no pending risk acceptance to approve`,
      );
    }
    const actor = actorOf(credentials);
    // Entity refs are case-insensitive: `user:default/Erin` is erin.
    if (lower(actor) === lower(current.requestedBy)) {
      throw new NotAllowedError(
        'Whoever asked for a risk acceptance may not approve it themselves',
      );
    }
    const at = now.toISOString();
    const approved = await this.deps.store.transition(
      {
        id: current.id,
        from: ['pending'],
        to: 'accepted',
        at,
        approvedBy: actor,
      },
      this.auditEntry(
        entityRef,
        current.registrationId,
        'accept-approve',
        actor,
        at,
        `Approved: ${current.justification}`,
        [{ field: 'acceptance.state', before: 'pending', after: 'accepted' }],
      ),
    );
    if (!approved) {
      throw new ConflictError(
        `The risk acceptance of ${entityRef} changed meanwhile`,
      );
    }
    return publicView(approved, now);
  }

  /** Withdraws a pending or revokes an accepted acceptance; the record stays. */
  async revoke(
    entityRef: string,
    reason: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const now = this.now();
    const current = (await this.latestOfCurrent([entityRef])).get(entityRef);
    const state = current ? acceptanceStateAt(current, now) : undefined;
    if (!current || (state !== 'pending' && state !== 'accepted')) {
      throw new ConflictError(
        `${entityRef} has no pending or accepted risk acceptance to revoke`,
      );
    }
    const at = now.toISOString();
    const revoked = await this.deps.store.transition(
      {
        id: current.id,
        from: [state],
        to: 'revoked',
        at,
        endedReason: reason,
      },
      this.auditEntry(
        entityRef,
        current.registrationId,
        'accept-revoke',
        actorOf(credentials),
        at,
        reason,
        [{ field: 'acceptance.state', before: state, after: 'revoked' }],
      ),
    );
    if (!revoked) {
      throw new ConflictError(
        `The risk acceptance of ${entityRef} changed meanwhile`,
      );
    }
  }

  /**
   * Ends every pending or accepted acceptance whose expiry has passed or
   * whose agent's severity rose since it was asked for. Run after each sync
   * and on its own schedule; safe on several replicas at once (a transition
   * applies only from the state it was read in).
   */
  async sweep(): Promise<AcceptanceEndedEvent[]> {
    return this.end(await this.deps.store.listActive());
  }

  /** The accepted acceptances and their agents: what "expires soon" looks at. */
  async activeNotices(): Promise<AcceptanceNotice[]> {
    const now = this.now();
    const accepted = (await this.deps.store.listActive()).filter(
      a => acceptanceStateAt(a, now) === 'accepted',
    );
    return this.withAgents(
      accepted.map(a => ({
        entityRef: a.entityRef,
        acceptance: publicView(a, now),
      })),
    );
  }

  /** The ended acceptances and their agents, for the owners' notifications. */
  async endedNotices(
    events: readonly AcceptanceEndedEvent[],
  ): Promise<AcceptanceNotice[]> {
    // The agent of a gone acceptance is no more; an agent now at its ref is
    // another one, whose owners must not learn about it.
    return this.withAgents(events.filter(e => e.cause !== 'agent-gone'));
  }

  private async withAgents(
    items: ReadonlyArray<{ entityRef: string; acceptance: RiskAcceptance }>,
  ): Promise<AcceptanceNotice[]> {
    const notices: AcceptanceNotice[] = [];
    for (const item of items) {
      const agent = await this.deps.scores.getAgent(item.entityRef);
      // Nobody to tell without an owner.
      if (agent?.owner) {
        notices.push({
          agent: {
            entityRef: item.entityRef,
            title: agent.title,
            owner: agent.owner,
          },
          acceptance: item.acceptance,
        });
      }
    }
    return notices;
  }

  /**
   * The agent's latest acceptance, after ending it if its time has run out or
   * its severity rose: read again only when something ended.
   */
  private async latestAfterSweep(
    entityRef: string,
  ): Promise<StoredAcceptance | undefined> {
    const latest = (await this.deps.store.latest([entityRef])).get(entityRef);
    // An earlier agent's acceptance still active is ended here too, so the
    // agent now at the ref may ask for its own.
    if (
      !latest ||
      (latest.state !== 'pending' && latest.state !== 'accepted')
    ) {
      return latest;
    }
    const ended = await this.end([latest]);
    return ended.length > 0
      ? (await this.deps.store.latest([entityRef])).get(entityRef)
      : latest;
  }

  private async end(
    active: StoredAcceptance[],
  ): Promise<AcceptanceEndedEvent[]> {
    const events: AcceptanceEndedEvent[] = [];
    const registrationOf = await this.registrations([
      ...new Set(active.map(a => a.entityRef)),
    ]);
    for (const acceptance of active) {
      const now = this.now();
      const at = now.toISOString();
      let cause: AcceptanceEndedEvent['cause'] | undefined;
      let reason = '';
      const agent = await this.deps.scores.getAgent(acceptance.entityRef);
      if (acceptance.registrationId !== registrationOf(acceptance.entityRef)) {
        // Its registry agent was deleted (and perhaps another registered).
        cause = 'agent-gone';
        reason = 'The agent was deleted';
      } else if (!agent) {
        // Granted to an agent no longer in the catalog: a later entity of the
        // same ref must not inherit it.
        cause = 'agent-gone';
        reason = 'The agent left the catalog';
      } else if (acceptanceStateAt(acceptance, now) === 'expired') {
        cause = 'expired';
        reason = `The acceptance reached its expiry (${acceptance.expiresAt})`;
      } else if (severityRose(acceptance.severityAtRequest, agent.severity)) {
        cause = 'severity-rose';
        reason = `The severity rose from ${
          SEVERITY_LABELS[acceptance.severityAtRequest!]
        } to ${SEVERITY_LABELS[agent.severity!]} (score ${agent.score})`;
      }
      if (!cause) {
        continue;
      }
      // Nobody revoked it: it ended with its agent, recorded as revoked.
      const to = cause === 'agent-gone' ? 'revoked' : 'expired';
      const ended = await this.deps.store.transition(
        {
          id: acceptance.id,
          from: [acceptance.state],
          to,
          at,
          endedReason: reason,
        },
        this.auditEntry(
          acceptance.entityRef,
          acceptance.registrationId,
          'accept-end',
          ACCEPTANCE_SWEEP_ACTOR,
          at,
          reason,
          [{ field: 'acceptance.state', before: acceptance.state, after: to }],
        ),
      );
      // Another replica may have ended it first: only the winner reports it.
      if (ended) {
        this.deps.logger.info(
          `Risk acceptance of ${acceptance.entityRef} ended: ${reason}`,
        );
        events.push({
          entityRef: acceptance.entityRef,
          acceptance: publicView(ended, now),
          cause,
        });
      }
    }
    return events;
  }

  private auditEntry(
    entityRef: string,
    registrationId: string | null,
    action: AuditAction,
    actor: string,
    at: string,
    reason: string,
    changes: AuditChange[],
  ) {
    return { entityRef, registrationId, action, actor, at, reason, changes };
  }
}
