// @ts-check

/**
 * AIVSS-SSVC decisions (spec section 10.1) stored with each score, as columns
 * so the ranking filters by outcome and sorts by due date in the database,
 * and the outcome in each history entry so trends count agents per outcome.
 *
 * - `ssvc_status`: scored, incomplete or invalid; null without SSVC annotations.
 * - `ssvc_inputs_hash` and `ssvc_seen_at`: when the backend first saw the
 *   current SSVC inputs, the assessment date of an agent without reviewedAt.
 * - `ssvc_due_sort`: the due date, or a date after every real one, so that
 *   `orderBy=dueAt` and its keyset cursor need no NULL handling.
 *
 * Rows written before this have no SSVC yet; the sync's scoring revision
 * makes the next sync score every agent again and fill them in.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.string('ssvc_status', 16).nullable();
    table.string('ssvc_outcome', 16).nullable();
    table.string('ssvc_class', 16).nullable();
    table.double('ssvc_risk_score').nullable();
    table.string('ssvc_inputs_hash', 64).nullable();
    // ISO 8601 UTC with milliseconds, like computed_at.
    table.string('ssvc_seen_at', 32).nullable();
    table.string('ssvc_assessed_at', 32).nullable();
    table.string('ssvc_due_at', 32).nullable();
    table
      .string('ssvc_due_sort', 32)
      .notNullable()
      .defaultTo('9999-12-31T23:59:59.999Z');
    table.index(['ssvc_outcome'], 'agent_risk_scores_ssvc_outcome_idx');
    table.index(
      ['ssvc_due_sort', 'entity_ref'],
      'agent_risk_scores_ssvc_due_idx',
    );
  });
  await knex.schema.alterTable('agent_risk_history', table => {
    table.string('ssvc_outcome', 16).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.dropIndex([], 'agent_risk_scores_ssvc_due_idx');
    table.dropIndex([], 'agent_risk_scores_ssvc_outcome_idx');
  });
  // Native DROP COLUMN on both databases: knex would rebuild the table on
  // SQLite, which drops the free-text index's triggers.
  for (const column of [
    'ssvc_status',
    'ssvc_outcome',
    'ssvc_class',
    'ssvc_risk_score',
    'ssvc_inputs_hash',
    'ssvc_seen_at',
    'ssvc_assessed_at',
    'ssvc_due_at',
    'ssvc_due_sort',
  ]) {
    await knex.raw(`ALTER TABLE agent_risk_scores DROP COLUMN ${column}`);
  }
  await knex.raw('ALTER TABLE agent_risk_history DROP COLUMN ssvc_outcome');
};
