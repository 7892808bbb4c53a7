import { AIVSS_ANNOTATIONS } from './annotations';
import { parseDecimalLiteral } from './decimal';
import { AGENTIC_FACTORS, AgenticFactorId } from './factors';
import {
  LayerConfidence,
  MAESTRO_LAYER_IDS,
  MAESTRO_LAYERS,
  MaestroLayerId,
} from './layers';
import { FieldError } from './parse';

/**
 * Reads agent threat-model documents, the plain-text format published by
 * public agent directories (see `agent-risk import`):
 *
 *   NAME — agentic threat model
 *   summary paragraph
 *   OWASP AIVSS score rationale
 *   | Autonomy of Action | 0.80 | note |      (ten rows)
 *   free text
 *   MAESTRO 7-layer threat model
 *   Per-layer threats for this agent. …
 *   one paragraph per line, L1 to L7        ("Not certain from the listing — …" = uncertain)
 *   MAESTRO — footer
 *
 * Pure: the caller does the I/O.
 */

/** The seven MAESTRO layers a document describes in order (cross-layer is not part of the format). */
export const THREAT_MODEL_LAYER_IDS = MAESTRO_LAYER_IDS.filter(
  (id): id is Exclude<MaestroLayerId, 'cross-layer'> => id !== 'cross-layer',
);
export type ThreatModelLayerId = (typeof THREAT_MODEL_LAYER_IDS)[number];

export interface ThreatModelLayer {
  id: ThreatModelLayerId;
  /** The paragraph, with the "Not certain from the listing —" marker stripped. */
  text: string;
  confidence: LayerConfidence;
}

export interface ThreatModelDocument {
  /** The agent's name from the title line, without "— agentic threat model". */
  title?: string;
  /** The summary paragraph(s) between the title and the AIVSS heading. */
  summary?: string;
  /** Factor values exactly as written ("0.80"); only rows with a valid value. */
  factors: Partial<Record<AgenticFactorId, string>>;
  /** The layer paragraphs found, in order from L1; truncated documents have fewer. */
  layers: ThreatModelLayer[];
}

export interface ThreatModelParseResult {
  document: ThreatModelDocument;
  /** What makes the document unusable: no title, missing or bad factor rows, no layers. */
  problems: FieldError[];
  /** Layers the document does not reach (a truncated document); not a problem on its own. */
  missingLayers: ThreatModelLayerId[];
}

const TITLE_SUFFIX = 'agentic threat model';
const TITLE_DASHES = '—–-';

/**
 * The NAME of a "NAME — agentic threat model" line, or null. Hand-written
 * rather than a regex: the obvious pattern backtracks quadratically on a long
 * line without the suffix, and documents come from anywhere.
 */
function titleOf(line: string): string | null {
  const text = line.trimEnd();
  if (text.slice(-TITLE_SUFFIX.length).toLowerCase() !== TITLE_SUFFIX) {
    return null;
  }
  const beforeSuffix = text.slice(0, -TITLE_SUFFIX.length);
  const dashEnd = beforeSuffix.trimEnd();
  const dash = dashEnd.charAt(dashEnd.length - 1);
  if (dashEnd.length === beforeSuffix.length || !TITLE_DASHES.includes(dash)) {
    return null; // no whitespace between the dash and the suffix, or no dash
  }
  const beforeDash = dashEnd.slice(0, -1);
  const name = beforeDash.trim();
  if (beforeDash.trimEnd().length === beforeDash.length || name === '') {
    return null; // no whitespace before the dash, or no name
  }
  return name;
}
const AIVSS_HEADING = /^OWASP AIVSS score rationale\b/i;
const MAESTRO_HEADING = /^MAESTRO\s+7-layer threat model\b/i;
const MAESTRO_INTRO = /^Per-layer threats\b/i;
const MAESTRO_FOOTER = /^MAESTRO\s+[—–-]/;
const UNCERTAIN_MARKER = /^Not certain from the listing\s*[—–-]\s*/i;

/** The marker ends mid-sentence ("— likely relies …"); the stripped text should start as one. */
function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}
const TABLE_SEPARATOR = /^\|[\s|:-]*$/;

/** Lower-case and keep only letters and digits: "Opacity & Reflexivity" and "opacity-reflexivity" meet. */
function normaliseFactorTitle(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const FACTOR_BY_NORMALISED_TITLE = new Map<string, AgenticFactorId>(
  AGENTIC_FACTORS.flatMap(f => [
    [normaliseFactorTitle(f.id), f.id],
    [normaliseFactorTitle(f.title), f.id],
  ]),
);

function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map(cell => cell.trim());
}

