import {
  AgentListItem,
  AgentRiskRecord,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskDocument } from './AgentRiskDocument';

/** Longest `text` indexed: enough for the description and a long tool list. */
export const MAX_TEXT_LENGTH = 4000;
const MAX_TITLE_LENGTH = 200;
const MAX_FIELD_LENGTH = 200;
const MAX_LIST_LENGTH = 100;

type Detail = Pick<AgentRiskRecord, 'layers' | 'description' | 'mcpServers'>;

const str = (value: unknown, max = MAX_FIELD_LENGTH): string | null =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim().slice(0, max)
    : null;

const MAX_TERMS = 200;

const strings = (values: unknown[]): string[] =>
  [
    ...new Set(values.map(v => str(v)).filter((v): v is string => v !== null)),
  ].slice(0, MAX_TERMS);

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value.slice(0, MAX_LIST_LENGTH) : [];

const capitalized = (word: string) =>
  word.charAt(0).toLocaleUpperCase('en-US') + word.slice(1);

function location(template: string, entityRef: string): string {
  const [, kind, namespace, name] = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef)!;
  const args: Record<string, string> = { kind, namespace, name };
  return template.replace(/:(kind|namespace|name)\b/g, (_m, key: string) =>
    encodeURIComponent(args[key]),
  );
}

/**
 * The search document of one agent: its ranking row, plus what its record
 * adds when that could be read. Fields are checked and bounded here, as the
 * index is another service's store. Throws only for a row without an
 * entity ref, which names no agent to index.
 */
export function toDocument(
  item: AgentListItem,
  detail: Detail | undefined,
  locationTemplate: string,
): AgentRiskDocument {
  const entityRef = str(item?.entityRef, 1000)?.toLocaleLowerCase('en-US');
  if (!entityRef || !/^[^:]+:[^/]+\/.+$/.test(entityRef)) {
    throw new Error('a ranking row without a valid entityRef');
  }
  const title = str(item.title, MAX_TITLE_LENGTH) ?? entityRef;
  const score =
    typeof item.score === 'number' && Number.isFinite(item.score)
      ? item.score
      : null;
  const severity = str(item.severity, 20);
  const status = str(item.status, 20) ?? 'unknown';
  const owner = str(item.owner);
  const ownerTitle = str(item.ownerTitle);
  const threatIds = strings(
    list(detail?.layers).flatMap(layer =>
      list((layer as { threats?: unknown })?.threats).map(
        t => (t as { id?: unknown })?.id,
      ),
    ),
  );
  const servers = list(detail?.mcpServers) as Array<Record<string, unknown>>;
  const mcpServers = strings(servers.map(s => s?.title ?? s?.entityRef));
  const tools = strings(servers.flatMap(s => list(s?.tools)));
  const description = str(detail?.description, 1000);

  const risk =
    status === 'scored' && score !== null
      ? `Severity ${capitalized(
          severity ?? 'unknown',
        )}, AIVSS score ${score.toFixed(1)}.`
      : `Not scored: the assessment is ${status}.`;
  const text = [
    description,
    risk,
    owner ? `Owner: ${ownerTitle ? `${ownerTitle} (${owner})` : owner}.` : null,
    threatIds.length > 0 ? `Threats: ${threatIds.join(', ')}.` : null,
    mcpServers.length > 0 ? `MCP servers: ${mcpServers.join(', ')}.` : null,
    tools.length > 0 ? `Tools: ${tools.join(', ')}.` : null,
  ]
    .filter(Boolean)
    .join('\n')
    .slice(0, MAX_TEXT_LENGTH);

  return {
    title,
    text,
    location: location(locationTemplate, entityRef),
    // The search backend checks catalog read on this ref for every result,
    // as it does for the catalog's own documents.
    authorization: { resourceRef: entityRef },
    entityRef,
    status,
    score: status === 'scored' ? score : null,
    severity: status === 'scored' ? severity : null,
    owner,
    ownerTitle,
    threatIds,
    mcpServers,
    tools,
  };
}
