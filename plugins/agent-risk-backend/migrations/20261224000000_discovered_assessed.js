// @ts-check

/**
 * Discovery filters of the ranking (spec section 8.1), as indexed columns of
 * `agent_risk_scores` so `GET /agents?discovered=…&assessed=…` filters in the
 * database with its keyset paging:
 *
 * - `discovered`: the agent carries `agent-risk.io/discovered-from`.
 * - `assessed`: the agent carries any `aivss.owasp.org/` annotation.
 *
 * Filled by the sync; rows written before this are scored again once by the
 * next sync (the scoring revision changed), which sets both.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.boolean('discovered').notNullable().defaultTo(false);
    table.boolean('assessed').notNullable().defaultTo(false);
    table.index(['discovered'], 'agent_risk_scores_discovered_idx');
    table.index(['assessed'], 'agent_risk_scores_assessed_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.dropIndex([], 'agent_risk_scores_discovered_idx');
    table.dropIndex([], 'agent_risk_scores_assessed_idx');
  });
  // Native DROP COLUMN on both databases: knex would rebuild the table on
  // SQLite, which drops the free-text index's triggers.
  await knex.raw('ALTER TABLE agent_risk_scores DROP COLUMN discovered');
  await knex.raw('ALTER TABLE agent_risk_scores DROP COLUMN assessed');
};