/** Parses a threat-model document. Never throws: problems are returned by field. */
export function parseThreatModelDocument(text: string): ThreatModelParseResult {
  const lines = text.split(/\r?\n/).map(line => line.trim());
  const problems: FieldError[] = [];
  const document: ThreatModelDocument = { factors: {}, layers: [] };

  let index = lines.findIndex(line => line !== '');
  const title = index >= 0 ? titleOf(lines[index]) : null;
  if (title) {
    document.title = title;
    index += 1;
  } else {
    problems.push({
      field: 'title',
      message:
        'missing: the first line must read "NAME — agentic threat model"',
    });
    index = Math.max(index, 0);
  }

  // Summary: everything up to the AIVSS heading (or the first table row / MAESTRO heading).
  const summary: string[] = [];
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (
      AIVSS_HEADING.test(line) ||
      line.startsWith('|') ||
      MAESTRO_HEADING.test(line)
    ) {
      break;
    }
    if (line !== '') {
      summary.push(line);
    }
  }
  if (summary.length > 0) {
    document.summary = summary.join(' ');
  }

  // Factor rows: table lines before the MAESTRO heading; other lines are free text.
  const seen = new Set<AgenticFactorId>();
  for (; index < lines.length && !MAESTRO_HEADING.test(lines[index]); index++) {
    const line = lines[index];
    if (!line.startsWith('|') || TABLE_SEPARATOR.test(line)) {
      continue;
    }
    const [rowTitle = '', value = ''] = tableCells(line);
    const normalised = normaliseFactorTitle(rowTitle);
    if (normalised === 'factor') {
      continue; // a header row
    }
    const id = FACTOR_BY_NORMALISED_TITLE.get(normalised);
    if (!id) {
      problems.push({
        field: `factors.${normalised || 'unnamed'}`,
        message: `row "${rowTitle}" is not one of the ten AIVSS agentic factors`,
      });
      continue;
    }
    if (seen.has(id)) {
      problems.push({
        field: `factors.${id}`,
        message: `row "${rowTitle}" appears twice`,
      });
      continue;
    }
    seen.add(id);
    const parsed = parseDecimalLiteral(value);
    if (!parsed || parsed.lt(0) || parsed.gt(1)) {
      problems.push({
        field: `factors.${id}`,
        message: `row "${rowTitle}" has value ${JSON.stringify(
          value,
        )}; expected a number from 0 to 1`,
      });
      continue;
    }
    document.factors[id] = value;
  }
  for (const factor of AGENTIC_FACTORS) {
    if (!seen.has(factor.id)) {
      problems.push({
        field: `factors.${factor.id}`,
        message: `missing the factor row "${factor.title}"`,
      });
    }
  }

  // Layers: one paragraph per line after the MAESTRO heading, in order L1..L7.
  const paragraphs: string[] = [];
  for (index += 1; index < lines.length; index++) {
    const line = lines[index];
    if (MAESTRO_FOOTER.test(line)) {
      break;
    }
    if (line === '' || (paragraphs.length === 0 && MAESTRO_INTRO.test(line))) {
      continue;
    }
    paragraphs.push(line);
  }
  if (paragraphs.length > THREAT_MODEL_LAYER_IDS.length) {
    problems.push({
      field: 'layers',
      message: `has ${paragraphs.length} layer paragraphs; expected at most ${THREAT_MODEL_LAYER_IDS.length} (L1..L7)`,
    });
  }
  document.layers = paragraphs
    .slice(0, THREAT_MODEL_LAYER_IDS.length)
    .map((paragraph, i) => {
      const uncertain = UNCERTAIN_MARKER.test(paragraph);
      return {
        id: THREAT_MODEL_LAYER_IDS[i],
        text: uncertain
          ? capitalize(paragraph.replace(UNCERTAIN_MARKER, ''))
          : paragraph,
        confidence: uncertain ? 'uncertain' : 'mapped',
      };
    });
  if (document.layers.length === 0) {
    problems.push({
      field: 'layers',
      message:
        'missing: no MAESTRO layer paragraphs after the "MAESTRO 7-layer threat model" heading',
    });
  }

  return {
    document,
    problems,
    missingLayers: THREAT_MODEL_LAYER_IDS.slice(document.layers.length),
  };
}

/** Derives a catalog `metadata.name` from a title: "TradeOS AI" → "tradeos-ai". */
export function entityNameFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

export interface ThreatModelEntityOptions {
  owner: string;
  lifecycle: string;
  /** Annotation values as the user wrote them; validate them with `parseAssessment`. */
  cvssBase?: string;
  threatMultiplier?: string;
  mitigationFactor?: string;
  /** Overrides the name derived from the title. */
  name?: string;
}

/** The catalog entity `agent-risk import` prints: an `AiResource` of type `agent`. */
export interface ThreatModelAgentEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'AiResource';
  metadata: {
    name: string;
    title?: string;
    description?: string;
    annotations: Record<string, string>;
  };
  spec: {
    type: 'agent';
    owner: string;
    lifecycle: string;
  };
}

const LAYER_BY_ID = new Map<MaestroLayerId, (typeof MAESTRO_LAYERS)[number]>(
  MAESTRO_LAYERS.map(l => [l.id, l]),
);

/** Turns a parsed document into an agent entity with AIVSS and MAESTRO annotations. */
export function buildAgentEntityFromThreatModel(
  document: ThreatModelDocument,
  options: ThreatModelEntityOptions,
): ThreatModelAgentEntity {
  const annotations: Record<string, string> = {};
  for (const factor of AGENTIC_FACTORS) {
    const value = document.factors[factor.id];
    if (value !== undefined) {
      annotations[factor.annotation] = value;
    }
  }
  const optional: Array<[string, string | undefined]> = [
    [AIVSS_ANNOTATIONS.cvssBase, options.cvssBase],
    [AIVSS_ANNOTATIONS.threatMultiplier, options.threatMultiplier],
    [AIVSS_ANNOTATIONS.mitigationFactor, options.mitigationFactor],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) {
      annotations[key] = value;
    }
  }
  for (const layer of document.layers) {
    const definition = LAYER_BY_ID.get(layer.id)!;
    annotations[definition.textAnnotation] = layer.text;
    if (layer.confidence === 'uncertain') {
      annotations[definition.confidenceAnnotation] = 'uncertain';
    }
  }

  const metadata: ThreatModelAgentEntity['metadata'] = {
    name: options.name ?? entityNameFromTitle(document.title ?? ''),
    ...(document.title !== undefined && { title: document.title }),
    ...(document.summary !== undefined && { description: document.summary }),
    annotations,
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'AiResource',
    metadata,
    spec: { type: 'agent', owner: options.owner, lifecycle: options.lifecycle },
  };
}
