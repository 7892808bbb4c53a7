import { A2A_ANNOTATIONS } from '../domain/annotations';
import { FieldError } from '../domain/parse';

/**
 * Reads A2A Agent Cards (https://a2a-protocol.org): protocol 0.3, where the
 * endpoint is `url` (+ `preferredTransport`, `additionalInterfaces`), and 1.0,
 * where endpoints are `supportedInterfaces` and the security requirements are
 * `securityRequirements`. Only the fields the import uses are checked; the
 * shape follows the protocol's own types (`@a2a-js/sdk`), written out here so
 * that the browser bundle carries no SDK for types alone.
 */

/** @public */
export type AgentCardProtocol = '0.3' | '1.0';

/** @public */
export interface AgentCardSkill {
  id: string;
  name: string;
  description: string;
  tags: string[];
}

/** @public */
export interface AgentCardEndpoint {
  url: string;
  /** `JSONRPC`, `GRPC`, `HTTP+JSON`, … */
  transport?: string;
  protocolVersion?: string;
}

/**
 * The parts of a card the import uses, checked.
 *
 * @public
 */
export interface AgentCard {
  protocol: AgentCardProtocol;
  name: string;
  description: string;
  version: string;
  endpoints: AgentCardEndpoint[];
  provider?: { organization: string; url: string };
  documentationUrl?: string;
  skills: AgentCardSkill[];
  securitySchemes?: Record<string, unknown>;
  securityRequirements?: Array<Record<string, unknown>>;
}

/** @public */
export interface AgentCardParseResult {
  /** Set when the card has no problems. */
  card?: AgentCard;
  problems: FieldError[];
  /** Fields the protocol requires that the import does not need. */
  warnings: FieldError[];
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects problems by field while reading a card. */
class CardReader {
  readonly problems: FieldError[] = [];
  readonly warnings: FieldError[] = [];

  problem(field: string, message: string) {
    this.problems.push({ field, message });
  }

  string(
    object: JsonObject,
    key: string,
    path: string,
    required: boolean,
  ): string | undefined {
    const value = object[key];
    if (value === undefined || value === null) {
      if (required) this.problem(path, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(path, `must be a non-empty string, got ${describe(value)}`);
      return undefined;
    }
    return value.trim();
  }

  /** An http(s) URL without credentials: cards come from anywhere and their links are rendered. */
  url(
    object: JsonObject,
    key: string,
    path: string,
    required: boolean,
  ): string | undefined {
    const value = this.string(object, key, path, required);
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      this.problem(path, `must be an absolute URL, got ${describe(value)}`);
      return undefined;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      this.problem(
        path,
        `must be an http or https URL, got ${describe(value)}`,
      );
      return undefined;
    }
    if (parsed.username || parsed.password) {
      this.problem(path, 'must not carry credentials');
      return undefined;
    }
    return value;
  }

  stringList(
    object: JsonObject,
    key: string,
    path: string,
  ): string[] | undefined {
    const value = object[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some(item => typeof item !== 'string')) {
      this.problem(path, `must be a list of strings, got ${describe(value)}`);
      return undefined;
    }
    return value as string[];
  }

  objectList(object: JsonObject, key: string, path: string): JsonObject[] {
    const value = object[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problem(path, `must be a list, got ${describe(value)}`);
      return [];
    }
    const items: JsonObject[] = [];
    value.forEach((item, i) => {
      if (isObject(item)) items.push(item);
      else
        this.problem(
          `${path}[${i}]`,
          `must be an object, got ${describe(item)}`,
        );
    });
    return items;
  }

