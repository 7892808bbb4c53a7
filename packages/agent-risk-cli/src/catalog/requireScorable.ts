import { Entity } from '@backstage/catalog-model';
import { CliInputError } from '../io';

/** How a non-string YAML value reads in a message. */
function describeYamlValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'a list' : typeof value;
}

/**
 * What scoring needs of an entity that the YAML may not give: a name for its
 * ref and string annotations (the catalog refuses anything else). Bad input
 * (exit 2), named by file and field, rather than a crash.
 */
export function requireScorable(entity: Entity, file: string): void {
  const name = entity.metadata?.name;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new CliInputError(
      `${file}: a ${String(entity.kind)} entity has no metadata.name`,
    );
  }
  const annotations: unknown = entity.metadata.annotations ?? {};
  if (typeof annotations !== 'object' || Array.isArray(annotations)) {
    throw new CliInputError(
      `${file}: ${name}: metadata.annotations must be a mapping of strings`,
    );
  }
  for (const [key, value] of Object.entries(annotations as object)) {
    if (typeof value !== 'string') {
      throw new CliInputError(
        `${file}: ${name}: annotation ${key} must be a string, got ${describeYamlValue(
          value,
        )} (quote it in YAML)`,
      );
    }
  }
}
