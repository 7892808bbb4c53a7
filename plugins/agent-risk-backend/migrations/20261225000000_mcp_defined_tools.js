// @ts-check

/**
 * The tools an MCP server's YAML `spec.definition` names, beside its row in
 * `agent_risk_mcp_servers`: JSON, an array of `{ name, annotations }` as
 * `toolEntriesFromDefinition` reads them (at most 200 tools, names of at
 * most 128 characters); null when the definition names none. A server the
 * inventory never listed (its host not allowed, no endpoint, every listing
 * failed) shows these instead of no tools at all; a listing always wins.
 *
 * Written by the inventory only when they change. Rows written before this
 * get them on the next run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_mcp_servers', table => {
    table.text('defined_tools_json').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Native DROP COLUMN on both databases, as the earlier migrations do:
  // knex would rebuild the table on SQLite.
  await knex.raw(
    'ALTER TABLE agent_risk_mcp_servers DROP COLUMN defined_tools_json',
  );
};
