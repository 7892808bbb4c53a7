import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  FieldFormatEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuditAction,
  AuditListResponse,
  hasUnsafeText,
  isAgentEntity,
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
import { AuditStore, NewAuditEntry } from '../database/AuditStore';
import { RegisteredAgent, RegistryStore } from '../database/RegistryStore';
import { AgentRiskBackendOptions } from '../options';
import { DisplayNameResolver } from '../sync/displayNames';
import { relatedRefs, scoringInputs, toScoreWrite } from '../sync/toScoreWrite';
import { ScoreStore } from '../database/scores/ScoreStore';
import { diffEntities } from './auditChanges';

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
 * A date the caller sets explicitly wins; an update that leaves the
 * assessment as it was keeps the previous date.
 */
function withReviewedAt(
  entity: Entity,
  previous: Entity | undefined,
  now: string,
): Entity {
  const annotations = entity.metadata.annotations ?? {};
  const before = previous?.metadata.annotations?.[REVIEWED_AT_ANNOTATION];
  const given = annotations[REVIEWED_AT_ANNOTATION];
  let reviewedAt: string | undefined;
  if (given && given !== before) {
    reviewedAt = given;
  } else if (
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
      now?: () => Date;
    },
  ) {}

  async create(
    input: { entity: unknown; reason: unknown },
    credentials: BackstageCredentials,
  ): Promise<{ entityRef: string }> {
    const reason = readReason(input.reason);
    const entity = withReviewedAt(
      this.toRegistryEntity(input.entity),
      undefined,
      this.now(),
    );
    const entityRef = lower(stringifyEntityRef(entity));
    const namespace = entity.metadata.namespace!;
    const name = entity.metadata.name;
    if (await this.catalogEntityAt(entity.kind, namespace, name)) {
      throw new ConflictError(
        `${entityRef} is taken: the catalog already has an entity of that name`,
      );
    }
    const now = this.now();
    const actor = actorOf(credentials);
    const outcome = await this.deps.registry.create(
      {
        entityRef,
        entity,
        createdBy: actor,
        createdAt: now,
        updatedBy: actor,
        updatedAt: now,
      },
      this.auditEntry(entityRef, 'create', actor, reason, undefined, entity),
    );
    if (outcome === 'name-taken') {
      throw new ConflictError(
        `${namespace}/${name} is taken: the registry already has an agent of that name`,
      );
    }
    await this.scoreNow(entity);
    return { entityRef };
  }

  async update(
    path: { namespace: string; name: string },
    input: { entity: unknown; reason: unknown },
    credentials: BackstageCredentials,
  ): Promise<{ entityRef: string }> {
    const reason = readReason(input.reason);
    const current = await this.requireRegistryAgent(path);
    const entity = withReviewedAt(
      this.toRegistryEntity(input.entity),
      current.entity,
      this.now(),
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
    const actor = actorOf(credentials);
    const now = this.now();
    const updated = await this.deps.registry.update(
      { ...current, entity, updatedBy: actor, updatedAt: now },
      this.auditEntry(
        current.entityRef,
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
        current.entityRef,
        'delete',
        actor,
        reason,
        current.entity,
        undefined,
      ),
    );
    if (!deleted) {
      throw new NotFoundError(`${current.entityRef} was deleted meanwhile`);
    }
    // The catalog drops the entity with the provider's next delta; the
    // ranking need not show it until then.
    await this.deps.scores.deleteAgents([current.entityRef], this.now());
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

  async listAudit(
    entityRef: string,
    page: { limit: number; cursor?: string },
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
    const rows = await this.deps.audit.list(lower(entityRef), {
      limit: page.limit + 1,
      beforeId,
    });
    const items = rows.slice(0, page.limit);
    return {
      items: items.map(({ at, actor, action, reason, changes }) => ({
        at,
        actor,
        action,
        reason,
        changes,
      })),
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

  /** The registry changes after `after`: the provider's delta mutation. */
  async changesSince(after: number, limit = 500): Promise<RegistryDelta> {
    const changes = await this.deps.audit.changesSince(after, limit);
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
    entityRef: string,
    action: AuditAction,
    actor: string,
    reason: string,
    before: Entity | undefined,
    after: Entity | undefined,
  ): NewAuditEntry {
    return {
      entityRef,
      at: this.now(),
      actor,
      action,
      reason,
      changes: diffEntities(before, after),
    };
  }

  private now(): string {
    return (this.deps.now ? this.deps.now() : new Date()).toISOString();
  }
}
