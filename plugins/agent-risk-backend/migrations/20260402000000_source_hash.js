// @ts-check

/**
 * `source_hash`: a hash of everything an agent's stored record is computed
 * from (its catalog fields, the owner and system display names, the scoring
 * model and revision). The sync skips re-scoring an agent whose hash is
 * unchanged. Null means "score again": every existing row starts so, and the
 * first sync after the upgrade fills it in without rewriting the rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.string('source_hash', 64).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.dropColumn('source_hash');
  });
};
