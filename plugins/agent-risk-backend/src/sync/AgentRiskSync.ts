import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import { isAgentEntity } from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskBackendOptions } from '../options';
import { agentCatalogFilter } from '../service/agentCatalogFilter';
import { AGENT_ENTITY_FIELDS, toScoreWrite } from '../service/toScoreWrite';
import { AgentRiskStore } from '../store/AgentRiskStore';

/** A sync that changes this many rows refreshes the planner statistics. */
const ANALYZE_AFTER_CHANGED_ROWS = 1000;

/** What one full sync did. */
export interface AgentRiskSyncReport {
  /** Agents read from the catalog. */
  seen: number;
  /** Rows inserted or rewritten (0 when nothing changed). */
  written: number;
  historyAppended: number;
  /** Agents deleted because they left the catalog. */
  removed: number;
  historyPruned: number;
}

export interface AgentRiskSyncOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: AgentRiskStore;
  logger: LoggerService;
  options: Pick<
    AgentRiskBackendOptions,
    'agentSelectors' | 'model' | 'assumedCvssBase' | 'sync' | 'history'
  >;
  /** Called after each complete sync, e.g. to warm read caches. */
  onSynced?: (report: AgentRiskSyncReport) => Promise<void> | void;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

/**
 * Brings the score store in line with the catalog. A full sync pages through
 * every agent entity, re-scores each with the org's model and writes only the
 * rows that changed; only after the last page was read does it delete agents
 * that left the catalog, so a failed run keeps the last good scores.
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
    const { catalog, auth, store, logger, options } = this.deps;
    const startedAt = this.now().toISOString();
    const credentials = await auth.getOwnServiceCredentials();
    const seen = new Set<string>();
    const report: AgentRiskSyncReport = {
      seen: 0,
      written: 0,
      historyAppended: 0,
      removed: 0,
      historyPruned: 0,
    };

    let cursor: string | undefined;
    do {
      if (signal?.aborted) {
        throw new Error('Agent risk sync aborted');
      }
      const response = await catalog.queryEntities(
        cursor
          ? {
              cursor,
              limit: options.sync.pageSize,
              fields: AGENT_ENTITY_FIELDS,
            }
          : {
              filter: agentCatalogFilter(options.agentSelectors),
              limit: options.sync.pageSize,
              fields: AGENT_ENTITY_FIELDS,
            },
        { credentials },
      );
      const agents = response.items.filter(e =>
        isAgentEntity(e, options.agentSelectors),
      );
      const writes = agents.map(e => toScoreWrite(e, options));
      for (const w of writes) {
        seen.add(w.record.entityRef);
      }
      const written = await store.writeScores(writes, this.now().toISOString());
      report.written += written.written;
      report.historyAppended += written.historyAppended;
      cursor = response.pageInfo.nextCursor;
    } while (cursor);

    // Only a complete run may conclude that an agent left the catalog.
    report.seen = seen.size;
    report.removed = await store.deleteAgentsNotIn(seen, startedAt);
    const retentionMs = durationToMilliseconds(options.history.retention);
    report.historyPruned = await store.pruneHistory(
      new Date(this.now().getTime() - retentionMs).toISOString(),
    );
    if (report.written + report.removed >= ANALYZE_AFTER_CHANGED_ROWS) {
      await store.analyze();
    }
    await store.setLastSyncAt(this.now().toISOString());
    await this.deps.onSynced?.(report);
    logger.info(
      `Agent risk sync: ${report.seen} agents, ${report.written} written, ${report.removed} removed, ${report.historyPruned} history entries pruned`,
    );
    return report;
  }

  /**
   * Re-scores one agent now. The entity is read with the caller's
   * credentials, so the catalog's read rules apply. Returns false when the
   * entity is unknown, hidden, or not an agent.
   */
  async refreshAgent(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const entity: Entity | undefined = await this.deps.catalog.getEntityByRef(
      ref,
      { credentials },
    );
    if (!entity || !isAgentEntity(entity, this.deps.options.agentSelectors)) {
      return false;
    }
    await this.deps.store.writeScores(
      [toScoreWrite(entity, this.deps.options)],
      this.now().toISOString(),
    );
    return true;
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }
}
