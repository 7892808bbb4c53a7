import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';

/** Larger definitions are not parsed: an inventory of tools is a few KB. */
const MAX_DEFINITION_LENGTH = 64_000;
/** Most tools kept per server, and the longest tool name kept. */
export const MAX_TOOLS_PER_SERVER = 200;
export const MAX_TOOL_NAME_LENGTH = 128;

/** Whether an entity is an MCP server: an API of type mcp-server (the upstream AI model). */
export function isMcpServer(entity: Entity): boolean {
  return (
    String(entity.kind ?? '').toLocaleLowerCase('en-US') === 'api' &&
    entity.spec?.type === 'mcp-server'
  );
}

/**
 * The tools an MCP server entity lists in its `spec.definition`, when that
 * is YAML with a `tools` list (names, or objects with a `name`), as in the
 * CLI's `bom` and the examples; empty otherwise. Bounded; never throws.
 */
export function toolsFromDefinition(entity: Entity): string[] {
  const definition = entity.spec?.definition;
  if (
    typeof definition !== 'string' ||
    definition.trim() === '' ||
    definition.length > MAX_DEFINITION_LENGTH
  ) {
    return [];
  }
  let value: unknown;
  try {
    value = parse(definition, { maxAliasCount: 0 });
  } catch {
    return []; // another format (JSON schema, prose): no tools known
  }
  const tools =
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as { tools?: unknown }).tools
      : undefined;
  if (!Array.isArray(tools)) {
    return [];
  }
  const names = tools.flatMap(tool => {
    const name =
      tool && typeof tool === 'object'
        ? (tool as { name?: unknown }).name
        : tool;
    return typeof name === 'string' &&
      name.trim() !== '' &&
      name.length <= MAX_TOOL_NAME_LENGTH
      ? [name.trim()]
      : [];
  });
  return [...new Set(names)].slice(0, MAX_TOOLS_PER_SERVER);
}
