import { A2A_ANNOTATIONS, AIVSS_ANNOTATIONS } from '../domain/annotations';
// Types of the main entry are named as its consumers name them, so that this
// entry's API report refers to them instead of repeating them.
import type { FieldError } from '@agent-risk/plugin-agent-risk-common';
import { parseAssessment } from '../domain/parse';
import { scoreAnnotations } from '../domain/scoring';
import {
  buildAgentEntityFromThreatModel,
  entityNameFromTitle,
  ImportedAgentEntity,
  parseThreatModelDocument,
} from './threatModel';
import {
  agentCardDescription,
  agentCardLinks,
  agentCardTags,
  parseAgentCard,
} from './agentCard';
import { looksLikeDirectoryPage, parseDirectoryPage } from './directoryPage';
import { titleOf, textLines } from './documentText';

/**
 * The document formats `importAgentDocument` reads (spec section 4).
 *
 * @public
 */
export const AGENT_DOCUMENT_FORMATS = [
  'threat-model',
  'directory-page',
  'agent-card',
] as const;
/**
 * A format importAgentDocument reads.
 *
 * @public
 */
export type AgentDocumentFormat = (typeof AGENT_DOCUMENT_FORMATS)[number];

/**
 * True for a format importAgentDocument reads.
 *
 * @public
 */
export function isAgentDocumentFormat(
  value: unknown,
): value is AgentDocumentFormat {
  return (AGENT_DOCUMENT_FORMATS as readonly unknown[]).includes(value);
}

/**
 * Used when the caller gives no owner; the CLI warns, the register page asks.
 *
 * @public
 */
export const DEFAULT_IMPORT_OWNER = 'unknown';
/** @public */
export const DEFAULT_IMPORT_LIFECYCLE = 'production';
/**
 * Larger inputs are refused before parsing (1 MiB of text).
 *
 * @public
 */
export const MAX_AGENT_DOCUMENT_LENGTH = 1024 * 1024;

/**
 * Options of importAgentDocument.
 *
 * @public
 */
export interface ImportAgentDocumentOptions {
  /** Skips detection. */
  format?: AgentDocumentFormat;
  /** `spec.owner`; default {@link DEFAULT_IMPORT_OWNER}. */
  owner?: string;
  /** `spec.lifecycle`; default `production`. */
  lifecycle?: string;
  /** Annotation values as the user wrote them; they override what a page states. */
  cvssBase?: string;
  /** The threat multiplier to set, as a keyword or number. */
  threatMultiplier?: string;
  /** The mitigation factor to set, as a keyword or number. */
  mitigationFactor?: string;
  /** `metadata.name`; default: derived from the document's title or the card's name. */
  name?: string;
}

/**
 * The entities read from a document, or why none could be.
 *
 * @public
 */
export type ImportAgentDocumentResult =
  | {
      ok: true;
      format: AgentDocumentFormat;
      entity: ImportedAgentEntity;
      /** What is absent or doubtful; the entity is usable anyway. */
      warnings: FieldError[];
    }
  | {
      ok: false;
      /** The detected or forced format, when there was one. */
      format?: AgentDocumentFormat;
      /** Why no entity could be built, by field. */
      errors: FieldError[];
      warnings: FieldError[];
    };

/**
 * Which format a text is in: JSON is an agent card; a headline, a rationale
 * line, a layer heading or a factor name on its own line is a directory page;
 * a title line or factor table is a threat-model document.
 *
 * @public
 */
export function detectAgentDocumentFormat(
  text: string,
): AgentDocumentFormat | undefined {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return 'agent-card';
  if (looksLikeDirectoryPage(text)) return 'directory-page';
  if (
    textLines(text).some(line => titleOf(line) !== null || line.startsWith('|'))
  ) {
    return 'threat-model';
  }
  return undefined;
}

function failure(
  errors: FieldError[],
  warnings: FieldError[] = [],
  format?: AgentDocumentFormat,
): ImportAgentDocumentResult {
  return { ok: false, format, errors, warnings };
}

