import { randomUUID } from 'crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  FieldFormatEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  A2A_ANNOTATIONS,
  AuditAction,
  DISCOVERY_ANNOTATIONS,
  isDiscoveryAnnotation,
  AuditListResponse,
  hasUnsafeText,
  isAgentEntity,
  normalizeEntityRef,
  pickRegistryFields,
  REGISTRY_ANNOTATION,
  REGISTRY_REASON_MAX_LENGTH,
  RegistryDelta,
  RegistrySnapshot,
  REGISTRY_LOCATION_TYPE,
  REVIEWED_AT_ANNOTATION,
  UNSAFE_TEXT_MESSAGE,
  validateRegistryEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { AuditStore, NewAuditEntry } from '../database/audit/AuditStore';
import {
  RegisteredAgent,
  RegistryStore,
} from '../database/registry/RegistryStore';
import { AgentRiskBackendOptions } from '../options';
import { DisplayNameResolver } from '../sync/displayNames';
import { relatedRefs, scoringInputs, toScoreWrite } from '../sync/toScoreWrite';
import { ScoreStore } from '../database/scores/ScoreStore';
import { diffEntities } from './auditChanges';
import { RegistryChangeSignal } from './RegistryChangeSignal';

/** How often a held change request looks at the database (writes of other instances). */
const CHANGES_RECHECK_MS = 1_000;

/** Longest reason kept; a reason is a sentence or two, not a document. */
const MAX_REASON_LENGTH = REGISTRY_REASON_MAX_LENGTH;

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/** Who did it: the user's entity ref, or the calling service's subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? 'unknown';
}

function readReason(reason: unknown): string {
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new InputError('Invalid reason: must be non-empty text');
  }
  if (reason.length > MAX_REASON_LENGTH) {
    throw new InputError(
      `Invalid reason: must be at most ${MAX_REASON_LENGTH} characters`,
    );
  }
  // The contract's rule for every caller, the actions included: the audit
  // keeps the reason, and PostgreSQL refuses NUL outright.
  if (hasUnsafeText(reason, { allowLineBreaks: true })) {
    throw new InputError(`Invalid reason: ${UNSAFE_TEXT_MESSAGE}`);
  }
  return reason.trim();
}

/**
 * Sets `reviewedAt` (spec section 7): every assessment change is a review.
 * The registry alone sets it: a date from the caller is ignored (a date in
 * the future would switch review-overdue off for good). An update that
 * leaves the assessment as it was keeps the previous date.
 */
function withReviewedAt(
  entity: Entity,
  previous: Entity | undefined,
  now: string,
): Entity {
  const { [REVIEWED_AT_ANNOTATION]: _given, ...annotations } =
    entity.metadata.annotations ?? {};
  const before = previous?.metadata.annotations?.[REVIEWED_AT_ANNOTATION];
  let reviewedAt: string | undefined;
  if (
    !previous ||
    JSON.stringify(scoringInputs(previous)) !==
      JSON.stringify(scoringInputs(entity))
  ) {
    reviewedAt = now;
  } else {
    reviewedAt = before;
  }
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...annotations,
        ...(reviewedAt ? { [REVIEWED_AT_ANNOTATION]: reviewedAt } : {}),
      },
    },
  };
}

/**
 * A client's entity without discovery's annotations when it only echoes
 * them (an owner saving a discovered agent sends what the catalog served).
 * One that adds or changes any is left as sent, so the registry's checks
 * refuse it naming the annotation: only discovery sets them.
 */
function withoutDiscovery(input: unknown, current: Entity): unknown {
  const entity = input as Entity | undefined;
  const annotations = entity?.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') {
    return input;
  }
  const stored = current.metadata.annotations ?? {};
  const echoes = Object.entries(annotations).every(
    ([key, value]) => !isDiscoveryAnnotation(key) || stored[key] === value,
  );
  if (!echoes) {
    return input;
  }
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: Object.fromEntries(
        Object.entries(annotations).filter(([k]) => !isDiscoveryAnnotation(k)),
      ),
    },
  };
}

