// @ts-check

/**
 * The MCP tool inventory (spec section 8.2).
 *
 * - `agent_risk_mcp_servers`: one row per MCP server (API entity of type
 *   mcp-server) the inventory has looked at: its endpoint, the outcome of
 *   its last listing that changed anything, the error of a failed one, and
 *   when its stored listing was taken. Written only when one of these
 *   changes: a run that changes nothing writes no row of it.
 * - `agent_risk_mcp_tools`: each tool of a server's last good listing, with
 *   hashes of its description and canonical input schema, when it was first
 *   listed and last changed; a tool the server no longer lists keeps its row
 *   with `removed_at` (what changed since a review shows it).
 * - `agent_risk_mcp_run`: one row, the last run's start and end.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_risk_mcp_servers', table => {
    table.string('server_ref', 255).primary();
    table.string('endpoint', 2048).nullable();
    // listed, failed, not-allowed, no-endpoint
    table.string('outcome', 16).notNullable();
    table.string('error', 1000).nullable();
    table.integer('tool_count').notNullable().defaultTo(0);
    // ISO 8601 UTC: when the stored listing was taken; null if never.
    table.string('listed_at', 32).nullable();
    table.string('outcome_at', 32).notNullable();
  });
  await knex.schema.createTable('agent_risk_mcp_tools', table => {
    table.string('server_ref', 255).notNullable();
    table.string('name', 128).notNullable();
    table.string('title', 200).nullable();
    table.text('description').nullable();
    table.string('description_hash', 64).notNullable();
    table.string('schema_hash', 64).notNullable();
    table.text('annotations_json').notNullable();
    table.string('first_seen_at', 32).notNullable();
    table.string('changed_at', 32).nullable();
    table.string('removed_at', 32).nullable();
    table.primary(['server_ref', 'name']);
  });
  await knex.schema.createTable('agent_risk_mcp_run', table => {
    table.integer('id').primary();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).notNullable();
    table.integer('servers').notNullable();
    table.integer('failed').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_risk_mcp_run');
  await knex.schema.dropTable('agent_risk_mcp_tools');
  await knex.schema.dropTable('agent_risk_mcp_servers');
};
