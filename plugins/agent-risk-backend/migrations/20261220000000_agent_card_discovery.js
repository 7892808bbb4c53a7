// @ts-check

/**
 * A2A agent-card discovery (spec section 8.1).
 *
 * - `agent_risk_discovery_cards`: one row per card URL read (a configured
 *   source or an entity's `agent-risk.io/agent-card-url`), with how its last
 *   read ended, the card's hash and signature state, when it was last seen
 *   and since when it is unreachable. A row changes only when one of these
 *   does, so a run that finds nothing new writes no row here.
 * - `agent_risk_discovery_runs`: when each discovery task last ran (one row
 *   per task), the only write of a run that changes nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_risk_discovery_cards', table => {
    table.string('url', 2048).primary().notNullable();
    table.string('kind', 16).notNullable();
    table.string('entity_ref', 512).nullable();
    table.string('owner', 512).nullable();
    table.string('outcome', 16).notNullable();
    table.integer('cards_found').notNullable().defaultTo(0);
    // JSON array of plain-word messages, bounded by the writer.
    table.text('errors').notNullable();
    table.string('card_sha256', 64).nullable();
    table.string('signature', 16).nullable();
    // ISO 8601 UTC with milliseconds.
    table.string('changed_at', 32).notNullable();
    table.string('last_seen_at', 32).nullable();
    table.string('unreachable_since', 32).nullable();
  });
  await knex.schema.createTable('agent_risk_discovery_runs', table => {
    table.string('task', 64).primary().notNullable();
    table.string('last_run_at', 32).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_risk_discovery_runs');
  await knex.schema.dropTable('agent_risk_discovery_cards');
};
