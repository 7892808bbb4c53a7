import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DISCOVERY_ANNOTATIONS,
  DiscoverySource,
  isDiscoveryAnnotation,
  normalizeEntityRef,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AgentCardStore,
  StoredCardSource,
} from '../database/agentCards/AgentCardStore';
import { DEFAULT_FETCH_MAX_BYTES, FetchReader } from '../fetch/FetchReader';
import { FetchRefusedError } from '../fetch/FetchRefusedError';
import { AgentRiskBackendOptions } from '../options';
import { RegistryService } from '../registry/RegistryService';
import { AgentRiskNotifier } from '../notifications/AgentRiskNotifier';
import { canonicalSha256 } from './canonicalJson';
import { cardSignatureState, keyLookup } from './cardSignature';
import { changedCardFields, discoveredAgent } from './discoveredAgent';

/** The scheduler task id of agent-card discovery. */
export const AGENT_CARD_DISCOVERY_TASK_ID = 'agent-risk-discovery-agent-cards';

/** The annotation naming an entity's own card (spec section 8.1). */
export const AGENT_CARD_URL_ANNOTATION = 'agent-risk.io/agent-card-url';

const MAX_ERRORS = 10;
const MAX_ERROR_LENGTH = 300;
/** The reader's own bound (1 MiB): a card is usually a few KiB. */
const MAX_CARD_BYTES = DEFAULT_FETCH_MAX_BYTES;

interface Target {
  url: string;
  kind: 'source' | 'annotation';
  /** The annotated entity (kind `annotation`). */
  entityRef: string | null;
  owner: string | null;
}

/** What one run did, for tests, the benchmark and the log. */
export interface DiscoveryRunResult {
  sources: number;
  ok: number;
  failed: number;
  notAllowed: number;
  /** Registry agents created or changed. */
  agentsWritten: number;
  /** Source rows written (unchanged rows are not). */
  rowsWritten: number;
}

const lower = (value: string) => value.toLocaleLowerCase('en-US');

const bounded = (errors: string[]) =>
  errors.slice(0, MAX_ERRORS).map(e => e.slice(0, MAX_ERROR_LENGTH));

/** Runs `fn` over `items`, at most `limit` at once. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * A2A agent-card discovery (spec section 8.1): reads every configured card
 * and every entity's `agent-risk.io/agent-card-url` with the plugin's fetch
 * reader (a configured URL is allowed by being named; an annotation's only
 * when `agentRisk.fetch.allow` names its host), at most `concurrency` at
 * once, each bounded in size and time so one bad source never stalls the
 * rest. A configured source's card becomes an `incomplete` registry agent,
 * written through the registry with the source as the audited actor; an
 * annotated entity is the agent itself, so its card only updates the
 * source's status. Nothing is deleted on a failed read: the agent is kept
 * and marked unreachable with when it was last seen.
 */
