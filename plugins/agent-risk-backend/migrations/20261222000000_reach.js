// @ts-check

/**
 * Reach on the catalog graph (spec section 9.1), kept incrementally by the
 * sync:
 *
 * - `agent_risk_reach_nodes`: one row per catalog entity the reach graph
 *   holds (agents, components, APIs, resources, systems), with a hash of what
 *   reach reads from it (kind, type, lifecycle, system, relations). A sync
 *   compares hashes to find the entities that changed.
 * - `agent_risk_reach`: one row per agent, its reach as JSON (the reached
 *   entities, each with one shortest path) and the depth it was computed to.
 * - `agent_risk_reach_index`: the reverse index, one row per (entity, agent)
 *   the agent's walk visited, missing targets included (`missing`), so a
 *   changed or newly created entity recomputes only the agents it is on, and
 *   `GET /reached-by` and the summary's exposure are one indexed query.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_risk_reach_nodes', table => {
    table.comment('Catalog entities on the reach graph, with a hash of what reach reads');
    table.string('entity_ref', 512).primary().notNullable();
    table.string('hash', 64).notNullable();
  });
  await knex.schema.createTable('agent_risk_reach', table => {
    table.comment('The reach of every agent on the catalog graph (spec 9.1)');
    table.string('agent_ref', 512).primary().notNullable();
    table.integer('depth').notNullable();
    table.integer('entity_count').notNullable();
    table.text('reach').notNullable();
    table.string('computed_at', 32).notNullable();
  });
  await knex.schema.createTable('agent_risk_reach_index', table => {
    table.comment('Which agents reach which entity: the reverse of agent_risk_reach');
    table.string('entity_ref', 512).notNullable();
    table.string('agent_ref', 512).notNullable();
    table.integer('distance').notNullable();
    // The reached entity's system (itself for a system); null if none.
    table.string('system', 512).nullable();
    table.boolean('missing').notNullable().defaultTo(false);
    table.primary(['entity_ref', 'agent_ref']);
    table.index(['agent_ref'], 'agent_risk_reach_index_agent_idx');
    table.index(['system'], 'agent_risk_reach_index_system_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_risk_reach_index');
  await knex.schema.dropTable('agent_risk_reach');
  await knex.schema.dropTable('agent_risk_reach_nodes');
};