/** `entity` with discovery's annotations of `current` (kept through an owner's save). */
function withDiscoveryOf(current: Entity, entity: Entity): Entity {
  const kept = Object.entries(current.metadata.annotations ?? {}).filter(
    ([k]) => isDiscoveryAnnotation(k),
  );
  if (kept.length === 0) {
    return entity;
  }
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        ...Object.fromEntries(kept),
      },
    },
  };
}

/**
 * A discovered agent as stored: the card's fields from `found`, discovery's
 * annotations, and from `current` everything a person set (owner,
 * lifecycle, system, dependsOn, the assessment). A changed card drops the
 * review date: the review is due at once (spec section 8.1).
 */
function mergeDiscovered(
  current: Entity | undefined,
  found: Entity,
  discovery: Record<string, string>,
  clear: string[],
  cardChanged: boolean,
): Entity {
  const base = current ?? found;
  const annotations: Record<string, string> = {
    ...(base.metadata.annotations ?? {}),
  };
  // The card's own mapping (security schemes and requirements) follows the card.
  for (const key of Object.values(A2A_ANNOTATIONS)) {
    delete annotations[key];
    const value = found.metadata.annotations?.[key];
    if (value !== undefined) {
      annotations[key] = value;
    }
  }
  for (const key of clear) {
    delete annotations[key];
  }
  Object.assign(annotations, discovery);
  if (cardChanged || !current) {
    delete annotations[REVIEWED_AT_ANNOTATION];
  }
  const { title, description, tags, links } = found.metadata;
  const metadata: Entity['metadata'] = {
    ...base.metadata,
    annotations,
  };
  for (const [key, value] of Object.entries({
    title,
    description,
    tags,
    links,
  })) {
    if (value === undefined) {
      delete metadata[key];
    } else {
      metadata[key] = value;
    }
  }
  return { ...base, metadata };
}

/**
 * The registry of agents created in Backstage: checks an entity with the
 * common core (the catalog module's checks), stores it with its audit entry,
 * and scores it at once so the ranking does not wait for the next sync.
 * Agents that the catalog has from elsewhere (YAML) are refused with 409.
 *
 * @public
 */
export class RegistryService {
  constructor(
    private readonly deps: {
      registry: RegistryStore;
      audit: AuditStore;
      scores: ScoreStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      options: AgentRiskBackendOptions;
      /** The caller's ownership refs (themselves and their groups). */
      userInfo: UserInfoService;
      /** Whether the policy lets the caller name any owner (`agent-risk.agent.assign`). */
      mayAssignAnyOwner: (
        credentials: BackstageCredentials,
      ) => Promise<boolean>;
      now?: () => Date;
      /** Redraws the agent's evidence findings after a write scored it (spec 9.2). */
      evidence?: { update(agents: readonly Entity[]): Promise<number> };
    },
  ) {}

  /** Wakes this instance's held change requests on a write. */
  private readonly changeSignal = new RegistryChangeSignal();

  async create(
    input: { entity: unknown; reason: unknown },
    credentials: BackstageCredentials,
  ): Promise<{ entityRef: string }> {
    const reason = readReason(input.reason);
    // One time for the review date, the registry row and the audit entry.
    const now = this.now();
    const entity = withReviewedAt(
      this.toRegistryEntity(input.entity),
      undefined,
      now,
    );
    const entityRef = lower(stringifyEntityRef(entity));
    const namespace = entity.metadata.namespace!;
    const name = entity.metadata.name;
    await this.checkRefs(entity, undefined, credentials);
    if (await this.catalogEntityAt(entity.kind, namespace, name)) {
      throw new ConflictError(
        `${entityRef} is taken: the catalog already has an entity of that name`,
      );
    }
    const outcome = await this.insert(
      entityRef,
      entity,
      actorOf(credentials),
      reason,
      now,
    );
    if (outcome === 'name-taken') {
      throw new ConflictError(
        `${namespace}/${name} is taken: the registry already has an agent of that name`,
      );
    }
    return { entityRef };
  }

