import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createHash } from 'crypto';
import { performance } from 'perf_hooks';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import {
  AGENT_ENTITY_FIELDS,
  isAgentEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskBackendOptions } from '../options';
import { agentCatalogFilter } from '../catalog/agentCatalogFilter';
import { DisplayNameResolver } from './displayNames';
import { relatedRefs, sourceHashOf, toScoreWrite } from './toScoreWrite';
import { AgentRiskDatabase } from '../database/AgentRiskDatabase';
import {
  AgentScoreWrite,
  AgentWriteReport,
  StoredAgentRecord,
} from '../database/types';
import { AgentRiskNotifier } from '../notifications/AgentRiskNotifier';
import { ReachService, ReachSyncReport } from '../reach/ReachService';

/** A sync that changes this many rows refreshes the planner statistics. */
const ANALYZE_AFTER_CHANGED_ROWS = 1000;

/**
 * What one full sync did.
 *
 * @public
 */
export interface AgentRiskSyncReport {
  /** Agents read from the catalog. */
  seen: number;
  /** Agents whose inputs had not changed since they were stored: not scored again. */
  unchanged: number;
  /** Rows inserted or rewritten (0 when nothing changed). */
  written: number;
  historyAppended: number;
  /** Agents whose record the database refused, stored as invalid naming the error. */
  storedAsProblem: number;
  /** Agents that could not be written at all. */
  failed: number;
  /** Agents deleted because they left the catalog. */
  removed: number;
  /** Agents whose evidence findings changed. */
  evidenceChanged: number;
  /** Why agents that seem to have left the catalog were kept, when they were. */
  sweepSkipped?: string;
  historyPruned: number;
  /** The reach step (spec 9.1); absent without reach, or when it failed (logged). */
  reach?: ReachSyncReport;
  /** Wall time of the whole run. */
  seconds: number;
  /** Of that, the time spent reading from the catalog (agents and display names). */
  catalogSeconds: number;
}

/**
 * What a single-agent refresh did; undefined from `refreshAgent` when the entity is not an agent the caller can read.
 *
 * @public
 */
export interface AgentRefreshOutcome {
  /** When the agent was re-scored. */
  refreshedAt: string;
  /** The catalog served a changed entity within the wait. */
  catalogUpdated: boolean;
  /** The stored record before the refresh, if there was one. */
  previous?: StoredAgentRecord;
}

/** @public */
export interface AgentRiskSyncOptions {
  catalog: CatalogService;
  auth: AuthService;
  database: AgentRiskDatabase;
  logger: LoggerService;
  options: Pick<
    AgentRiskBackendOptions,
    | 'agentSelectors'
    | 'model'
    | 'assumedCvssBase'
    | 'sync'
    | 'history'
    | 'refresh'
  >;
  /**
   * Of these refs, the agents the registry holds: the catalog may not have
   * ingested a just-registered agent yet, and the sweep must not remove its
   * score meanwhile.
   */
  registeredAgents?: (refs: string[]) => Promise<string[]>;
  /** Tells owners about changes; absent when notifications are off. */
  notifier?: AgentRiskNotifier;
  /**
   * Keeps reach on the catalog graph (spec 9.1), before the agents are
   * scored so that their evidence reads this sync's reach; a failure is
   * logged and leaves the stored reach as it was.
   */
  reach?: Pick<ReachService, 'sync'> &
    Partial<Pick<ReachService, 'recomputeAgent'>>;
  /**
   * Draws the evidence findings of each page of agents (spec 9.2) after
   * their scores are written; never changes a score. Absent: no findings.
   */
  evidence?: { update(agents: readonly Entity[]): Promise<number> };
  /** Called after each complete sync, e.g. to warm read caches. */
  onSynced?: (report: AgentRiskSyncReport) => Promise<void> | void;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

/** How often a refresh asks the catalog whether it re-processed the entity. */
const REFRESH_POLL_INTERVAL_MS = 250;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** What identifies one processed version of an entity. */
function entityVersion(entity: Entity): string {
  return (
    entity.metadata.etag ??
    createHash('sha256').update(JSON.stringify(entity)).digest('hex')
  );
}

/**
 * Brings the score store in line with the catalog. A full sync pages through
 * every agent entity, re-scores each with the org's model and writes only the
 * rows that changed; only after the last page was read does it remove agents
 * that left the catalog, so a failed run keeps the last good scores. A run
 * that saw no agents, or would remove more than `maxSweepShare` of them,
 * removes nothing: that is a catalog or access problem more often than a
 * mass departure.
 *
 * @public
 */
export class AgentRiskSync {
  private running?: Promise<AgentRiskSyncReport>;

  constructor(private readonly deps: AgentRiskSyncOptions) {}

