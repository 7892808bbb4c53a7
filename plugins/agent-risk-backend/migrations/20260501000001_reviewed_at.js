// @ts-check

/**
 * Review cadence: when each agent's assessment was last reviewed, as a column
 * so `GET /agents?reviewOverdue=true` filters in the database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    // ISO 8601 UTC with milliseconds, like computed_at; null: never reviewed.
    table.string('reviewed_at', 32).nullable();
    table.index(['reviewed_at'], 'agent_risk_scores_reviewed_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.dropIndex([], 'agent_risk_scores_reviewed_at_idx');
    table.dropColumn('reviewed_at');
  });
};
