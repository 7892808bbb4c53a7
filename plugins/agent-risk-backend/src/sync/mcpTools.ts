import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import {
  InventoryTool,
  McpToolAnnotations,
  toolMayDestroy,
  toolMayWrite,
} from '@agent-risk/plugin-agent-risk-common';
import type { DefinedTool } from '../database/mcpTools/McpToolStore';

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
  return toolEntriesFromDefinition(entity).map(tool => tool.name);
}

const HINTS = [
  'readOnlyHint',
  'destructiveHint',
  'idempotentHint',
  'openWorldHint',
] as const;

function hintsOf(tool: unknown): McpToolAnnotations {
  const raw =
    tool && typeof tool === 'object'
      ? (tool as { annotations?: unknown }).annotations
      : undefined;
  const annotations: McpToolAnnotations = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const hint of HINTS) {
      const value = (raw as Record<string, unknown>)[hint];
      if (typeof value === 'boolean') annotations[hint] = value;
    }
  }
  return annotations;
}

/**
 * The tools of an MCP server entity's YAML `spec.definition`, with the MCP
 * annotations (`readOnlyHint`, `destructiveHint`, …) a tool object gives.
 * A tool listed by name only has none: by the MCP spec it may write.
 * Bounded; never throws.
 */
export function toolEntriesFromDefinition(entity: Entity): DefinedTool[] {
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
  const seen = new Set<string>();
  const entries: DefinedTool[] = [];
  for (const tool of tools) {
    const name =
      tool && typeof tool === 'object'
        ? (tool as { name?: unknown }).name
        : tool;
    if (
      typeof name !== 'string' ||
      name.trim() === '' ||
      name.length > MAX_TOOL_NAME_LENGTH ||
      seen.has(name.trim())
    ) {
      continue;
    }
    seen.add(name.trim());
    entries.push({ name: name.trim(), annotations: hintsOf(tool) });
    if (entries.length >= MAX_TOOLS_PER_SERVER) break;
  }
  return entries;
}

/**
 * A defined tool as the contract's inventory shows it: no title,
 * description or times (the catalog gives none), and what it may do from
 * its hints alone.
 */
export function definedInventoryTool(tool: DefinedTool): InventoryTool {
  return {
    name: tool.name,
    title: null,
    description: null,
    annotations: tool.annotations,
    firstSeenAt: '',
    changedAt: null,
    mayWrite: toolMayWrite(tool),
    mayDestroy: toolMayDestroy(tool),
  };
}