  /**
   * Stores a new registration with its audited create, then wakes the
   * catalog's feed and scores it; the registry answers `name-taken` when
   * another writer got the name first.
   */
  private async insert(
    entityRef: string,
    entity: Entity,
    actor: string,
    reason: string,
    now: string,
  ): Promise<'created' | 'name-taken'> {
    // A new registration: nothing of an earlier agent of this name carries over.
    const registrationId = randomUUID();
    const outcome = await this.deps.registry.create(
      {
        entityRef,
        registrationId,
        entity,
        createdBy: actor,
        createdAt: now,
        updatedBy: actor,
        updatedAt: now,
      },
      this.auditEntry(
        now,
        entityRef,
        registrationId,
        'create',
        actor,
        reason,
        undefined,
        entity,
      ),
    );
    if (outcome === 'name-taken') {
      return outcome;
    }
    this.changeSignal.notify();
    await this.scoreNow(entity);
    return 'created';
  }

  async update(
    path: { namespace: string; name: string },
    input: { entity: unknown; reason: unknown },
    credentials: BackstageCredentials,
  ): Promise<{ entityRef: string }> {
    const reason = readReason(input.reason);
    const current = await this.requireRegistryAgent(path);
    const now = this.now();
    const entity = withDiscoveryOf(
      current.entity,
      withReviewedAt(
        this.toRegistryEntity(withoutDiscovery(input.entity, current.entity)),
        current.entity,
        now,
      ),
    );
    if (
      lower(entity.metadata.name) !== lower(path.name) ||
      lower(entity.metadata.namespace!) !== lower(path.namespace)
    ) {
      throw new InputError(
        'Invalid metadata.name: must match the agent in the path (an agent cannot be renamed)',
      );
    }
    if (lower(entity.kind) !== lower(current.entity.kind)) {
      throw new InputError(
        `Invalid kind: must stay ${current.entity.kind} (delete and register again to change it)`,
      );
    }
    await this.checkRefs(entity, current.entity, credentials);
    const actor = actorOf(credentials);
    const updated = await this.deps.registry.update(
      { ...current, entity, updatedBy: actor, updatedAt: now },
      this.auditEntry(
        now,
        current.entityRef,
        current.registrationId,
        'update',
        actor,
        reason,
        current.entity,
        entity,
      ),
    );
    if (!updated) {
      throw new NotFoundError(`${current.entityRef} was deleted meanwhile`);
    }
    this.changeSignal.notify();
    await this.scoreNow(entity);
    return { entityRef: current.entityRef };
  }

  async delete(
    path: { namespace: string; name: string },
    input: { reason: unknown },
    credentials: BackstageCredentials,
  ): Promise<void> {
    const reason = readReason(input.reason);
    const current = await this.requireRegistryAgent(path);
    const actor = actorOf(credentials);
    const deleted = await this.deps.registry.delete(
      current.entityRef,
      this.auditEntry(
        this.now(),
        current.entityRef,
        current.registrationId,
        'delete',
        actor,
        reason,
        current.entity,
        undefined,
      ),
      { reason: 'The agent was deleted' },
    );
    if (!deleted) {
      throw new NotFoundError(`${current.entityRef} was deleted meanwhile`);
    }
    this.changeSignal.notify();
    // The catalog drops the entity with the provider's next delta; the
    // ranking need not show it until then. Its score and review state go
    // with it; its history is kept for the trends, but a later agent of this
    // name shows only history after this delete (see getHistory).
    await this.deps.scores.deleteAgents([current.entityRef], this.now());
  }

