import { AIVSS_ANNOTATIONS } from '../domain/annotations';
import { parseDecimalLiteral } from '../domain/decimal';
import { AGENTIC_FACTORS, AgenticFactorId } from '../domain/factors';
import {
  LayerConfidence,
  MAESTRO_LAYER_IDS,
  MAESTRO_LAYERS,
  MaestroLayerId,
} from '../domain/layers';
import { FieldError } from '../domain/parse';
import {
  AIVSS_HEADING,
  MAESTRO_FOOTER,
  MAESTRO_HEADING,
  MAESTRO_INTRO,
  normaliseFactorTitle,
  factorByTitle,
  stripUncertainMarker,
  TABLE_SEPARATOR,
  tableCells,
  textLines,
  titleOf,
} from './documentText';

/**
 * Reads agent threat-model documents, the plain-text format published by
 * public agent directories (see `agent-risk import`):
 *
 *   "← NAME", other navigation             (optional, ignored: a copied page's chrome)
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

/**
 * The seven MAESTRO layers a document describes in order (cross-layer is not part of the format).
 *
 * @public
 */
export const THREAT_MODEL_LAYER_IDS = MAESTRO_LAYER_IDS.filter(
  (id): id is Exclude<MaestroLayerId, 'cross-layer'> => id !== 'cross-layer',
);
/** @public */
export type ThreatModelLayerId = (typeof THREAT_MODEL_LAYER_IDS)[number];

/** @public */
export interface ThreatModelLayer {
  id: ThreatModelLayerId;
  /** The paragraph, with the "Not certain from the listing —" marker stripped. */
  text: string;
  confidence: LayerConfidence;
}

/** @public */
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

/** @public */
export interface ThreatModelParseResult {
  document: ThreatModelDocument;
  /** What makes the document unusable: no title, missing or bad factor rows, no layers. */
  problems: FieldError[];
  /** Layers the document does not reach (a truncated document); not a problem on its own. */
  missingLayers: ThreatModelLayerId[];
}

/** The AIVSS heading, a table row or the MAESTRO heading: the end of title and summary. */
function startsContent(line: string): boolean {
  return (
    AIVSS_HEADING.test(line) ||
    line.startsWith('|') ||
    MAESTRO_HEADING.test(line)
  );
}

/**
 * Parses a threat-model document. Never throws: problems are returned by field.
 *
 * @public
 */
export function parseThreatModelDocument(text: string): ThreatModelParseResult {
  const lines = textLines(text);
  const problems: FieldError[] = [];
  const document: ThreatModelDocument = { factors: {}, layers: [] };

  // Lines before the title line are site chrome a copied page carries
  // (navigation, "← NAME"): skipped, as on directory pages. The title must
  // come before the content, so the search stops at the first heading or row.
  let index = lines.findIndex(line => line !== '');
  for (let i = Math.max(index, 0); i < lines.length; i++) {
    const line = lines[i];
    if (startsContent(line)) break;
    const title = titleOf(line);
    if (title) {
      document.title = title;
      index = i + 1;
      break;
    }
  }
  if (document.title === undefined) {
    problems.push({
      field: 'title',
      message:
        'missing: no line before the factor table reads "NAME — agentic threat model"',
    });
    index = Math.max(index, 0);
  }

  // Summary: everything up to the AIVSS heading (or the first table row / MAESTRO heading).
  const summary: string[] = [];
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (startsContent(line)) {
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
    const id = factorByTitle(rowTitle);
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
      const { text: layerText, uncertain } = stripUncertainMarker(paragraph);
      return {
        id: THREAT_MODEL_LAYER_IDS[i],
        text: layerText,
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

/**
 * Derives a catalog `metadata.name` from a title: "TradeOS AI" → "tradeos-ai".
 *
 * @public
 */
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

/** @public */
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

/**
 * The catalog entity `agent-risk import` prints: an `AiResource` of type `agent`.
 *
 * @public
 */
export interface ImportedAgentEntity {
  /** Always the catalog's v1alpha1. */
  apiVersion: 'backstage.io/v1alpha1';
  /** Imports are upstream AI-model agents. */
  kind: 'AiResource';
  /** Name, title, description and the assessment's annotations. */
  metadata: {
    name: string;
    title?: string;
    description?: string;
    annotations: Record<string, string>;
    tags?: string[];
    links?: Array<{ url: string; title?: string; type?: string }>;
  };
  /** Type agent, the owner, lifecycle and tools. */
  spec: {
    type: 'agent';
    owner: string;
    lifecycle: string;
  };
}

const LAYER_BY_ID = new Map<MaestroLayerId, (typeof MAESTRO_LAYERS)[number]>(
  MAESTRO_LAYERS.map(l => [l.id, l]),
);

/**
 * Turns a parsed document into an agent entity with AIVSS and MAESTRO annotations.
 *
 * @public
 */
export function buildAgentEntityFromThreatModel(
  document: ThreatModelDocument,
  options: ThreatModelEntityOptions,
): ImportedAgentEntity {
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

  const metadata: ImportedAgentEntity['metadata'] = {
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
