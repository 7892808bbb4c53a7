// @ts-check

/**
 * Notifications to owners (agent became Critical, rose a band, became
 * invalid, its review fell overdue): one row per agent and event, so each is
 * sent once. A row is written when the event is seen and marked sent when the
 * notifications backend took it; rows not yet sent are retried.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_risk_notifications', table => {
    table.increments('id').primary();
    table.text('entity_ref').notNullable();
    // The event type, e.g. became-critical or review-overdue.
    table.string('kind', 64).notNullable();
    // What makes this occurrence of the event unique for the agent: the time
    // of the change, or the review date that fell overdue.
    table.string('subject', 64).notNullable();
    table.text('recipient').notNullable();
    // The notification as sent: title, description, link, severity.
    table.text('payload').notNullable();
    table.string('created_at', 32).notNullable();
    table.string('sent_at', 32).nullable();
    // Set while one replica sends it, so two never send the same row.
    table.string('claimed_at', 32).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.unique(['entity_ref', 'kind', 'subject'], {
      indexName: 'agent_risk_notifications_event_uq',
    });
    table.index(['sent_at'], 'agent_risk_notifications_sent_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_risk_notifications');
};
