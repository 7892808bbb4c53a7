import { StoredAgentRecord } from '../types';

/**
 * Longest free-text column: what a substring search reads. Names, titles
 * and threat ids come first, so only a very long tool list is cut.
 */
export const MAX_SEARCH_TEXT_LENGTH = 8000;

/**
 * The ranking's free text (`GET /agents?q=`) for one agent, lower-case: its
 * ref, name, title, owner and system names, the threat ids of its MAESTRO
 * layers, and its MCP servers and their tool names.
 */
export function searchTextOf(
  record: Pick<
    StoredAgentRecord,
    | 'entityRef'
    | 'title'
    | 'ownerTitle'
    | 'systemTitle'
    | 'layers'
    | 'mcpServers'
  >,
  name: string,
): string {
  const threatIds = new Set(
    (record.layers ?? []).flatMap(layer => layer.threats.map(t => t.id)),
  );
  const servers = record.mcpServers ?? [];
  return [
    record.entityRef,
    name,
    record.title,
    record.ownerTitle,
    record.systemTitle,
    ...threatIds,
    ...servers.flatMap(s => [s.entityRef, s.title]),
    ...servers.flatMap(s => s.tools),
  ]
    .filter(Boolean)
    .join(' ')
    .slice(0, MAX_SEARCH_TEXT_LENGTH)
    .toLocaleLowerCase('en-US');
}
