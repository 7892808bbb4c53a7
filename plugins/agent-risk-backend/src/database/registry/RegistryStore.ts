import { Entity } from '@backstage/catalog-model';
import { NewAuditEntry } from '../audit/AuditStore';

/**
 * A registry agent as stored: the entity the catalog provider emits.
 *
 * @public
 */
export interface RegisteredAgent {
  /** Lower-case `kind:namespace/name`. */
  entityRef: string;
  /**
   * New at every registration: the acceptance and audit trail of this agent
   * are those of its registration, not of its name (spec section 11).
   */
  registrationId: string;
  entity: Entity;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/**
 * Why a create was not stored.
 *
 * @public
 */
export type RegistryCreateOutcome = 'created' | 'name-taken';

/**
 * The agents registered in Backstage. Every change writes its audit entry in
 * the same transaction, so the trail never misses or invents a change.
 *
 * @public
 */
export interface RegistryStore {
  /** The registry agent at this namespace and name, whatever its kind. */
  get(namespace: string, name: string): Promise<RegisteredAgent | undefined>;
  getMany(entityRefs: readonly string[]): Promise<RegisteredAgent[]>;
  list(): Promise<RegisteredAgent[]>;
  create(
    agent: RegisteredAgent,
    audit: NewAuditEntry,
  ): Promise<RegistryCreateOutcome>;
  /**
   * Replaces the agent's entity; false when it is no longer there. With
   * `acceptanceEnd`, its pending or accepted risk acceptance ends in the
   * same transaction (a discovered agent whose card changed).
   */
  update(
    agent: RegisteredAgent,
    audit: NewAuditEntry,
    acceptanceEnd?: { reason: string },
  ): Promise<boolean>;
  /**
   * Removes the agent and ends its pending or accepted risk acceptance, in
   * one transaction with their audit entries; false when it was not there.
   */
  delete(
    entityRef: string,
    audit: NewAuditEntry,
    acceptanceEnd: { reason: string },
  ): Promise<boolean>;
}
