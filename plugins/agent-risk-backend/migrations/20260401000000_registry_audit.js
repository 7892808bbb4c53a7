// @ts-check

/**
 * The registry of agents created in Backstage, and the append-only audit
 * trail of every registry change.
 *
 * - `agent_risk_registry`: one row per registry agent, the entity as the
 *   provider emits it (JSON text). Deleting a registry agent deletes its row;
 *   its audit entries stay.
 * - `agent_risk_audit`: entries are only ever inserted. The id orders them
 *   (newest first by id) and is the provider's change feed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_risk_registry', table => {
    table.comment('Agents registered in Backstage (not in YAML)');
    // Lower-case `kind:namespace/name`, as in agent_risk_scores.
    table.string('entity_ref', 512).primary();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.text('entity_json').notNullable();
    table.string('created_by', 512).notNullable();
    table.string('created_at', 64).notNullable();
    table.string('updated_by', 512).notNullable();
    table.string('updated_at', 64).notNullable();
    // One agent per namespace and name, whatever its kind.
    table.unique(['namespace', 'name'], {
      indexName: 'agent_risk_registry_namespace_name_uq',
    });
  });
  await knex.schema.createTable('agent_risk_audit', table => {
    table.comment('Append-only audit trail of registry changes');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('at', 64).notNullable();
    table.string('actor', 512).notNullable();
    table.string('action', 16).notNullable();
    table.text('reason').notNullable();
    table.text('changes_json').notNullable();
    table.index(['entity_ref', 'id'], 'agent_risk_audit_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_risk_audit');
  await knex.schema.dropTable('agent_risk_registry');
};