  /**
   * The service-side write path of discovery (spec section 8.1): stores an
   * agent built from a card with the same checks and bounds as a person's
   * write, the discovery source as the audited actor. A new agent is
   * created; an agent discovered earlier from the same URL gets the card's
   * fields (its owner's assessment is kept); with `cardChanged` its review
   * falls due at once (no review date) and its acceptance ends. An agent
   * that is equal to what is stored is not written. A name held by another
   * agent (registry or catalog) is left alone.
   */
  async recordDiscovered(input: {
    /** The agent as the card describes it, without discovery annotations. */
    entity: Entity;
    /** Discovery's own annotations (set here, never taken from a client). */
    discovery: Record<string, string>;
    /** Annotations discovery removes (e.g. unreachable-since once read again). */
    clear?: string[];
    actor: string;
    reason: string;
    cardChanged: boolean;
  }): Promise<{
    outcome: 'created' | 'updated' | 'unchanged' | 'name-taken';
    entityRef: string;
  }> {
    const reason = readReason(input.reason);
    const checked = this.toRegistryEntity(input.entity);
    const entityRef = lower(stringifyEntityRef(checked));
    const namespace = checked.metadata.namespace!;
    const name = checked.metadata.name;
    const url = input.discovery[DISCOVERY_ANNOTATIONS.discoveredFrom];
    const current = await this.deps.registry.get(namespace, name);
    const now = this.now();
    if (current) {
      const from =
        current.entity.metadata.annotations?.[
          DISCOVERY_ANNOTATIONS.discoveredFrom
        ];
      if (from !== url) {
        return { outcome: 'name-taken', entityRef };
      }
      const entity = mergeDiscovered(
        current.entity,
        checked,
        input.discovery,
        input.clear ?? [],
        input.cardChanged,
      );
      if (JSON.stringify(entity) === JSON.stringify(current.entity)) {
        return { outcome: 'unchanged', entityRef: current.entityRef };
      }
      const updated = await this.deps.registry.update(
        { ...current, entity, updatedBy: input.actor, updatedAt: now },
        this.auditEntry(
          now,
          current.entityRef,
          current.registrationId,
          'update',
          input.actor,
          reason,
          current.entity,
          entity,
        ),
        input.cardChanged ? { reason: 'The agent card changed' } : undefined,
      );
      if (!updated) {
        return { outcome: 'unchanged', entityRef: current.entityRef };
      }
      this.changeSignal.notify();
      await this.scoreNow(entity);
      return { outcome: 'updated', entityRef: current.entityRef };
    }
    if (await this.catalogEntityAt(checked.kind, namespace, name)) {
      return { outcome: 'name-taken', entityRef };
    }
    const entity = mergeDiscovered(
      undefined,
      checked,
      input.discovery,
      input.clear ?? [],
      false,
    );
    const outcome = await this.insert(
      entityRef,
      entity,
      input.actor,
      reason,
      now,
    );
    return { outcome, entityRef };
  }

  /** The stored entity of a registry agent, if there is one. */
  async registeredEntity(entityRef: string): Promise<Entity | undefined> {
    const [agent] = await this.deps.registry.getMany([lower(entityRef)]);
    return agent?.entity;
  }

  /**
   * The entity ref of the agent at this namespace and name, registry or
   * YAML, so a permission can be checked before the registry answers 409.
   */
  async refAt(path: { namespace: string; name: string }): Promise<string> {
    const agent = await this.deps.registry.get(path.namespace, path.name);
    if (agent) {
      return agent.entityRef;
    }
    const yaml = await this.catalogAgentAt(path.namespace, path.name);
    if (yaml) {
      return lower(stringifyEntityRef(yaml));
    }
    throw new NotFoundError(`No agent ${path.namespace}/${path.name}`);
  }

  /** Of these (lower-case) refs, those the registry holds. */
  async registeredRefs(entityRefs: string[]): Promise<string[]> {
    const agents = await this.deps.registry.getMany(entityRefs.map(lower));
    return agents.map(a => a.entityRef);
  }