  /** Required by the protocol but not by the import: a warning, never a refusal. */
  protocolRequires(object: JsonObject, key: string, kind: 'object' | 'list') {
    const value = object[key];
    const ok = kind === 'list' ? Array.isArray(value) : isObject(value);
    if (value === undefined) {
      this.warnings.push({
        field: key,
        message: 'is required by the A2A protocol and absent; imported anyway',
      });
    } else if (!ok) {
      this.problem(
        key,
        `must be ${kind === 'list' ? 'a list' : 'an object'}, got ${describe(
          value,
        )}`,
      );
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function readEndpoints(
  reader: CardReader,
  card: JsonObject,
): { protocol: AgentCardProtocol; endpoints: AgentCardEndpoint[] } {
  if (card.supportedInterfaces !== undefined) {
    const interfaces = reader.objectList(
      card,
      'supportedInterfaces',
      'supportedInterfaces',
    );
    if (Array.isArray(card.supportedInterfaces) && interfaces.length === 0) {
      reader.problem('supportedInterfaces', 'must list at least one interface');
    }
    const endpoints: AgentCardEndpoint[] = [];
    interfaces.forEach((item, i) => {
      const path = `supportedInterfaces[${i}]`;
      const url = reader.url(item, 'url', `${path}.url`, true);
      const transport = reader.string(
        item,
        'protocolBinding',
        `${path}.protocolBinding`,
        true,
      );
      const protocolVersion = reader.string(
        item,
        'protocolVersion',
        `${path}.protocolVersion`,
        false,
      );
      if (url) endpoints.push({ url, transport, protocolVersion });
    });
    return { protocol: '1.0', endpoints };
  }
  if (card.url === undefined) {
    reader.problem(
      'supportedInterfaces',
      'is required: a card names its endpoints in supportedInterfaces (A2A 1.0) or url (A2A 0.3)',
    );
    return { protocol: '1.0', endpoints: [] };
  }
  const endpoints: AgentCardEndpoint[] = [];
  const protocolVersion = reader.string(
    card,
    'protocolVersion',
    'protocolVersion',
    false,
  );
  const url = reader.url(card, 'url', 'url', true);
  const preferredTransport = reader.string(
    card,
    'preferredTransport',
    'preferredTransport',
    false,
  );
  if (url) {
    // 0.3: the preferred transport defaults to JSON-RPC.
    endpoints.push({
      url,
      transport: preferredTransport ?? 'JSONRPC',
      protocolVersion,
    });
  }
  reader
    .objectList(card, 'additionalInterfaces', 'additionalInterfaces')
    .forEach((item, i) => {
      const path = `additionalInterfaces[${i}]`;
      const extraUrl = reader.url(item, 'url', `${path}.url`, true);
      const transport = reader.string(
        item,
        'transport',
        `${path}.transport`,
        true,
      );
      const duplicate = endpoints.some(
        e => e.url === extraUrl && e.transport === transport,
      );
      if (extraUrl && !duplicate) {
        endpoints.push({ url: extraUrl, transport, protocolVersion });
      }
    });
  return { protocol: '0.3', endpoints };
}

function readSkills(reader: CardReader, card: JsonObject): AgentCardSkill[] {
  if (card.skills === undefined) {
    reader.problem('skills', "is required (a list of the agent's skills)");
    return [];
  }
  return reader.objectList(card, 'skills', 'skills').flatMap((item, i) => {
    const path = `skills[${i}]`;
    const id = reader.string(item, 'id', `${path}.id`, true);
    const name = reader.string(item, 'name', `${path}.name`, true);
    const description =
      reader.string(item, 'description', `${path}.description`, false) ?? '';
    const tags = reader.stringList(item, 'tags', `${path}.tags`) ?? [];
    return id && name ? [{ id, name, description, tags }] : [];
  });
}

function readSecurity(
  reader: CardReader,
  card: JsonObject,
  protocol: AgentCardProtocol,
): Pick<AgentCard, 'securitySchemes' | 'securityRequirements'> {
  const result: Pick<AgentCard, 'securitySchemes' | 'securityRequirements'> =
    {};
  if (card.securitySchemes !== undefined) {
    if (!isObject(card.securitySchemes)) {
      reader.problem(
        'securitySchemes',
        `must be an object of named schemes, got ${describe(
          card.securitySchemes,
        )}`,
      );
    } else {
      for (const [name, scheme] of Object.entries(card.securitySchemes)) {
        if (!isObject(scheme)) {
          reader.problem(
            `securitySchemes.${name}`,
            `must be an object, got ${describe(scheme)}`,
          );
        }
      }
      result.securitySchemes = card.securitySchemes;
    }
  }
  // 1.0 renamed `security` to `securityRequirements`; read whichever the card has.
  const key =
    protocol === '1.0' && card.securityRequirements !== undefined
      ? 'securityRequirements'
      : 'security';
  if (card[key] !== undefined) {
    const requirements = reader.objectList(card, key, key);
    if (Array.isArray(card[key])) result.securityRequirements = requirements;
  }
  return result;
}

/**
 * Checks a card (already parsed from JSON). Never throws.
 *
 * @public
 */
export function parseAgentCard(json: unknown): AgentCardParseResult {
  const reader = new CardReader();
  if (!isObject(json)) {
    reader.problem('card', `must be a JSON object, got ${describe(json)}`);
    return { problems: reader.problems, warnings: reader.warnings };
  }
  const name = reader.string(json, 'name', 'name', true);
  const description = reader.string(json, 'description', 'description', true);
  const version = reader.string(json, 'version', 'version', true);
  const { protocol, endpoints } = readEndpoints(reader, json);
  let provider: AgentCard['provider'];
  if (json.provider !== undefined) {
    if (isObject(json.provider)) {
      const organization = reader.string(
        json.provider,
        'organization',
        'provider.organization',
        true,
      );
      const url = reader.url(json.provider, 'url', 'provider.url', true);
      if (organization && url) provider = { organization, url };
    } else {
      reader.problem(
        'provider',
        `must be an object, got ${describe(json.provider)}`,
      );
    }
  }
  const documentationUrl = reader.url(
    json,
    'documentationUrl',
    'documentationUrl',
    false,
  );
  const skills = readSkills(reader, json);
  const security = readSecurity(reader, json, protocol);
  reader.protocolRequires(json, 'capabilities', 'object');
  reader.protocolRequires(json, 'defaultInputModes', 'list');
  reader.protocolRequires(json, 'defaultOutputModes', 'list');

  if (reader.problems.length > 0 || !name || !description || !version) {
    return { problems: reader.problems, warnings: reader.warnings };
  }
  return {
    card: {
      protocol,
      name,
      description,
      version,
      endpoints,
      ...(provider && { provider }),
      ...(documentationUrl && { documentationUrl }),
      skills,
      ...security,
    },
    problems: [],
    warnings: reader.warnings,
  };
}

const MAX_TAG_LENGTH = 63;

/**
 * A Backstage tag from free text: lower-case, `[a-z0-9:+#]` words joined by
 * single hyphens, at most 63 characters; undefined when nothing is left.
 *
 * @public
 */
export function toCatalogTag(text: string): string | undefined {
  const tag = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9:+#]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_TAG_LENGTH)
    .replace(/-+$/, '');
  return tag === '' ? undefined : tag;
}

/**
 * The skills, each id and each skill tag once, as catalog tags.
 *
 * @public
 */
export function agentCardTags(card: AgentCard): string[] {
  const tags = new Set<string>();
  for (const text of [
    ...card.skills.map(s => s.id),
    ...card.skills.flatMap(s => s.tags),
  ]) {
    const tag = toCatalogTag(text);
    if (tag) tags.add(tag);
  }
  return [...tags];
}

/**
 * The card's description followed by its skills, one Markdown list item each.
 *
 * @public
 */
export function agentCardDescription(card: AgentCard): string {
  if (card.skills.length === 0) return card.description;
  const skills = card.skills.map(s =>
    s.description ? `- ${s.name}: ${s.description}` : `- ${s.name}`,
  );
  return `${card.description}\n\nSkills:\n${skills.join('\n')}`;
}

/**
 * The endpoints, the provider and the documentation as catalog links.
 *
 * @public
 */
export function agentCardLinks(
  card: AgentCard,
): Array<{ url: string; title: string; type: string }> {
  const links = card.endpoints.map(endpoint => ({
    url: endpoint.url,
    title: `A2A endpoint (${[endpoint.transport, endpoint.protocolVersion]
      .filter(Boolean)
      .join(', ')})`,
    type: 'a2a-endpoint',
  }));
  if (card.provider) {
    links.push({
      url: card.provider.url,
      title: card.provider.organization,
      type: 'provider',
    });
  }
  if (card.documentationUrl) {
    links.push({
      url: card.documentationUrl,
      title: 'Documentation',
      type: 'documentation',
    });
  }
  return links;
}

/**
 * The security schemes an imported agent's card declared, for display; null
 * when the annotation is absent or not a JSON object.
 *
 * @public
 */
export function readDeclaredSecuritySchemes(
  annotations: Record<string, string | undefined> | undefined,
): Record<string, unknown> | null {
  const raw = annotations?.[A2A_ANNOTATIONS.securitySchemes];
  if (raw === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
