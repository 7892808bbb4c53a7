import { createHash } from 'crypto';
import { Entity } from '@backstage/catalog-model';
import { McpToolAnnotations } from '@agent-risk/plugin-agent-risk-common';
import { ListedTool } from '../database/mcpTools/McpToolStore';

/** The annotation naming an MCP server's endpoint when spec.remotes has none. */
export const MCP_ENDPOINT_ANNOTATION = 'agent-risk.io/mcp-endpoint';
/** Most tools one server may list; a longer list is refused, the last good one kept. */
export const MAX_LISTED_TOOLS = 2000;
/** Longest description and title kept (the hash is of the whole text). */
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_TITLE_LENGTH = 200;
export const MAX_NAME_LENGTH = 128;

/**
 * An MCP server entity's endpoint: the upstream AI model's `spec.remotes`
 * entry of type `streamable-http`, else the annotation; undefined if none.
 */
export function mcpEndpointOf(entity: Entity): string | undefined {
  const remotes = entity.spec?.remotes;
  if (Array.isArray(remotes)) {
    for (const remote of remotes) {
      if (
        remote &&
        typeof remote === 'object' &&
        (remote as { type?: unknown }).type === 'streamable-http' &&
        typeof (remote as { url?: unknown }).url === 'string'
      ) {
        return (remote as { url: string }).url;
      }
    }
  }
  const annotation = entity.metadata.annotations?.[MCP_ENDPOINT_ANNOTATION];
  return annotation && annotation.trim() !== '' ? annotation.trim() : undefined;
}

/** Orders strings by UTF-16 code units, as JSON canonicalisation (RFC 8785) does. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** JSON with object keys sorted at every depth: the same schema, the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareCodeUnits(a, b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** Cut to a length, on a code point boundary. */
function bounded(text: string, max: number): string {
  return text.length <= max ? text : Array.from(text).slice(0, max).join('');
}

function annotationsOf(value: unknown): McpToolAnnotations {
  const result: McpToolAnnotations = {};
  if (value && typeof value === 'object') {
    for (const key of [
      'readOnlyHint',
      'destructiveHint',
      'idempotentHint',
      'openWorldHint',
    ] as const) {
      const hint = (value as Record<string, unknown>)[key];
      if (typeof hint === 'boolean') {
        result[key] = hint;
      }
    }
  }
  return result;
}

/** A tool as the MCP client returns it from tools/list. */
export interface RawTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  annotations?: { title?: string } & Record<string, unknown>;
}

/**
 * The tools as stored: names too long are dropped, texts bounded, the
 * description and the canonical input schema hashed. Duplicate names keep
 * the first.
 */
export function listedToolsOf(tools: readonly RawTool[]): ListedTool[] {
  const seen = new Set<string>();
  const result: ListedTool[] = [];
  for (const tool of tools) {
    if (
      typeof tool.name !== 'string' ||
      tool.name === '' ||
      tool.name.length > MAX_NAME_LENGTH ||
      seen.has(tool.name)
    ) {
      continue;
    }
    seen.add(tool.name);
    const title = tool.title ?? tool.annotations?.title;
    const description =
      typeof tool.description === 'string' ? tool.description : null;
    result.push({
      name: tool.name,
      title:
        typeof title === 'string' ? bounded(title, MAX_TITLE_LENGTH) : null,
      description:
        description === null
          ? null
          : bounded(description, MAX_DESCRIPTION_LENGTH),
      descriptionHash: sha256(description ?? ''),
      schemaHash: sha256(canonicalJson(tool.inputSchema ?? null)),
      annotations: annotationsOf(tool.annotations),
    });
  }
  return result.sort((a, b) => compareCodeUnits(a.name, b.name));
}