  /**
   * The owner of each agent (registry first, then the stored scores, which
   * cover YAML agents): what the `IS_AGENT_OWNER` rule compares.
   */
  async ownersOf(
    entityRefs: string[],
  ): Promise<Array<{ entityRef: string; owner: string | null } | undefined>> {
    const refs = entityRefs.map(lower);
    const registered = new Map(
      (await this.deps.registry.getMany(refs)).map(a => [a.entityRef, a]),
    );
    return Promise.all(
      refs.map(async ref => {
        const agent = registered.get(ref);
        if (agent) {
          const [owner] = relatedRefs(agent.entity);
          return { entityRef: ref, owner: owner ? lower(owner) : null };
        }
        const stored = await this.deps.scores.getAgent(ref);
        return stored
          ? { entityRef: ref, owner: stored.owner ? lower(stored.owner) : null }
          : undefined;
      }),
    );
  }

  /**
   * The agent's audit trail: of its current registration (a YAML agent's:
   * the entries of no registration), or with `registrations: 'all'` of
   * every agent this ref has named, each entry marked with its registration
   * (for callers granted `agent-risk.audit.history`).
   */
  async listAudit(
    entityRef: string,
    page: { limit: number; cursor?: string; registrations?: 'current' | 'all' },
  ): Promise<AuditListResponse> {
    let beforeId: number | undefined;
    if (page.cursor !== undefined) {
      beforeId = /^[1-9]\d{0,15}$/.test(page.cursor)
        ? Number(page.cursor)
        : NaN;
      if (!Number.isSafeInteger(beforeId)) {
        throw new InputError(
          'Invalid query parameter "cursor": must come from nextCursor',
        );
      }
    }
    const ref = lower(entityRef);
    const all = page.registrations === 'all';
    const registration = all
      ? 'all'
      : (await this.deps.registry.getMany([ref]))[0]?.registrationId ?? null;
    const rows = await this.deps.audit.list(
      ref,
      { limit: page.limit + 1, beforeId },
      registration,
    );
    const items = rows.slice(0, page.limit);
    return {
      items: items.map(
        ({ at, actor, action, reason, changes, registrationId }) => ({
          at,
          actor,
          action,
          reason,
          changes,
          ...(all ? { registration: registrationId } : {}),
        }),
      ),
      nextCursor:
        rows.length > page.limit ? String(items[items.length - 1].id) : null,
    };
  }

  /** Every registry entity and where the change feed stands: the provider's full mutation. */
  async snapshot(): Promise<RegistrySnapshot> {
    // The cursor first: a change landing between the two reads is replayed, never lost.
    const cursor = await this.deps.audit.latestId();
    const agents = await this.deps.registry.list();
    return { entities: agents.map(a => a.entity), cursor };
  }

  /**
   * The registry changes after `after`: the provider's delta mutation. With
   * `waitMs`, an answer with no changes is held until one lands (or the wait
   * ends, or `signal` aborts: the caller went away), so the provider hears of
   * a change at once without asking every few seconds.
   */
  async changesSince(
    after: number,
    options: { limit?: number; waitMs?: number; signal?: AbortSignal } = {},
  ): Promise<RegistryDelta> {
    const { limit = 500, waitMs = 0, signal } = options;
    const deadline = Date.now() + waitMs;
    let changes = await this.deps.audit.changesSince(after, limit);
    while (changes.length === 0 && !signal?.aborted) {
      const left = deadline - Date.now();
      if (left <= 0) {
        break;
      }
      await this.changeSignal.wait(Math.min(left, CHANGES_RECHECK_MS), signal);
      changes = await this.deps.audit.changesSince(after, limit);
    }
    if (changes.length === 0) {
      return { added: [], removed: [], cursor: after };
    }
    const refs = [...new Set(changes.map(c => c.entityRef))];
    const present = new Map(
      (await this.deps.registry.getMany(refs)).map(a => [a.entityRef, a]),
    );
    return {
      added: refs.flatMap(ref => {
        const agent = present.get(ref);
        return agent ? [agent.entity] : [];
      }),
      removed: refs.filter(ref => !present.has(ref)),
      cursor: changes[changes.length - 1].id,
    };
  }

