// @ts-check

/**
 * Ranking orders by what people see, and the one-line reason of a score:
 *
 * - `owner_sort`: the owner's display name (its ref's name when the catalog
 *   has none), lower-case: "order by owner" reads alphabetically as shown,
 *   not teams before people by ref.
 * - `severity_sort`: the band's rank (critical 4 … none 0, unscored -1).
 * - `cvss_sort`: the CVSS base, or -1 when there is none.
 * - `reason`: "CVSS base 8.0, autonomy and tool use high, no mitigation".
 *
 * Never null, so keyset paging stays a plain tuple comparison. The backfill
 * here is approximate (SQL lower-cases ASCII only, and has no reason): the
 * scoring revision changed with it, so the first sync after the upgrade
 * writes every row again with exact values.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.text('owner_sort').notNullable().defaultTo('');
    table.integer('severity_sort').notNullable().defaultTo(-1);
    table.double('cvss_sort').notNullable().defaultTo(-1);
    table.text('reason').nullable();
  });
  const client = String(knex.client.config.client);
  const postgres = client === 'pg' || client.includes('postgres');
  await knex('agent_risk_scores').update({
    owner_sort: knex.raw(
      // The ref's name is what follows its "/".
      postgres
        ? "lower(coalesce(owner_title, regexp_replace(owner, '^.*/', '')))"
        : "lower(coalesce(owner_title, substr(owner, instr(owner, '/') + 1)))",
    ),
    severity_sort: knex.raw(
      "CASE severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 WHEN 'none' THEN 0 ELSE -1 END",
    ),
    cvss_sort: knex.raw('coalesce(cvss_base, -1)'),
  });
  // Keyset orders are (column, entity_ref asc); each index serves the
  // column's default direction.
  await knex.raw(
    'CREATE INDEX agent_risk_scores_owner_sort_idx ON agent_risk_scores (owner_sort ASC, entity_ref ASC)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_severity_sort_idx ON agent_risk_scores (severity_sort DESC, entity_ref ASC)',
  );
  await knex.raw(
    'CREATE INDEX agent_risk_scores_cvss_sort_idx ON agent_risk_scores (cvss_sort DESC, entity_ref ASC)',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const index of [
    'agent_risk_scores_owner_sort_idx',
    'agent_risk_scores_severity_sort_idx',
    'agent_risk_scores_cvss_sort_idx',
  ]) {
    await knex.raw(`DROP INDEX ${index}`);
  }
  // Native DROP COLUMN on both databases (knex rebuilds SQLite tables).
  for (const column of ['owner_sort', 'severity_sort', 'cvss_sort', 'reason']) {
    await knex.raw(`ALTER TABLE agent_risk_scores DROP COLUMN ${column}`);
  }
};
