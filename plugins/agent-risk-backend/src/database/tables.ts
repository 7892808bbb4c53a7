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
/** What agent-card discovery last read of each card URL (spec section 8.1). */
export const DISCOVERY_CARDS_TABLE = 'agent_risk_discovery_cards';
/** When each discovery task last ran. */
export const DISCOVERY_RUNS_TABLE = 'agent_risk_discovery_runs';
