// @ts-check

/**
 * - Display fields become `text`: the catalog does not bound titles, owners,
 *   systems or lifecycles, and one over-long value must not fail a sync.
 *   (SQLite never enforced the old lengths; PostgreSQL did.)
 * - Owner and system display names, resolved from the catalog by the sync,
 *   plus lower-case keys so the lifecycle and system filters ignore case.
 * - Tombstones: an agent that left the catalog keeps its history for the
 *   retention period, counted from its removal.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (/^(pg|postgres)/.test(String(knex.client.config.client))) {
    // SQLite's varchar has no length limit, so only PostgreSQL needs this.
    await knex.raw(
      `ALTER TABLE agent_risk_scores
         ALTER COLUMN title TYPE text,
         ALTER COLUMN sort_name TYPE text,
         ALTER COLUMN owner TYPE text,
         ALTER COLUMN system TYPE text,
         ALTER COLUMN lifecycle TYPE text`,
    );
  }
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.text('owner_title').nullable();
    table.text('system_title').nullable();
    // Lower-case lifecycle, system ref and system title: what the filters compare.
    table.text('lifecycle_key').nullable();
    table.text('system_key').nullable();
    table.text('system_title_key').nullable();
  });
  // Existing rows: keys from the stored values; titles arrive with the next sync.
  await knex('agent_risk_scores').update({
    lifecycle_key: knex.raw('LOWER(lifecycle)'),
    system_key: knex.raw('LOWER(system)'),
  });
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.index(['lifecycle_key'], 'agent_risk_scores_lifecycle_key_idx');
    table.index(['system_key'], 'agent_risk_scores_system_key_idx');
    table.index(['system_title_key'], 'agent_risk_scores_system_title_key_idx');
  });

  await knex.schema.createTable('agent_risk_removed', table => {
    table.comment(
      'Agents that left the catalog; their history is kept until removed_at + retention',
    );
    table.string('entity_ref', 512).primary().notNullable();
    table.string('removed_at', 32).notNullable();
    table.index(['removed_at'], 'agent_risk_removed_removed_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // The column types stay text: shortening them could fail on stored data.
  await knex.schema.dropTable('agent_risk_removed');
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.dropIndex([], 'agent_risk_scores_lifecycle_key_idx');
    table.dropIndex([], 'agent_risk_scores_system_key_idx');
    table.dropIndex([], 'agent_risk_scores_system_title_key_idx');
  });
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.dropColumn('owner_title');
    table.dropColumn('system_title');
    table.dropColumn('lifecycle_key');
    table.dropColumn('system_key');
    table.dropColumn('system_title_key');
  });
};