export class AgentCardDiscovery {
  constructor(
    private readonly deps: {
      reader: FetchReader;
      store: AgentCardStore;
      registry: RegistryService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      options: AgentRiskBackendOptions;
      /** Tells the owner once when a card changes; absent: notifications off. */
      notifier?: AgentRiskNotifier;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<DiscoveryRunResult> {
    const { store, options } = this.deps;
    const now = this.now();
    const targets = await this.targets();
    const stored = new Map((await store.list()).map(r => [r.url, r]));
    const keys = keyLookup({
      reader: this.deps.reader,
      trustedKeys: options.discovery.agentCards.trustedKeys,
      jwksUrl: options.discovery.agentCards.jwksUrl,
    });
    const claimed = new Set(
      targets.filter(t => t.kind === 'annotation').map(t => t.url),
    );
    let agentsWritten = 0;
    const rows = await mapBounded(
      targets,
      options.discovery.agentCards.concurrency,
      async target => {
        try {
          const { row, wrote } = await this.readOne(
            target,
            stored.get(target.url),
            claimed,
            keys,
            now,
          );
          agentsWritten += wrote ? 1 : 0;
          return row;
        } catch (error) {
          // A bug or a database failure for one source: the others go on.
          this.deps.logger.warn(
            `Agent card discovery: ${target.url} failed: ${error}`,
          );
          return failedRow(target, stored.get(target.url), now, [
            `the card could not be processed: ${String(error)}`,
          ]);
        }
      },
    );
    const rowsWritten = await store.save(rows);
    await store.recordRun(AGENT_CARD_DISCOVERY_TASK_ID, now);
    const count = (outcome: string) =>
      rows.filter(r => r.outcome === outcome).length;
    return {
      sources: rows.length,
      ok: count('ok'),
      failed: count('failed'),
      notAllowed: count('not-allowed'),
      agentsWritten,
      rowsWritten,
    };
  }

  /** Every source with its last run, for `GET /discovery/sources`. */
  async listSources(): Promise<DiscoverySource[]> {
    const targets = await this.targets();
    const stored = new Map((await this.deps.store.list()).map(r => [r.url, r]));
    const lastRunAt = await this.deps.store.lastRunAt(
      AGENT_CARD_DISCOVERY_TASK_ID,
    );
    return targets.map(target => {
      const row = stored.get(target.url);
      return {
        url: target.url,
        kind: target.kind,
        entityRef: target.entityRef ?? row?.entityRef ?? null,
        owner: target.owner,
        lastRunAt: row ? lastRunAt : null,
        outcome: row?.outcome ?? 'never-run',
        cardsFound: row?.cardsFound ?? 0,
        errors: row?.errors ?? [],
        lastSeenAt: row?.lastSeenAt ?? null,
        unreachableSince: row?.unreachableSince ?? null,
        signature: row?.signature ?? null,
      };
    });
  }

  /** The configured sources, then the annotated entities (not configured already). */
  private async targets(): Promise<Target[]> {
    const { options, catalog, auth } = this.deps;
    const targets: Target[] = [];
    const seen = new Set<string>();
    // A URL named twice is read once, with its first owner.
    for (const source of options.discovery.agentCards.sources) {
      if (!seen.has(source.url)) {
        seen.add(source.url);
        targets.push({
          url: source.url,
          kind: 'source',
          entityRef: null,
          owner: source.owner ?? options.discovery.defaultOwner,
        });
      }
    }
    const credentials = await auth.getOwnServiceCredentials();
    const items: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : {
              filter: {
                [`metadata.annotations.${AGENT_CARD_URL_ANNOTATION}`]:
                  CATALOG_FILTER_EXISTS,
              },
              fields: [
                'kind',
                'metadata.name',
                'metadata.namespace',
                'metadata.annotations',
                'spec.owner',
              ],
              limit: 500,
            },
        { credentials },
      );
      items.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    for (const entity of items) {
      const url = entity.metadata.annotations?.[AGENT_CARD_URL_ANNOTATION];
      if (!url || seen.has(url)) {
        continue;
      }
      seen.add(url);
      const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
      targets.push({
        url,
        kind: 'annotation',
        entityRef: lower(stringifyEntityRef(entity)),
        owner: typeof owner === 'string' ? owner : null,
      });
    }
    return targets;
  }

  private async readOne(
    target: Target,
    previous: StoredCardSource | undefined,
    claimed: Set<string>,
    keys: ReturnType<typeof keyLookup>,
    now: string,
  ): Promise<{ row: StoredCardSource; wrote: boolean }> {
    let json: unknown;
    try {
      const document = await this.deps.reader.fetch(target.url, {
        trust: target.kind === 'source' ? 'config' : 'untrusted',
        accept: 'application/json',
        maxBytes: MAX_CARD_BYTES,
      });
      json = document.json();
    } catch (error) {
      if (error instanceof FetchRefusedError && error.rule === 'not-allowed') {
        // Not contacted at all: the host is not allowed.
        return {
          row: {
            ...failedRow(target, previous, now, [
              `not allowed: ${error.message}`,
            ]),
            outcome: 'not-allowed',
          },
          wrote: false,
        };
      }
      const message =
        error instanceof FetchRefusedError
          ? `the card could not be read: ${error.message}`
          : 'the card could not be read';
      const row = failedRow(target, previous, now, [message]);
      const wrote = await this.markUnreachable(target, row);
      return { row, wrote };
    }

    const sha = canonicalSha256(json);
    const signature = await cardSignatureState(json, keys);
    const owner = target.owner ?? this.deps.options.discovery.defaultOwner;
    const { entity, problems, notes } = discoveredAgent(json, owner);
    if (!entity) {
      return {
        row: failedRow(target, previous, now, [
          'the card is not a usable A2A 0.3 or 1.0 agent card',
          ...problems,
        ]),
        wrote: false,
      };
    }
    const seen: StoredCardSource = {
      url: target.url,
      kind: target.kind,
      entityRef: target.entityRef,
      owner: target.owner,
      outcome: 'ok',
      cardsFound: 1,
      errors: bounded(notes),
      cardSha256: sha,
      signature,
      changedAt: now,
      lastSeenAt: now,
      unreachableSince: null,
    };
    if (target.kind === 'annotation' || claimed.has(target.url)) {
      // The annotated entity is the agent: nothing new is emitted. The
      // last-seen time moves only with the card, so a run that finds the
      // same card writes nothing.
      const same = previous?.outcome === 'ok' && previous.cardSha256 === sha;
      return {
        row: same
          ? {
              ...seen,
              lastSeenAt: previous!.lastSeenAt,
              changedAt: previous!.changedAt,
            }
          : seen,
        wrote: false,
      };
    }
    if (
      previous?.outcome === 'ok' &&
      previous.cardSha256 === sha &&
      previous.signature === signature &&
      previous.entityRef
    ) {
      // Nothing changed: no registry write, no audit entry, no row.
      return {
        row: {
          ...seen,
          entityRef: previous.entityRef,
          lastSeenAt: previous.lastSeenAt,
          changedAt: previous.changedAt,
        },
        wrote: false,
      };
    }
    return this.store(target, previous, entity, seen, sha, signature);
  }

  /** Writes the card's agent through the registry, the source the actor. */
  private async store(
    target: Target,
    previous: StoredCardSource | undefined,
    found: Entity,
    seen: StoredCardSource,
    sha: string,
    signature: string,
  ): Promise<{ row: StoredCardSource; wrote: boolean }> {
    const { entity, discovery } = splitDiscovery(found);
    Object.assign(discovery, {
      [DISCOVERY_ANNOTATIONS.discoveredFrom]: target.url,
      [DISCOVERY_ANNOTATIONS.cardSha256]: sha,
      [DISCOVERY_ANNOTATIONS.cardSignature]: signature,
    });
    const cardChanged = Boolean(
      previous?.cardSha256 && previous.cardSha256 !== sha,
    );
    const before = previous?.entityRef
      ? await this.deps.registry.registeredEntity(previous.entityRef)
      : undefined;
    const changed = before
      ? changedCardFields(before, {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: { ...entity.metadata.annotations, ...discovery },
          },
        })
      : [];
    let reason: string;
    if (!before) {
      reason = `Discovered from the agent card at ${target.url}`;
    } else if (cardChanged) {
      reason = `The agent card changed (${
        changed.join(', ') || 'its content'
      }): review due`;
    } else if (previous?.unreachableSince) {
      reason = 'The agent card can be read again';
    } else {
      reason = `The agent card's ${changed.join(', ') || 'state'} changed`;
    }
    try {
      const result = await this.deps.registry.recordDiscovered({
        entity,
        discovery,
        clear: [
          DISCOVERY_ANNOTATIONS.unreachableSince,
          DISCOVERY_ANNOTATIONS.lastSeenAt,
        ],
        actor: `discovery:${target.url}`.slice(0, 255),
        reason,
        cardChanged,
      });
      if (result.outcome === 'name-taken') {
        return {
          row: {
            ...seen,
            outcome: 'failed',
            entityRef: null,
            errors: bounded([
              `another agent already has the name ${result.entityRef}: the card was not stored`,
              ...seen.errors,
            ]),
          },
          wrote: false,
        };
      }
      if (cardChanged && result.outcome === 'updated' && before) {
        await this.notifyCardChanged(result.entityRef, before, sha, changed);
      }
      return {
        row: { ...seen, entityRef: result.entityRef },
        wrote: result.outcome !== 'unchanged',
      };
    } catch (error) {
      return {
        row: {
          ...seen,
          outcome: 'failed',
          entityRef: previous?.entityRef ?? null,
          cardSha256: previous?.cardSha256 ?? null,
          signature: previous?.signature ?? null,
          errors: bounded([
            `the card's agent was refused: ${(error as Error).message}`,
          ]),
        },
        wrote: false,
      };
    }
  }

