import { Entity } from '@backstage/catalog-model';
import {
  DISCOVERY_ANNOTATIONS,
  REGISTRY_LIMITS,
} from '@agent-risk/plugin-agent-risk-common';
import { importAgentDocument } from '@agent-risk/plugin-agent-risk-common/import';

/** Most skills kept of one card; a card may list thousands. */
export const MAX_DISCOVERED_SKILLS = 50;
const MAX_SKILL_TEXT = 300;
const MAX_CARD_TEXT = 1000;
const MAX_ENDPOINTS = 10;

// Control characters (line breaks kept) and bidi overrides: refused by the
// registry's text rules and never wanted in a card's text.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

const clip = (value: unknown, max: number) =>
  typeof value === 'string' ? value.replace(UNSAFE, ' ').slice(0, max) : value;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The card cut to what the registry keeps: at most
 * {@link MAX_DISCOVERED_SKILLS} skills and endpoints, every text bounded and
 * stripped of control characters. A card's text is data, never an
 * instruction: it is stored and shown as plain text, nothing acts on it.
 */
export function boundedCard(card: Json): { card: Json; notes: string[] } {
  const notes: string[] = [];
  const out: Json = { ...card };
  out.name = clip(card.name, REGISTRY_LIMITS.title);
  out.description = clip(card.description, MAX_CARD_TEXT);
  if (Array.isArray(card.skills)) {
    if (card.skills.length > MAX_DISCOVERED_SKILLS) {
      notes.push(
        `the card lists ${card.skills.length} skills; the first ${MAX_DISCOVERED_SKILLS} are kept`,
      );
    }
    out.skills = card.skills.slice(0, MAX_DISCOVERED_SKILLS).map(skill =>
      isObject(skill)
        ? {
            ...skill,
            id: clip(skill.id, MAX_SKILL_TEXT),
            name: clip(skill.name, MAX_SKILL_TEXT),
            description: clip(skill.description, MAX_SKILL_TEXT),
            tags: Array.isArray(skill.tags)
              ? skill.tags.slice(0, 10).map(t => clip(t, 60))
              : skill.tags,
          }
        : skill,
    );
  }
  for (const key of ['supportedInterfaces', 'additionalInterfaces']) {
    if (Array.isArray(card[key])) {
      out[key] = (card[key] as unknown[]).slice(0, MAX_ENDPOINTS);
    }
  }
  return { card: out, notes };
}

/** The skills as the Risk tab shows them, as JSON within one annotation's bound. */
function skillsAnnotation(card: Json): string {
  const skills = (Array.isArray(card.skills) ? card.skills : [])
    .filter(isObject)
    .map(s => ({
      id: String(s.id ?? ''),
      name: String(s.name ?? ''),
      description: String(s.description ?? ''),
    }));
  let text = JSON.stringify(skills);
  while (text.length > REGISTRY_LIMITS.annotationValue && skills.length > 0) {
    skills.pop();
    text = JSON.stringify(skills);
  }
  return text;
}

/**
 * The agent a card describes, mapped as the A2A import maps it (the common
 * importer), within the registry's bounds; `problems` when the card is not
 * a usable A2A 0.3 or 1.0 card.
 */
export function discoveredAgent(
  raw: unknown,
  owner: string,
): { entity?: Entity; problems: string[]; notes: string[] } {
  if (!isObject(raw)) {
    return { problems: ['the card is not a JSON object'], notes: [] };
  }
  const { card, notes } = boundedCard(raw);
  const result = importAgentDocument(JSON.stringify(card), {
    format: 'agent-card',
    owner,
  });
  if (!result.ok) {
    return {
      problems: result.errors
        .slice(0, 5)
        .map(p => `${p.field}: ${p.message}`.slice(0, 300)),
      notes,
    };
  }
  const imported = result.entity;
  const entity: Entity = {
    ...imported,
    metadata: {
      ...imported.metadata,
      description: imported.metadata.description?.slice(
        0,
        REGISTRY_LIMITS.description,
      ),
      ...(imported.metadata.tags && {
        tags: imported.metadata.tags.slice(0, REGISTRY_LIMITS.tags),
      }),
      links: imported.metadata.links?.slice(0, REGISTRY_LIMITS.links),
      annotations: { ...imported.metadata.annotations },
    },
  } as Entity;
  for (const [key, value] of Object.entries(
    entity.metadata.annotations ?? {},
  )) {
    if (value.length > REGISTRY_LIMITS.annotationValue) {
      delete entity.metadata.annotations![key];
      notes.push(`${key} is too long to keep`);
    }
  }
  entity.metadata.annotations![DISCOVERY_ANNOTATIONS.cardSkills] =
    skillsAnnotation(card);
  return { entity, problems: [], notes };
}

/** Which card fields differ between two versions of a discovered agent, in words. */
export function changedCardFields(before: Entity, after: Entity): string[] {
  const a = before.metadata.annotations ?? {};
  const b = after.metadata.annotations ?? {};
  const fields: Array<[string, unknown, unknown]> = [
    [
      'skills',
      a[DISCOVERY_ANNOTATIONS.cardSkills],
      b[DISCOVERY_ANNOTATIONS.cardSkills],
    ],
    [
      'security schemes',
      a['a2a-protocol.org/security-schemes'],
      b['a2a-protocol.org/security-schemes'],
    ],
    [
      'security requirements',
      a['a2a-protocol.org/security-requirements'],
      b['a2a-protocol.org/security-requirements'],
    ],
    [
      'interfaces',
      JSON.stringify(
        (before.metadata.links ?? []).filter(l => l.type === 'a2a-endpoint'),
      ),
      JSON.stringify(
        (after.metadata.links ?? []).filter(l => l.type === 'a2a-endpoint'),
      ),
    ],
    [
      'provider',
      JSON.stringify(
        (before.metadata.links ?? []).filter(l => l.type === 'provider'),
      ),
      JSON.stringify(
        (after.metadata.links ?? []).filter(l => l.type === 'provider'),
      ),
    ],
    [
      'signature state',
      a[DISCOVERY_ANNOTATIONS.cardSignature],
      b[DISCOVERY_ANNOTATIONS.cardSignature],
    ],
    ['name', before.metadata.title, after.metadata.title],
    ['description', before.metadata.description, after.metadata.description],
  ];
  return fields.filter(([, x, y]) => x !== y).map(([name]) => name);
}
