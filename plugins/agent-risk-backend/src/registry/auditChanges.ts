import { Entity } from '@backstage/catalog-model';
import {
  AuditChange,
  REGISTRY_ANNOTATION,
  REVIEWED_AT_ANNOTATION,
} from '@agent-risk/plugin-agent-risk-common';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';

/**
 * Annotations the registry sets itself: not the user's change, so not
 * audited. The review date among them: it is set exactly when the
 * assessment changes (spec section 7), so the entry's own time says it, and
 * an owner's one-field save shows one changed field.
 */
const MANAGED_ANNOTATIONS = new Set([
  REGISTRY_ANNOTATION,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  REVIEWED_AT_ANNOTATION,
]);

const text = (value: unknown): string | null => {
  if (value === undefined || value === null) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? null : value.map(v => String(v)).join(', ');
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
};

/** The audited fields of an entity, each as text (null when absent). */
function auditedFields(entity: Entity | undefined): Map<string, string | null> {
  const fields = new Map<string, string | null>();
  if (!entity) {
    return fields;
  }
  fields.set('kind', text(entity.kind));
  for (const key of ['title', 'description', 'tags', 'links'] as const) {
    fields.set(`metadata.${key}`, text(entity.metadata[key]));
  }
  for (const [key, value] of Object.entries(entity.spec ?? {})) {
    fields.set(`spec.${key}`, text(value));
  }
  for (const [key, value] of Object.entries(
    entity.metadata.annotations ?? {},
  )) {
    if (!MANAGED_ANNOTATIONS.has(key)) {
      fields.set(key, text(value));
    }
  }
  return fields;
}

/**
 * What changed between two versions of a registry entity, field by field
 * (annotation keys by their own name), in a stable order. A created agent
 * has every field's `before` null; a deleted one every `after`.
 */
export function diffEntities(
  before: Entity | undefined,
  after: Entity | undefined,
): AuditChange[] {
  const old = auditedFields(before);
  const now = auditedFields(after);
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: AuditChange[] = [];
  for (const field of keys) {
    const from = old.get(field) ?? null;
    const to = now.get(field) ?? null;
    if (from !== to) {
      changes.push({ field, before: from, after: to });
    }
  }
  return changes;
}