  /** The owner hears of a changed card once; a failure to record it is logged, never fatal to the run. */
  private async notifyCardChanged(
    entityRef: string,
    before: Entity,
    sha: string,
    changed: readonly string[],
  ): Promise<void> {
    const notifier = this.deps.notifier;
    const owner = normalizeEntityRef(
      before.spec?.owner,
      'group',
      before.metadata.namespace ?? 'default',
    );
    if (!notifier || !owner) {
      return;
    }
    try {
      await notifier.recordCardChanged({
        agent: {
          entityRef,
          title: before.metadata.title || before.metadata.name,
          owner,
        },
        cardSha256: sha,
        changed,
      });
    } catch (error) {
      this.deps.logger.warn(
        `Agent card discovery: could not record the card change of ${entityRef} for its owner: ${error}`,
      );
    }
  }

  /**
   * A card that was read before and now cannot be: its agent is kept and
   * marked unreachable (once, when it becomes so), never deleted.
   */
  private async markUnreachable(
    target: Target,
    row: StoredCardSource,
  ): Promise<boolean> {
    if (
      target.kind !== 'source' ||
      !row.entityRef ||
      !row.unreachableSince ||
      !row.lastSeenAt
    ) {
      return false;
    }
    const current = await this.deps.registry.registeredEntity(row.entityRef);
    const annotations = current?.metadata.annotations ?? {};
    if (
      !current ||
      annotations[DISCOVERY_ANNOTATIONS.discoveredFrom] !== target.url ||
      annotations[DISCOVERY_ANNOTATIONS.unreachableSince]
    ) {
      return false;
    }
    const { entity, discovery } = splitDiscovery(current);
    try {
      const result = await this.deps.registry.recordDiscovered({
        entity,
        discovery: {
          ...discovery,
          [DISCOVERY_ANNOTATIONS.unreachableSince]: row.unreachableSince,
          [DISCOVERY_ANNOTATIONS.lastSeenAt]: row.lastSeenAt,
        },
        actor: `discovery:${target.url}`.slice(0, 255),
        reason: `The agent card could not be read (${row.errors[0]}); the agent is kept`,
        cardChanged: false,
      });
      return result.outcome === 'updated';
    } catch (error) {
      this.deps.logger.warn(
        `Agent card discovery: could not mark ${row.entityRef} unreachable: ${error}`,
      );
      return false;
    }
  }