  /** Runs a full sync; a call while one is running in this process joins it. */
  syncAll(signal?: AbortSignal): Promise<AgentRiskSyncReport> {
    if (!this.running) {
      this.running = this.doSyncAll(signal).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async doSyncAll(signal?: AbortSignal): Promise<AgentRiskSyncReport> {
    const { catalog, auth, database, logger, options } = this.deps;
    const startedAt = this.now().toISOString();
    const credentials = await auth.getOwnServiceCredentials();
    const displayNames = new DisplayNameResolver(catalog, credentials, logger);
    const seen = new Set<string>();
    const started = performance.now();
    let catalogMs = 0;
    const fromCatalog = async <T>(read: () => Promise<T>): Promise<T> => {
      const readStarted = performance.now();
      try {
        return await read();
      } finally {
        catalogMs += performance.now() - readStarted;
      }
    };
    const report: AgentRiskSyncReport = {
      seen: 0,
      unchanged: 0,
      seconds: 0,
      catalogSeconds: 0,
      written: 0,
      historyAppended: 0,
      storedAsProblem: 0,
      failed: 0,
      removed: 0,
      evidenceChanged: 0,
      historyPruned: 0,
    };

    // Reach first: the evidence drawn for each page below reads it, so a
    // changed relation shows in the findings of this same sync.
    if (this.deps.reach) {
      try {
        report.reach = await fromCatalog(() =>
          this.deps.reach!.sync(credentials, signal),
        );
        if (report.reach.sweepSkipped) {
          logger.warn(report.reach.sweepSkipped);
        }
      } catch (error) {
        logger.error(
          `Agent risk reach: not updated, the last computed reach is kept: ${error}`,
        );
      }
    }

    let cursor: string | undefined;
    do {
      if (signal?.aborted) {
        throw new Error('Agent risk sync aborted');
      }
      const pageCursor = cursor;
      const response = await fromCatalog(() =>
        catalog.queryEntities(
          pageCursor
            ? {
                cursor: pageCursor,
                limit: options.sync.pageSize,
                fields: AGENT_ENTITY_FIELDS,
              }
            : {
                filter: agentCatalogFilter(options.agentSelectors),
                limit: options.sync.pageSize,
                fields: AGENT_ENTITY_FIELDS,
              },
          { credentials },
        ),
      );
      const agents = response.items.filter(e =>
        isAgentEntity(e, options.agentSelectors),
      );
      const names = await fromCatalog(() =>
        displayNames.resolve(agents.flatMap(relatedRefs)),
      );
      // Score only agents whose inputs changed since they were stored.
      const refs = agents.map(e => stringifyEntityRef(e));
      const stored = await database.scores.sourceHashes(refs);
      const writes: AgentScoreWrite[] = [];
      agents.forEach((entity, i) => {
        seen.add(refs[i]);
        const sourceHash = sourceHashOf(entity, options, names);
        if (stored.get(refs[i]) === sourceHash) {
          report.unchanged += 1;
        } else {
          writes.push(toScoreWrite(entity, options, names, sourceHash));
        }
      });
      const written = await database.scores.writeScores(
        writes,
        this.now().toISOString(),
      );
      this.logWriteProblems(written);
      await this.notify(n => n.recordChanges(written.changes));
      report.written += written.written;
      report.historyAppended += written.historyAppended;
      report.storedAsProblem += written.storedAsProblem.length;
      report.failed += written.failed.length;
      // Every agent of the page, changed or not: the facts are other
      // entities (tools, resources, reach), which change on their own.
      report.evidenceChanged += (await this.deps.evidence?.update(agents)) ?? 0;
      cursor = response.pageInfo.nextCursor;
    } while (cursor);

    // Only a complete run may conclude that an agent left the catalog.
    report.seen = seen.size;
    let gone = await database.scores.listAgentsNotIn(seen, startedAt);
    if (gone.length > 0 && this.deps.registeredAgents) {
      const registered = new Set(await this.deps.registeredAgents(gone));
      gone = gone.filter(ref => !registered.has(ref));
    }
    report.sweepSkipped = await this.sweepRefusal(seen.size, gone.length);
    if (report.sweepSkipped) {
      logger.warn(report.sweepSkipped);
    } else {
      report.removed = await database.scores.deleteAgents(gone, startedAt);
    }
    const retentionMs = durationToMilliseconds(options.history.retention);
    report.historyPruned = await database.history.pruneHistory(
      new Date(this.now().getTime() - retentionMs).toISOString(),
    );
    if (report.written + report.removed >= ANALYZE_AFTER_CHANGED_ROWS) {
      await database.analyze();
    }
    await database.syncState.setLastSyncAt(this.now().toISOString());
    report.seconds = (performance.now() - started) / 1000;
    report.catalogSeconds = catalogMs / 1000;
    await this.notify(async n => {
      await n.recordOverdueReviews();
      await n.deliver();
    });
    await this.deps.onSynced?.(report);
    logger.info(
      `Agent risk sync: ${report.seen} agents, ${report.unchanged} unchanged, ${
        report.written
      } written, ${
        report.storedAsProblem
      } stored as invalid because the database refused their record, ${
        report.failed
      } not written, ${report.removed} removed, ${
        report.evidenceChanged
      } with changed evidence findings, ${
        report.historyPruned
      } history entries pruned; ${report.seconds.toFixed(
        1,
      )} s, of which ${report.catalogSeconds.toFixed(1)} s reading the catalog${
        report.reach
          ? `; reach: ${report.reach.entities} entities, ${report.reach.changed} changed, ${report.reach.removed} removed, ${report.reach.recomputed} agents recomputed`
          : ''
      }`,
    );
    return report;
  }

  /** Why the sweep must not remove `goneCount` agents, or undefined when it may. */
  private async sweepRefusal(
    seenCount: number,
    goneCount: number,
  ): Promise<string | undefined> {
    if (goneCount === 0) {
      return undefined;
    }
    if (seenCount === 0) {
      return `Agent risk sync: the catalog returned no agents, so the ${goneCount} stored agents were kept. Check agentRisk.agents and that the plugin's service token may read the catalog; if every agent really left the catalog, their scores go once at least one agent is back.`;
    }
    const stored = await this.deps.database.scores.countAgents({});
    const share = this.deps.options.sync.maxSweepShare;
    if (goneCount > stored * share) {
      return `Agent risk sync: ${goneCount} of ${stored} stored agents are no longer in the catalog, more than agentRisk.sync.maxSweepShare (${share}) allows, so they were kept. If they really left the catalog, set agentRisk.sync.maxSweepShare to 1, trigger a sync (POST /api/agent-risk/sync) and set it back.`;
    }
    return undefined;
  }

  private logWriteProblems(report: AgentWriteReport) {
    for (const problem of report.storedAsProblem) {
      this.deps.logger.warn(
        `Agent risk sync: stored ${problem.entityRef} as invalid, the database refused its record: ${problem.error}`,
      );
    }
    for (const problem of report.failed) {
      this.deps.logger.error(
        `Agent risk sync: could not store ${problem.entityRef}: ${problem.error}`,
      );
    }
  }

  /**
   * Re-scores one agent now. Asks the catalog to re-read the entity from its
   * source and waits (up to `refresh.catalogWait`) until the catalog serves a
   * changed entity, so an edit just pushed is what gets scored. The entity is
   * read with the caller's credentials, so the catalog's read rules apply.
   * Returns undefined when the entity is unknown, hidden, or not an agent.
   */
  async refreshAgent(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<AgentRefreshOutcome | undefined> {
    const { catalog, auth, database, logger, options } = this.deps;
    const read = () => catalog.getEntityByRef(ref, { credentials });
    let entity: Entity | undefined = await read();
    if (!entity || !isAgentEntity(entity, options.agentSelectors)) {
      return undefined;
    }
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const previous = await database.scores.getAgent(entityRef);
    // The caller holds agent-risk.refresh; the catalog's own refresh
    // permission is not theirs to need, so the plugin asks for it.
    const ownCredentials = await auth.getOwnServiceCredentials();
    let catalogUpdated = false;
    const before = entityVersion(entity);
    try {
      await catalog.refreshEntity(stringifyEntityRef(entity), {
        credentials: ownCredentials,
      });
      const deadline =
        Date.now() + durationToMilliseconds(options.refresh.catalogWait);
      while (Date.now() < deadline) {
        await sleep(Math.min(REFRESH_POLL_INTERVAL_MS, deadline - Date.now()));
        const current = await read();
        if (!current || !isAgentEntity(current, options.agentSelectors)) {
          break; // gone meanwhile: keep scoring what we had
        }
        if (entityVersion(current) !== before) {
          entity = current;
          catalogUpdated = true;
          break;
        }
      }
    } catch (error) {
      logger.warn(
        `Agent risk refresh: the catalog did not refresh ${entityRef}; scoring what it serves: ${error}`,
      );
    }
    const names = await new DisplayNameResolver(
      catalog,
      ownCredentials,
      logger,
    ).resolve(relatedRefs(entity));
    const refreshedAt = this.now().toISOString();
    const written = await database.scores.writeScores(
      [toScoreWrite(entity, options, names)],
      refreshedAt,
    );
    this.logWriteProblems(written);
    // Before the evidence, which reads the agent's reach. A failure keeps
    // the stored reach, which the next sync brings up to date.
    try {
      await this.deps.reach?.recomputeAgent?.(entityRef, ownCredentials);
    } catch (error) {
      logger.warn(
        `Agent risk refresh: the reach of ${entityRef} was not recomputed, the last one is kept: ${error}`,
      );
    }
    await this.deps.evidence?.update([entity]);
    await this.notify(async n => {
      await n.recordChanges(written.changes);
      await n.deliver();
    });
    return { refreshedAt, catalogUpdated, previous };
  }

  /** Notifications never fail a sync or a refresh: a failure is logged, and undelivered ones are retried. */
  private async notify(
    step: (notifier: AgentRiskNotifier) => Promise<unknown>,
  ): Promise<void> {
    if (!this.deps.notifier) {
      return;
    }
    try {
      await step(this.deps.notifier);
    } catch (error) {
      this.deps.logger.warn(
        `Agent risk notifications: ${error}; undelivered notifications are retried after the next sync`,
      );
    }
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }
}
