// @ts-check

/**
 * The stored record (the JSON the detail route returns, about 2 KB) moves out
 * of agent_risk_scores into a table of its own. Inline (compressed), it made
 * every scores row about 1.7 KB wide, five to a page, so a filtered or rank
 * count visited about one heap page per matching row; without it a page
 * holds about thirteen rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_risk_records', table => {
    table.comment('The full stored record of each scored agent');
    // Lower-case `kind:namespace/name`, as in agent_risk_scores.
    table.text('entity_ref').primary().notNullable();
    table.text('record').notNullable();
    // What the CSV's reasons are made of (contributions and errors, JSON):
    // an export reads a few hundred bytes per agent, not the whole record.
    table.text('reasons').notNullable();
  });
  for (let after = ''; ; ) {
    const rows = await knex('agent_risk_scores')
      .select('entity_ref', 'record')
      .where('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(500);
    if (rows.length === 0) {
      break;
    }
    await knex('agent_risk_records').insert(
      rows.map(row => ({
        entity_ref: row.entity_ref,
        record: row.record,
        reasons: reasonsOf(row.record),
      })),
    );
    after = rows[rows.length - 1].entity_ref;
  }
  // A native DROP COLUMN on both databases: knex would rebuild the table on
  // SQLite, which drops the free-text index's triggers.
  await knex.raw('ALTER TABLE agent_risk_scores DROP COLUMN record');
  if (/^(pg|postgres)/.test(String(knex.client.config.client))) {
    // PostgreSQL only marks the column dropped; rewrite the table so that the
    // rows are narrow now rather than when each is next written.
    await knex.raw('CLUSTER agent_risk_scores USING agent_risk_scores_pkey');
  }
};

/** @param {string} record */
function reasonsOf(record) {
  /** @type {{ contributions?: unknown, errors?: unknown }} */
  let parsed = {};
  try {
    parsed = JSON.parse(record) ?? {};
  } catch {
    // Unreadable: the CSV shows no reasons, as before for such a record.
  }
  return JSON.stringify({
    contributions: parsed.contributions ?? {},
    errors: parsed.errors ?? [],
  });
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_risk_scores', table => {
    table.text('record').nullable();
  });
  await knex.raw(
    'UPDATE agent_risk_scores SET record = (SELECT r.record FROM agent_risk_records r WHERE r.entity_ref = agent_risk_scores.entity_ref)',
  );
  await knex.schema.dropTable('agent_risk_records');
};
