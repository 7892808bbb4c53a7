// @ts-check

/**
 * Risk acceptances (spec section 7): one row per acceptance asked for. The
 * latest row of an agent (highest id) is its current acceptance; older rows
 * stay, so revoked and expired acceptances are kept. Every step is also in
 * the audit trail.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_risk_acceptance', table => {
    table.comment('Risk acceptances: asked, approved, expired or revoked');
    table.bigIncrements('id').primary();
    // Lower-case `kind:namespace/name`, as in agent_risk_scores.
    table.text('entity_ref').notNullable();
    table.string('state', 16).notNullable();
    table.text('justification').notNullable();
    table.string('expires_at', 64).notNullable();
    table.text('requested_by').notNullable();
    table.string('requested_at', 64).notNullable();
    table.text('approved_by').nullable();
    table.string('approved_at', 64).nullable();
    table.string('severity_at_request', 16).nullable();
    table.float('score_at_request').nullable();
    table.string('ended_at', 64).nullable();
    table.text('ended_reason').nullable();
    table.index(['entity_ref', 'id'], 'agent_risk_acceptance_entity_idx');
    table.index(['state', 'expires_at'], 'agent_risk_acceptance_state_idx');
  });
  // At most one pending or accepted acceptance per agent, even when two
  // requests race (SQLite and PostgreSQL both have partial indexes).
  await knex.raw(
    "CREATE UNIQUE INDEX agent_risk_acceptance_active_uq ON agent_risk_acceptance (entity_ref) WHERE state IN ('pending', 'accepted')",
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_risk_acceptance');
};
