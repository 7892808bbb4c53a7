// @ts-check

/**
 * Trends per owner: a removed agent keeps the owner it had when it left the
 * catalog, so its history still counts under that owner until it is pruned.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_removed', table => {
    // Null for agents removed before this migration: their owner is unknown.
    table.text('owner').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_risk_removed', table => {
    table.dropColumn('owner');
  });
};