function entityOptions(options: ImportAgentDocumentOptions) {
  return {
    owner: options.owner ?? DEFAULT_IMPORT_OWNER,
    lifecycle: options.lifecycle ?? DEFAULT_IMPORT_LIFECYCLE,
    name: options.name,
  };
}

/** An entity without any CVSS input stays incomplete: say so once. */
function cvssWarning(entity: ImportedAgentEntity): FieldError[] {
  const { missing } = parseAssessment(entity.metadata.annotations);
  return missing.some(e => e.field === AIVSS_ANNOTATIONS.cvssBase)
    ? [
        {
          field: AIVSS_ANNOTATIONS.cvssBase,
          message:
            'absent: the agent stays incomplete until aivss.owasp.org/cvss-base or cvss-vector is set',
        },
      ]
    : [];
}

function unusableName(
  entity: ImportedAgentEntity,
  title: string | undefined,
): FieldError[] {
  return entity.metadata.name === ''
    ? [
        {
          field: 'metadata.name',
          message: `"${title ?? ''}" gives no usable entity name; give a name`,
        },
      ]
    : [];
}

function importThreatModel(
  text: string,
  options: ImportAgentDocumentOptions,
): ImportAgentDocumentResult {
  const { document, problems, missingLayers } = parseThreatModelDocument(text);
  // A title is only needed for the name; a given name replaces it.
  const errors = problems.filter(
    p => !(p.field === 'title' && options.name !== undefined),
  );
  if (errors.length > 0) return failure(errors, [], 'threat-model');
  const entity = buildAgentEntityFromThreatModel(document, {
    ...entityOptions(options),
    cvssBase: options.cvssBase,
    threatMultiplier: options.threatMultiplier,
    mitigationFactor: options.mitigationFactor,
  });
  const nameErrors = unusableName(entity, document.title);
  if (nameErrors.length > 0) return failure(nameErrors, [], 'threat-model');
  const warnings: FieldError[] = [];
  if (missingLayers.length > 0) {
    warnings.push({
      field: 'layers',
      message: `no paragraph for ${missingLayers
        .map(id => id.toUpperCase())
        .join(', ')} (truncated?); imported ${document.layers
        .map(l => l.id.toUpperCase())
        .join(', ')}`,
    });
  }
  warnings.push(...cvssWarning(entity));
  return { ok: true, format: 'threat-model', entity, warnings };
}

function importDirectoryPage(
  text: string,
  options: ImportAgentDocumentOptions,
): ImportAgentDocumentResult {
  const { document, problems, warnings } = parseDirectoryPage(text);
  const errors = problems.filter(
    p => !(p.field === 'title' && options.name !== undefined),
  );
  if (errors.length > 0) return failure(errors, warnings, 'directory-page');
  const { rationale } = document;
  const entity = buildAgentEntityFromThreatModel(document, {
    ...entityOptions(options),
    // The page's figures, as given; the caller's values win.
    cvssBase: options.cvssBase ?? rationale.cvssBase,
    threatMultiplier: options.threatMultiplier ?? rationale.threatMultiplier,
    mitigationFactor: options.mitigationFactor ?? rationale.mitigationFactor,
  });
  const nameErrors = unusableName(entity, document.title);
  if (nameErrors.length > 0) {
    return failure(nameErrors, warnings, 'directory-page');
  }

  // A page's figures the annotation parser refuses (a CVSS base of "7.55") are errors too.
  const { invalid } = parseAssessment(entity.metadata.annotations);
  if (invalid.length > 0) return failure(invalid, warnings, 'directory-page');
  const result = scoreAnnotations(entity.metadata.annotations, {
    model: 'aivss-0.8',
  });
  const published = document.published;
  if (published && result.status === 'scored') {
    if (result.score !== Number(published.score)) {
      warnings.push({
        field: 'aivss',
        message: `the imported agent scores ${result.score} under aivss-0.8, but the page publishes ${published.score}`,
      });
    }
  } else if (published) {
    warnings.push({
      field: 'aivss',
      message: `cannot check the published AIVSS ${published.score}: the imported agent is ${result.status}`,
    });
  }
  if (
    rationale.factorSum !== undefined &&
    result.factorSum !== null &&
    Number(rationale.factorSum) !== result.factorSum
  ) {
    warnings.push({
      field: 'factors',
      message: `the factor values add up to ${result.factorSum}, but the page states a factor sum of ${rationale.factorSum}`,
    });
  }
  warnings.push(...cvssWarning(entity));
  return { ok: true, format: 'directory-page', entity, warnings };
}

