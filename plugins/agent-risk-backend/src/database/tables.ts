import { Knex } from 'knex';

/** The plugin's tables, named only here; the migrations in `migrations/` create them. */
export const SCORES_TABLE = 'agent_risk_scores';
/** The full stored record of each agent in SCORES_TABLE, the JSON the detail route returns. */
export const RECORDS_TABLE = 'agent_risk_records';
export const HISTORY_TABLE = 'agent_risk_history';
export const STATE_TABLE = 'agent_risk_state';
export const REMOVED_TABLE = 'agent_risk_removed';
/** SQLite only: the FTS5 trigram index over search_text (see the migrations). */
export const SEARCH_INDEX_TABLE = 'agent_risk_scores_search';
export const NOTIFICATIONS_TABLE = 'agent_risk_notifications';
/** The registry's audit trail; its `delete` entries end a registration. */
export const AUDIT_TABLE = 'agent_risk_audit';
/** Agents created in Backstage (spec section 11), one row per current registration. */
export const REGISTRY_TABLE = 'agent_risk_registry';
/** Risk acceptances (spec section 7), each with its state. */
export const ACCEPTANCE_TABLE = 'agent_risk_acceptance';
/** MCP servers the tool inventory looked at (spec section 8.2), with their last outcome. */
export const MCP_SERVERS_TABLE = 'agent_risk_mcp_servers';
/** Each MCP server's tools as last listed; a tool no longer listed keeps its row with removed_at. */
export const MCP_TOOLS_TABLE = 'agent_risk_mcp_tools';
/** One row: the last tool inventory run. */
export const MCP_RUN_TABLE = 'agent_risk_mcp_run';

/** Rows per INSERT/SELECT batch: well under SQLite's and PostgreSQL's bind limits. */
export const BATCH_SIZE = 200;

/** PostgreSQL returns bigint aggregates as strings; SQLite returns numbers. */
export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** The few places that need per-database SQL ask this. */
export function isPostgres(knex: Knex): boolean {
  const client = String(knex.client.config?.client ?? '');
  return client === 'pg' || client.includes('postgres');
}
/** Catalog entities on the reach graph, each with a hash of what reach reads (spec 9.1). */
export const REACH_NODES_TABLE = 'agent_risk_reach_nodes';
/** Each agent's reach as JSON. */
export const REACH_TABLE = 'agent_risk_reach';
/** Which agents reach which entity: the reverse index of REACH_TABLE. */
export const REACH_INDEX_TABLE = 'agent_risk_reach_index';
/** What agent-card discovery last read of each card URL (spec section 8.1). */
export const DISCOVERY_CARDS_TABLE = 'agent_risk_discovery_cards';
/** When each discovery task last ran. */
export const DISCOVERY_RUNS_TABLE = 'agent_risk_discovery_runs';
