import { Knex } from 'knex';
import { REGISTRY_TABLE } from '../tables';
import { NewAuditEntry } from '../audit/AuditStore';
import { KnexAuditStore } from '../audit/KnexAuditStore';
import { KnexAcceptanceStore } from '../acceptance/KnexAcceptanceStore';
import { isUniqueViolation } from '../uniqueViolation';
import {
  RegisteredAgent,
  RegistryCreateOutcome,
  RegistryStore,
} from './RegistryStore';

interface RegistryRow {
  entity_ref: string;
  namespace: string;
  name: string;
  entity_json: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  registration_id: string | null;
}

function fromRow(row: RegistryRow): RegisteredAgent {
  return {
    entityRef: row.entity_ref,
    // Set by the registrations migration for every row.
    registrationId: row.registration_id ?? '',
    entity: JSON.parse(row.entity_json),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function toRow(agent: RegisteredAgent): RegistryRow {
  return {
    entity_ref: agent.entityRef,
    namespace: (agent.entity.metadata.namespace ?? 'default').toLocaleLowerCase(
      'en-US',
    ),
    name: agent.entity.metadata.name.toLocaleLowerCase('en-US'),
    entity_json: JSON.stringify(agent.entity),
    created_by: agent.createdBy,
    created_at: agent.createdAt,
    updated_by: agent.updatedBy,
    updated_at: agent.updatedAt,
    registration_id: agent.registrationId,
  };
}

/** The registry in the plugin's database (SQLite or PostgreSQL). */
export class KnexRegistryStore implements RegistryStore {
  constructor(
    private readonly knex: Knex,
    private readonly audit: KnexAuditStore,
    private readonly acceptances: KnexAcceptanceStore,
  ) {}

  async get(
    namespace: string,
    name: string,
  ): Promise<RegisteredAgent | undefined> {
    const row = await this.knex<RegistryRow>(REGISTRY_TABLE)
      .where({
        namespace: namespace.toLocaleLowerCase('en-US'),
        name: name.toLocaleLowerCase('en-US'),
      })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async getMany(entityRefs: readonly string[]): Promise<RegisteredAgent[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const rows: RegistryRow[] = await this.knex<RegistryRow>(
      REGISTRY_TABLE,
    ).whereIn('entity_ref', entityRefs as string[]);
    return rows.map(fromRow);
  }

  async list(): Promise<RegisteredAgent[]> {
    const rows: RegistryRow[] = await this.knex<RegistryRow>(
      REGISTRY_TABLE,
    ).orderBy('entity_ref');
    return rows.map(fromRow);
  }

  async create(
    agent: RegisteredAgent,
    audit: NewAuditEntry,
  ): Promise<RegistryCreateOutcome> {
    try {
      await this.knex.transaction(async tx => {
        await tx(REGISTRY_TABLE).insert(toRow(agent));
        await this.audit.append(audit, tx);
      });
      return 'created';
    } catch (error) {
      // Two registrations of one name at once: the database decides.
      if (isUniqueViolation(error)) {
        return 'name-taken';
      }
      throw error;
    }
  }

  async update(
    agent: RegisteredAgent,
    audit: NewAuditEntry,
    acceptanceEnd?: { reason: string },
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      // The registration stays what it was: an update is the same agent.
      const {
        entity_ref,
        created_by,
        created_at,
        registration_id,
        ...changed
      } = toRow(agent);
      const count = await tx(REGISTRY_TABLE)
        .where({ entity_ref })
        .update(changed);
      if (count === 0) {
        return false;
      }
      await this.audit.append(audit, tx);
      if (acceptanceEnd) {
        await this.acceptances.endActive(tx, entity_ref, {
          at: audit.at,
          actor: audit.actor,
          reason: acceptanceEnd.reason,
          registrationId: audit.registrationId,
        });
      }
      return true;
    });
  }

  async delete(
    entityRef: string,
    audit: NewAuditEntry,
    acceptanceEnd: { reason: string },
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const count = await tx(REGISTRY_TABLE)
        .where({ entity_ref: entityRef })
        .delete();
      if (count === 0) {
        return false;
      }
      await this.audit.append(audit, tx);
      // The acceptance was granted to this agent, not to its name.
      await this.acceptances.endActive(tx, entityRef, {
        at: audit.at,
        actor: audit.actor,
        reason: acceptanceEnd.reason,
        registrationId: audit.registrationId,
      });
      return true;
    });
  }
}
