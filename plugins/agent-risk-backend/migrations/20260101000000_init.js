// @ts-check

/**
 * Latest score per agent, its score history, and the sync state.
 * Plain SQL types only, so the same migration runs on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_risk_scores', table => {
    table.comment('The latest Agent Risk score of every agent in the catalog');
    // Lower-case entity ref, the way the catalog compares refs.
    table.string('entity_ref', 512).primary().notNullable();
    table.string('kind', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 512).notNullable();
    // Lower-case display name (title, else name): what "order by name" sorts
    // on, so the ranking reads alphabetically as people see it.
    table.string('sort_name', 512).notNullable();
    // '' when the entity has no owner: sort columns are never null, which
    // keeps keyset pagination a plain tuple comparison.
    table.string('owner', 512).notNullable().defaultTo('');
    table.string('system', 512).nullable();
    table.string('lifecycle', 255).nullable();
    table.string('model', 32).notNullable();
    table.string('status', 16).notNullable();
    table.double('score').nullable();
    // score, or -1 when unscored: unscored agents rank below every scored one.
    table.double('score_sort').notNullable();
    table.string('severity', 16).nullable();
    table.double('cvss_base').nullable();
    table.boolean('cvss_assumed').notNullable().defaultTo(false);
    table.double('factor_sum').nullable();
    // ISO 8601 UTC with milliseconds: fixed width, so it sorts as text.
    table.string('computed_at', 32).notNullable();
    // Hash of the scoring inputs (annotations, model, assumed CVSS): a change
    // appends history. Hash of the whole record: a change rewrites the row.
    table.string('input_hash', 64).notNullable();
    table.string('record_hash', 64).notNullable();
    // Lower-case "ref name title" for the free-text filter.
    table.text('search_text').notNullable();
    // The full record (factors, layers, contributions, errors) for the detail view.
    table.text('record').notNullable();
  });

  // Keyset orders: every order is (column, entity_ref asc).
  await knex.raw(
    'CREATE INDEX agent_risk_scores_score_desc_idx ON agent_risk_scores (score_sort DESC, entity_ref ASC)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_score_asc_idx ON agent_risk_scores (score_sort ASC, entity_ref ASC)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_sort_name_idx ON agent_risk_scores (sort_name, entity_ref)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_computed_at_idx ON agent_risk_scores (computed_at, entity_ref)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_owner_idx ON agent_risk_scores (owner, entity_ref)',
  );
  // Filters combined with the default ranking order.
  await knex.raw(
    'CREATE INDEX agent_risk_scores_owner_score_idx ON agent_risk_scores (owner, score_sort DESC, entity_ref ASC)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_severity_score_idx ON agent_risk_scores (severity, score_sort DESC, entity_ref ASC)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_status_score_idx ON agent_risk_scores (status, score_sort DESC, entity_ref ASC)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_system_idx ON agent_risk_scores (system)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_lifecycle_idx ON agent_risk_scores (lifecycle)',
  );

  await knex.schema.createTable('agent_risk_history', table => {
    table.comment(
      'Score changes over time, appended when status, score or inputs change',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('computed_at', 32).notNullable();
    table.string('model', 32).notNullable();
    table.string('status', 16).notNullable();
    table.double('score').nullable();
    table.string('severity', 16).nullable();
    table.string('input_hash', 64).notNullable();
    table.index(['entity_ref', 'computed_at'], 'agent_risk_history_ref_idx');
    table.index(['computed_at'], 'agent_risk_history_computed_at_idx');
  });

  await knex.schema.createTable('agent_risk_state', table => {
    table.comment('Single-row sync state');
    table.integer('id').primary();
    // Bumped by every write to agent_risk_scores: the key of cached summaries.
    table.bigInteger('data_version').notNullable().defaultTo(0);
    table.string('last_sync_at', 32).nullable();
  });
  await knex('agent_risk_state').insert({ id: 1, data_version: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_risk_state');
  await knex.schema.dropTable('agent_risk_history');
  await knex.schema.dropTable('agent_risk_scores');
};
