import { AuditAction, AuditChange } from '@agent-risk/plugin-agent-risk-common';

/**
 * An audit entry to append.
 *
 * @public
 */
export interface NewAuditEntry {
  /** Lower-case `kind:namespace/name`. */
  entityRef: string;
  at: string;
  actor: string;
  action: AuditAction;
  reason: string;
  changes: AuditChange[];
  /**
   * The registration the entry belongs to (spec section 11): a registry
   * agent's id, null for an agent defined in YAML.
   */
  registrationId: string | null;
}

/**
 * A stored entry; `id` grows with every append.
 *
 * @public
 */
export interface StoredAuditEntry extends NewAuditEntry {
  id: number;
}

/**
 * One registry change as the catalog provider follows it.
 *
 * @public
 */
export interface RegistryChange {
  id: number;
  entityRef: string;
}

/**
 * The append-only audit trail. There is deliberately no update or delete:
 * entries are only appended (with the registry change they describe).
 *
 * @public
 */
export interface AuditStore {
  /**
   * An agent's entries, newest first, older than `beforeId` when given: of
   * one registration (null: the entries of the YAML agent), or of every
   * registration the ref has had when `registration` is `'all'`.
   */
  list(
    entityRef: string,
    page: { limit: number; beforeId?: number },
    registration: string | null | 'all',
  ): Promise<StoredAuditEntry[]>;
  /** The newest entry's id, 0 when there is none: where a change feed starts. */
  latestId(): Promise<number>;
  /** Changes after `afterId`, oldest first. */
  changesSince(afterId: number, limit: number): Promise<RegistryChange[]>;
}