  /**
   * The entity as the registry stores and the provider emits it: checked
   * with the common core and the catalog's own field rules, registry-managed
   * annotations set, nothing else added.
   */
  toRegistryEntity(input: unknown): Entity {
    const problems = validateRegistryEntity(input, {
      agentSelectors: this.deps.options.agentSelectors,
      assumedCvssBase: this.deps.options.assumedCvssBase,
    });
    if (problems.length > 0) {
      // Every problem, the first in the usual "Invalid <field>: ..." form; a
      // bounded list, since a hostile entity can have thousands.
      const shown = 10;
      const [first, ...rest] = problems;
      throw new InputError(
        [
          `Invalid ${first.field}: ${first.message}`,
          ...rest.slice(0, shown - 1).map(p => `${p.field}: ${p.message}`),
          ...(problems.length > shown
            ? [`and ${problems.length - shown} more`]
            : []),
        ].join('; '),
      );
    }
    // Only the allowed fields: the catalog's echoed bookkeeping is dropped.
    const raw = pickRegistryFields(input as Entity);
    const namespace = raw.metadata.namespace ?? 'default';
    const location = `${REGISTRY_LOCATION_TYPE}:${namespace}/${raw.metadata.name}`;
    const entity: Entity = {
      apiVersion: raw.apiVersion || 'backstage.io/v1alpha1',
      kind: raw.kind,
      metadata: {
        name: raw.metadata.name,
        namespace,
        ...(raw.metadata.title ? { title: raw.metadata.title } : {}),
        ...(raw.metadata.description
          ? { description: raw.metadata.description }
          : {}),
        ...(raw.metadata.tags ? { tags: raw.metadata.tags } : {}),
        ...(raw.metadata.links ? { links: raw.metadata.links } : {}),
        annotations: {
          ...raw.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [REGISTRY_ANNOTATION]: 'true',
        },
      },
      spec: raw.spec,
    };
    try {
      // Names, tags, links: what the catalog would refuse at ingestion.
      new FieldFormatEntityPolicy().enforce(entity);
    } catch (error) {
      throw new InputError(String((error as Error).message));
    }
    return entity;
  }

  /**
   * The refs an agent names (spec section 11). Its owner must be the caller
   * or one of the caller's groups, unless the policy grants
   * `agent-risk.agent.assign`; and every ref it names must be an entity the
   * caller can read: looked up with the caller's credentials, so a hidden
   * entity answers like a missing one and its title never reaches the
   * agent. On update, only what changed is checked.
   */
  private async checkRefs(
    entity: Entity,
    previous: Entity | undefined,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const namespace = entity.metadata.namespace ?? 'default';
    const refsOf = (e: Entity | undefined) => {
      const spec = (e?.spec ?? {}) as Record<string, unknown>;
      const norm = (value: unknown, kind: string) => {
        const ref = normalizeEntityRef(value, kind, namespace);
        return ref ? lower(ref) : null;
      };
      return {
        owner: norm(spec.owner, 'group'),
        system: norm(spec.system, 'system'),
        dependsOn: Array.isArray(spec.dependsOn)
          ? spec.dependsOn.map(v => ({ value: v, ref: norm(v, 'component') }))
          : [],
      };
    };
    const now = refsOf(entity);
    const before = previous ? refsOf(previous) : undefined;
    const toRead: Array<{ field: string; ref: string }> = [];

    if (now.owner && now.owner !== before?.owner) {
      const own = (await this.ownershipRefs(credentials)).includes(now.owner);
      if (!own && !(await this.deps.mayAssignAnyOwner(credentials))) {
        throw new NotAllowedError(
          `Invalid spec.owner: ${now.owner} is neither you nor a group you are a member of (assigning agents to others needs agent-risk.agent.assign)`,
        );
      }
      // Their own identity and groups: nothing to reveal.
      if (!own) {
        toRead.push({ field: 'spec.owner', ref: now.owner });
      }
    }
    if (now.system && now.system !== before?.system) {
      toRead.push({ field: 'spec.system', ref: now.system });
    }
    const dependedOn = new Set(before?.dependsOn.map(d => d.ref));
    for (const { ref } of now.dependsOn) {
      if (ref && !dependedOn.has(ref)) {
        toRead.push({ field: 'spec.dependsOn', ref });
      }
    }
    if (toRead.length === 0) {
      return;
    }
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: toRead.map(r => r.ref), fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    const missing = toRead.find((_, i) => !items[i]);
    if (missing) {
      throw new InputError(
        `Invalid ${missing.field}: no such entity you can read (${missing.ref})`,
      );
    }
  }