function importAgentCard(
  text: string,
  options: ImportAgentDocumentOptions,
): ImportAgentDocumentResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failure(
      [
        {
          field: 'card',
          message: `is not valid JSON: ${(error as Error).message}`,
        },
      ],
      [],
      'agent-card',
    );
  }
  const { card, problems, warnings } = parseAgentCard(json);
  if (!card) return failure(problems, warnings, 'agent-card');

  const annotations: Record<string, string> = {};
  if (card.securitySchemes) {
    annotations[A2A_ANNOTATIONS.securitySchemes] = JSON.stringify(
      card.securitySchemes,
    );
  }
  if (card.securityRequirements) {
    annotations[A2A_ANNOTATIONS.securityRequirements] = JSON.stringify(
      card.securityRequirements,
    );
  }
  const given: Array<[string, string | undefined]> = [
    [AIVSS_ANNOTATIONS.cvssBase, options.cvssBase],
    [AIVSS_ANNOTATIONS.threatMultiplier, options.threatMultiplier],
    [AIVSS_ANNOTATIONS.mitigationFactor, options.mitigationFactor],
  ];
  for (const [key, value] of given) {
    if (value !== undefined) annotations[key] = value;
  }
  const { owner, lifecycle, name } = entityOptions(options);
  const tags = agentCardTags(card);
  const entity: ImportedAgentEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'AiResource',
    metadata: {
      name: name ?? entityNameFromTitle(card.name),
      title: card.name,
      description: agentCardDescription(card),
      annotations,
      ...(tags.length > 0 && { tags }),
      links: agentCardLinks(card),
    },
    spec: { type: 'agent', owner, lifecycle },
  };
  const nameErrors = unusableName(entity, card.name);
  if (nameErrors.length > 0) return failure(nameErrors, warnings, 'agent-card');
  warnings.push({
    field: 'assessment',
    message:
      'an agent card carries no risk assessment: the agent is incomplete until its ten AIVSS factors and a CVSS base are set',
  });
  return { ok: true, format: 'agent-card', entity, warnings };
}

/**
 * Turns a threat-model document, a directory page or an A2A agent card into
 * one `AiResource` agent entity: the one entry point of the CLI's `import` and
 * the register page's prefill. Pure and isomorphic: the caller reads the file
 * or fetches the URL. Never throws.
 *
 * @public
 */
export function importAgentDocument(
  text: string,
  options: ImportAgentDocumentOptions = {},
): ImportAgentDocumentResult {
  if (text.length > MAX_AGENT_DOCUMENT_LENGTH) {
    return failure([
      {
        field: 'document',
        message: `is ${text.length} characters long; at most ${MAX_AGENT_DOCUMENT_LENGTH} are read`,
      },
    ]);
  }
  const format = options.format ?? detectAgentDocumentFormat(text);
  switch (format) {
    case 'threat-model':
      return importThreatModel(text, options);
    case 'directory-page':
      return importDirectoryPage(text, options);
    case 'agent-card':
      return importAgentCard(text, options);
    default:
      return failure([
        {
          field: 'format',
          message:
            'not recognised: expected a threat-model document ("NAME — agentic threat model" and a factor table), a directory page or an A2A agent card (JSON)',
        },
      ]);
  }
}
