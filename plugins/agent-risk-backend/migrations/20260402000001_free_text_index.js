// @ts-check

/**
 * A trigram index for the free-text filter (`q`), a case-insensitive
 * substring match on `search_text` (already lower-case): PostgreSQL's
 * pg_trgm GIN index serves `LIKE '%…%'` directly; on SQLite an FTS5 table
 * with the trigram tokenizer mirrors `search_text`, kept in step by
 * triggers. Without either, `q` still works, by scanning the table.
 *
 * SQLite: the index is keyed by the scores table's rowid. A later migration
 * that makes knex rebuild agent_risk_scores on SQLite (e.g. dropping a
 * column) drops these triggers and must recreate them and rebuild the index.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (/^(pg|postgres)/.test(String(knex.client.config.client))) {
    // pg_trgm ships with PostgreSQL and is a trusted extension (13+): the
    // owner of the plugin's database may create it. When it is missing or
    // not allowed, the free text keeps working without the index.
    const [{ available }] = (
      await knex.raw(
        "SELECT count(*)::int AS available FROM pg_available_extensions WHERE name = 'pg_trgm'",
      )
    ).rows;
    if (available) {
      await knex.raw('SAVEPOINT agent_risk_trgm');
      try {
        await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
        await knex.raw(
          'CREATE INDEX agent_risk_scores_search_trgm_idx ON agent_risk_scores USING gin (search_text gin_trgm_ops)',
        );
        await knex.raw('RELEASE SAVEPOINT agent_risk_trgm');
      } catch (error) {
        await knex.raw('ROLLBACK TO SAVEPOINT agent_risk_trgm');
        // eslint-disable-next-line no-console
        console.warn(
          `agent-risk: no trigram index for the free-text filter (${error}); it will scan instead`,
        );
      }
    }
    return;
  }

  // SQLite: an FTS5 trigram index over search_text, keyed by the scores
  // table's rowid. The triggers keep it in step with every write.
  await knex.raw(
    "CREATE VIRTUAL TABLE agent_risk_scores_search USING fts5(search_text, content='agent_risk_scores', content_rowid='rowid', tokenize='trigram')",
  );
  await knex.raw(
    "INSERT INTO agent_risk_scores_search(agent_risk_scores_search) VALUES ('rebuild')",
  );
  await knex.raw(`
    CREATE TRIGGER agent_risk_scores_search_ai AFTER INSERT ON agent_risk_scores BEGIN
      INSERT INTO agent_risk_scores_search(rowid, search_text) VALUES (new.rowid, new.search_text);
    END`);
  await knex.raw(`
    CREATE TRIGGER agent_risk_scores_search_ad AFTER DELETE ON agent_risk_scores BEGIN
      INSERT INTO agent_risk_scores_search(agent_risk_scores_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    END`);
  await knex.raw(`
    CREATE TRIGGER agent_risk_scores_search_au AFTER UPDATE OF search_text ON agent_risk_scores BEGIN
      INSERT INTO agent_risk_scores_search(agent_risk_scores_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
      INSERT INTO agent_risk_scores_search(rowid, search_text) VALUES (new.rowid, new.search_text);
    END`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (/^(pg|postgres)/.test(String(knex.client.config.client))) {
    // The extension stays: other tables in the database may use it.
    await knex.raw('DROP INDEX IF EXISTS agent_risk_scores_search_trgm_idx');
  } else {
    await knex.raw('DROP TRIGGER IF EXISTS agent_risk_scores_search_ai');
    await knex.raw('DROP TRIGGER IF EXISTS agent_risk_scores_search_ad');
    await knex.raw('DROP TRIGGER IF EXISTS agent_risk_scores_search_au');
    await knex.raw('DROP TABLE IF EXISTS agent_risk_scores_search');
  }
};
