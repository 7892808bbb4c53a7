import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { KnexScoreHistoryStore } from './history/KnexScoreHistoryStore';
import { ScoreHistoryStore } from './history/ScoreHistoryStore';
import { KnexScoreStore } from './scores/KnexScoreStore';
import { ScoreStore } from './scores/ScoreStore';
import { KnexSyncStateStore } from './syncState/KnexSyncStateStore';
import { SyncStateStore } from './syncState/SyncStateStore';
import { KnexTombstones } from './tombstones/KnexTombstones';
import { KnexNotificationOutbox } from './notifications/KnexNotificationOutbox';
import { NotificationOutbox } from './notifications/NotificationOutbox';
import { KnexTrendStore } from './trends/KnexTrendStore';
import { TrendStore } from './trends/TrendStore';
import { AuditStore } from './audit/AuditStore';
import { KnexAuditStore } from './audit/KnexAuditStore';
import { RegistryStore } from './registry/RegistryStore';
import { KnexRegistryStore } from './registry/KnexRegistryStore';
import { AcceptanceStore } from './acceptance/AcceptanceStore';
import { EvidenceStore } from './evidence/EvidenceStore';
import { KnexEvidenceStore } from './evidence/KnexEvidenceStore';
import { KnexAcceptanceStore } from './acceptance/KnexAcceptanceStore';
import { ReachStore } from './reach/ReachStore';
import { KnexReachStore } from './reach/KnexReachStore';
import { McpToolStore } from './mcpTools/McpToolStore';
import { KnexMcpToolStore } from './mcpTools/KnexMcpToolStore';
import { AgentCardStore } from './agentCards/AgentCardStore';
import { KnexAgentCardStore } from './agentCards/KnexAgentCardStore';

/**
 * The plugin's stores, one per aggregate. Each owns its SQL; the Knex
 * implementations share transactions where one change spans tables (a score
 * write appends history and bumps the data version).
 *
 * @public
 */
export interface AgentRiskDatabase {
  scores: ScoreStore;
  history: ScoreHistoryStore;
  syncState: SyncStateStore;
  /** Stored history and removals, read for `GET /trends`. */
  trends: TrendStore;
  /** Owner notifications recorded and delivered, once per agent and event. */
  notifications: NotificationOutbox;
  /** Agents created in Backstage; each change writes its audit entry in the same transaction. */
  registry: RegistryStore;
  /** The registry's and the acceptances' audit trail. */
  audit: AuditStore;
  /** Risk acceptances and their transitions, each audited. */
  acceptance: AcceptanceStore;
  /** Reach on the catalog graph (spec 9.1): each agent's reach and the reverse index. */
  reach: ReachStore;
  /** The MCP tool inventory (spec 8.2); a tool change appends its audit entries in the same transaction. */
  mcpTools: McpToolStore;
  /** Evidence findings beside each score (spec 9.2); they never change it. */
  evidence: EvidenceStore;
  /** What agent-card discovery last read of each card URL. */
  agentCards: AgentCardStore;
  /**
   * Refreshes the planner statistics after a bulk change. SQLite never
   * collects them by itself, and without them both databases pick the wrong
   * index for combined filters (e.g. severity + owner) on large tables.
   */
  analyze(): Promise<void>;
}

/**
 * Applies the package's migrations (unless skipped) and returns the stores.
 *
 * @public
 */
export async function createAgentRiskDatabase(
  knex: Knex,
  options: { skipMigrations?: boolean } = {},
): Promise<AgentRiskDatabase> {
  if (!options.skipMigrations) {
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@agent-risk/plugin-agent-risk-backend',
        'migrations',
      ),
    });
  }
  const tombstones = new KnexTombstones(knex);
  const history = new KnexScoreHistoryStore(knex, tombstones);
  const syncState = new KnexSyncStateStore(knex);
  const scores = new KnexScoreStore(knex, {
    history,
    state: syncState,
    tombstones,
  });
  const audit = new KnexAuditStore(knex);
  const acceptance = new KnexAcceptanceStore(knex, audit, syncState);
  return {
    scores,
    history,
    syncState,
    trends: new KnexTrendStore(knex),
    notifications: new KnexNotificationOutbox(knex),
    // A registration's end also ends its acceptance, in one transaction.
    registry: new KnexRegistryStore(knex, audit, acceptance),
    audit,
    acceptance,
    reach: new KnexReachStore(knex),
    mcpTools: new KnexMcpToolStore(knex, audit),
    evidence: new KnexEvidenceStore(knex, syncState),
    agentCards: new KnexAgentCardStore(knex),
    async analyze() {
      await scores.analyze();
      await history.analyze();
    },
  };
}
