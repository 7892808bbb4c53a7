// @ts-check

const { randomUUID } = require('crypto');

/**
 * Records belong to a registration, not to a name (spec section 11): a
 * registry agent that is deleted and registered again under the same name is
 * a new agent, and must not inherit the earlier one's acceptance or trail.
 *
 * - `agent_risk_registry.registration_id`: a new id at every registration.
 * - `agent_risk_audit.registration_id` and
 *   `agent_risk_acceptance.registration_id`: the registration an entry or an
 *   acceptance belongs to; null for agents defined in YAML.
 *
 * Backfill: every `create` entry starts a registration, which runs until its
 * `delete`; the registry's current agents keep the trail of their current
 * registration. An acceptance belongs to the registration of its
 * `accept-request` entry. Active acceptances of registrations that ended are
 * ended by the acceptance sweep, which compares registrations.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_risk_registry', table => {
    table.string('registration_id', 64).nullable();
  });
  await knex.schema.alterTable('agent_risk_audit', table => {
    table.string('registration_id', 64).nullable();
  });
  await knex.schema.alterTable('agent_risk_acceptance', table => {
    table.string('registration_id', 64).nullable();
  });

  /** @type {Map<string, string | null>} the open registration of each ref */
  const open = new Map();
  /** @type {Map<string, string | null>} `ref at` of each accept-request entry */
  const requested = new Map();
  for (let after = 0; ; ) {
    const rows = await knex('agent_risk_audit')
      .select('id', 'entity_ref', 'action', 'at')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500);
    if (rows.length === 0) {
      break;
    }
    /** @type {Map<string, number[]>} */
    const byRegistration = new Map();
    for (const row of rows) {
      if (row.action === 'create') {
        open.set(row.entity_ref, randomUUID());
      }
      const registration = open.get(row.entity_ref) ?? null;
      if (registration) {
        const ids = byRegistration.get(registration) ?? [];
        ids.push(Number(row.id));
        byRegistration.set(registration, ids);
      }
      if (row.action === 'accept-request') {
        requested.set(`${row.entity_ref} ${row.at}`, registration);
      }
      if (row.action === 'delete') {
        open.delete(row.entity_ref);
      }
    }
    for (const [registration, ids] of byRegistration) {
      await knex('agent_risk_audit')
        .whereIn('id', ids)
        .update({ registration_id: registration });
    }
    after = Number(rows[rows.length - 1].id);
  }

  const registry = await knex('agent_risk_registry').select('entity_ref');
  for (const { entity_ref } of registry) {
    let registration = open.get(entity_ref);
    if (!registration) {
      // No create entry (not written by this plugin): a registration of its own.
      registration = randomUUID();
      open.set(entity_ref, registration);
    }
    await knex('agent_risk_registry')
      .where({ entity_ref })
      .update({ registration_id: registration });
  }

  const acceptances = await knex('agent_risk_acceptance').select(
    'id',
    'entity_ref',
    'requested_at',
  );
  for (const row of acceptances) {
    const registration = requested.get(`${row.entity_ref} ${row.requested_at}`);
    if (registration) {
      await knex('agent_risk_acceptance')
        .where({ id: row.id })
        .update({ registration_id: registration });
    }
  }

  await knex.schema.alterTable('agent_risk_audit', table => {
    table.index(
      ['entity_ref', 'registration_id', 'id'],
      'agent_risk_audit_registration_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_risk_audit', table => {
    table.dropIndex([], 'agent_risk_audit_registration_idx');
  });
  // Native DROP COLUMN on both databases: knex would rebuild the tables on
  // SQLite, which loses the acceptance table's partial unique index.
  for (const table of [
    'agent_risk_audit',
    'agent_risk_acceptance',
    'agent_risk_registry',
  ]) {
    await knex.raw(`ALTER TABLE ${table} DROP COLUMN registration_id`);
  }
};