  private now(): string {
    return (this.deps.now ? this.deps.now() : new Date()).toISOString();
  }
}

/** A failed read: what was known is kept, the error said. */
function failedRow(
  target: Target,
  previous: StoredCardSource | undefined,
  now: string,
  errors: string[],
): StoredCardSource {
  const lastSeenAt = previous?.lastSeenAt ?? null;
  const row: StoredCardSource = {
    url: target.url,
    kind: target.kind,
    entityRef: target.entityRef ?? previous?.entityRef ?? null,
    owner: target.owner,
    outcome: 'failed',
    cardsFound: 0,
    errors: bounded(errors),
    cardSha256: previous?.cardSha256 ?? null,
    signature: previous?.signature ?? null,
    changedAt: now,
    lastSeenAt,
    unreachableSince: lastSeenAt ? previous?.unreachableSince ?? now : null,
  };
  return row;
}

/** The entity without discovery's annotations, and those annotations. */
function splitDiscovery(found: Entity): {
  entity: Entity;
  discovery: Record<string, string>;
} {
  const annotations = found.metadata.annotations ?? {};
  const discovery: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    (isDiscoveryAnnotation(key) ? discovery : rest)[key] = value;
  }
  return {
    entity: { ...found, metadata: { ...found.metadata, annotations: rest } },
    discovery,
  };
}
