import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';

/**
 * The tools an MCP server entity lists in its `spec.definition`, when that
 * definition is YAML with a `tools` list (names, or objects with a `name`),
 * as in this repository's examples; undefined otherwise. Catalog files
 * carry no tool inventory of their own (the backend lists tools with the
 * MCP client), so this is what `bom` can say offline. Never throws.
 */
export function toolsFromDefinition(entity: Entity): string[] | undefined {
  const definition = entity.spec?.definition;
  if (typeof definition !== 'string' || definition.trim() === '') {
    return undefined;
  }
  let value: unknown;
  try {
    value = parse(definition, { maxAliasCount: 0 });
  } catch {
    return undefined; // a definition in another format (JSON schema, prose): no tools known
  }
  const tools =
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as { tools?: unknown }).tools
      : undefined;
  if (!Array.isArray(tools)) {
    return undefined;
  }
  const names = tools.flatMap(tool => {
    const name =
      tool && typeof tool === 'object'
        ? (tool as { name?: unknown }).name
        : tool;
    return typeof name === 'string' && name.trim() !== '' ? [name.trim()] : [];
  });
  return names.length > 0 ? names : undefined;
}