  /** The caller and their groups (lower-case); a service owns nothing. */
  private async ownershipRefs(
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if ((credentials.principal as { type?: string }).type !== 'user') {
      return [];
    }
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      credentials,
    );
    return ownershipEntityRefs.map(lower);
  }

  private async requireRegistryAgent(path: {
    namespace: string;
    name: string;
  }): Promise<RegisteredAgent> {
    const agent = await this.deps.registry.get(path.namespace, path.name);
    if (agent) {
      return agent;
    }
    const yaml = await this.catalogAgentAt(path.namespace, path.name);
    if (yaml) {
      const ref = stringifyEntityRef(yaml);
      throw new ConflictError(
        `${ref} is defined in its source (YAML), not in the registry: change it there`,
      );
    }
    throw new NotFoundError(`No registry agent ${path.namespace}/${path.name}`);
  }

  private async catalogEntityAt(
    kind: string,
    namespace: string,
    name: string,
  ): Promise<Entity | undefined> {
    return this.deps.catalog.getEntityByRef(
      { kind, namespace, name },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
  }

  /** An agent of any configured kind at this namespace and name in the catalog. */
  private async catalogAgentAt(
    namespace: string,
    name: string,
  ): Promise<Entity | undefined> {
    for (const { kind } of this.deps.options.agentSelectors) {
      const entity = await this.catalogEntityAt(kind, namespace, name);
      if (entity && isAgentEntity(entity, this.deps.options.agentSelectors)) {
        return entity;
      }
    }
    return undefined;
  }

  /** Scores on write: the ranking shows the change before the next sync. */
  private async scoreNow(entity: Entity) {
    const { catalog, auth, logger, scores, options } = this.deps;
    try {
      const names = await new DisplayNameResolver(
        catalog,
        await auth.getOwnServiceCredentials(),
        logger,
      ).resolve(relatedRefs(entity));
      await scores.writeScores(
        [toScoreWrite(entity, options, names)],
        this.now(),
      );
      // An assessment raised to the evidence is no longer understated.
      await this.deps.evidence?.update([entity]);
    } catch (error) {
      // Stored in the registry already; the next sync scores it.
      logger.warn(
        `Agent risk registry: could not score ${stringifyEntityRef(
          entity,
        )} on write: ${error}`,
      );
    }
  }

  private auditEntry(
    at: string,
    entityRef: string,
    registrationId: string,
    action: AuditAction,
    actor: string,
    reason: string,
    before: Entity | undefined,
    after: Entity | undefined,
  ): NewAuditEntry {
    return {
      entityRef,
      at,
      actor,
      action,
      reason,
      changes: diffEntities(before, after),
      registrationId,
    };
  }

  private now(): string {
    return (this.deps.now ? this.deps.now() : new Date()).toISOString();
  }
}
