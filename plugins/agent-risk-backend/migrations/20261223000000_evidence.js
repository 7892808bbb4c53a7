// @ts-check

/**
 * Evidence findings (spec section 9.2) stored with each agent, beside its
 * score and never in it:
 *
 * - `agent_risk_scores.understated`: true when a declared factor is below
 *   what an evidence rule's facts show, so the ranking filters
 *   (`GET /agents?understated=true`) in the database with its keyset paging.
 * - `agent_risk_records.evidence`: the findings (JSON), served in the detail,
 *   the CSV and the MCP detail action.
 *
 * Rows written before this have no findings; the next sync computes them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.boolean('understated').notNullable().defaultTo(false);
    table.index(['understated'], 'agent_risk_scores_understated_idx');
  });
  await knex.schema.alterTable('agent_risk_records', table => {
    table.text('evidence').notNullable().defaultTo('[]');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.dropIndex([], 'agent_risk_scores_understated_idx');
  });
  // Native DROP COLUMN on both databases: knex would rebuild the table on
  // SQLite, which drops the free-text index's triggers.
  await knex.raw('ALTER TABLE agent_risk_scores DROP COLUMN understated');
  await knex.raw('ALTER TABLE agent_risk_records DROP COLUMN evidence');
};
