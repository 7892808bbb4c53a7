import { AIVSS_ANNOTATIONS } from './annotations';
import { cvss4BaseScore } from './cvss';
import { decimalPlaces, parseDecimalLiteral } from './decimal';
import { AGENTIC_FACTORS, AgenticFactorId } from './factors';
import { LayerConfidence, MAESTRO_LAYERS, MaestroLayerId } from './layers';
import {
  DEFAULT_MITIGATION_FACTOR,
  DEFAULT_THREAT_MULTIPLIER,
  MITIGATION_FACTOR_KEYWORDS,
  MITIGATION_FACTOR_RANGE,
  THREAT_MULTIPLIER_KEYWORDS,
  THREAT_MULTIPLIER_RANGE,
} from './multipliers';
import { isKnownThreatId, threatName } from './threats';

/**
 * A problem with one annotation; `field` is the full annotation key.
 *
 * @public
 */
export interface FieldError {
  /** The field: an annotation key or an entity path. */
  field: string;
  /** What is wrong, in plain words. */
  message: string;
}

/**
 * A multiplier as written (keyword or number) and the number it means.
 *
 * @public
 */
export interface MultiplierInput {
  /** The number used. */
  value: number;
  /** The keyword used, if any (`poc`, `strong`, ...). */
  keyword?: string;
  /** True when the annotation was absent and the spec default applies. */
  defaulted: boolean;
}

/**
 * An agentic threat named in an assessment.
 *
 * @public
 */
export interface ThreatReference {
  /** The threat id, e.g. `ASI01` or `T2`. */
  id: string;
  /** Its name. */
  name: string;
}

/**
 * One MAESTRO layer's assessment of an agent.
 *
 * @public
 */
export interface LayerAssessment {
  /** The layer id. */
  id: MaestroLayerId;
  /** Display title of the layer. */
  title: string;
  /** Plain text (Markdown at most); untrusted, render inert. Null when absent. */
  text: string | null;
  /** How sure the mapping of this layer is. */
  confidence: LayerConfidence;
  /** The threats named for this layer. */
  threats: ThreatReference[];
}

/**
 * The typed reading of an agent's annotations. Absent inputs are undefined.
 *
 * @public
 */
export interface AgentAssessment {
  /** The agentic factor values, 0..1. */
  factors: Partial<Record<AgenticFactorId, number>>;
  /** The CVSS base score, 0..10, as declared or computed from the vector. */
  cvssBase?: number;
  /** The CVSS 4.0 vector, when declared. */
  cvssVector?: string;
  /** The threat multiplier input. */
  threatMultiplier: MultiplierInput;
  /** The mitigation factor input. */
  mitigationFactor: MultiplierInput;
  /** The MAESTRO layers declared. */
  layers: LayerAssessment[];
}

/**
 * An entity's assessment as parsed, with its problems.
 *
 * @public
 */
export interface AssessmentParseResult {
  /** What could be read. */
  assessment: AgentAssessment;
  /** Required inputs that are absent (annotation keys). */
  missing: FieldError[];
  /** Inputs that are present but malformed or out of range. */
  invalid: FieldError[];
}

/**
 * An entity's annotations, as the parser reads them.
 *
 * @public
 */
export type EntityAnnotations = Record<string, string | undefined> | undefined;

function describe(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}

function readNumberInRange(
  raw: string,
  field: string,
  min: number,
  max: number,
  invalid: FieldError[],
  maxDecimals?: number,
): number | undefined {
  const parsed = parseDecimalLiteral(raw);
  if (!parsed || parsed.lt(min) || parsed.gt(max)) {
    invalid.push({
      field,
      message: `must be a number from ${min} to ${max}, got ${describe(raw)}`,
    });
    return undefined;
  }
  if (maxDecimals !== undefined && decimalPlaces(raw) > maxDecimals) {
    invalid.push({
      field,
      message: `must have at most ${maxDecimals} decimal place, got ${describe(
        raw,
      )}`,
    });
    return undefined;
  }
  return parsed.toNumber();
}

function readMultiplier(
  raw: string | undefined,
  field: string,
  keywords: Record<string, string>,
  range: { min: number; max: number },
  defaultKeyword: string,
  invalid: FieldError[],
): MultiplierInput {
  const fallback: MultiplierInput = {
    value: Number(keywords[defaultKeyword]),
    keyword: defaultKeyword,
    defaulted: true,
  };
  if (raw === undefined || raw.trim() === '') {
    return fallback;
  }
  const text = raw.trim();
  const keyword = text.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(keywords, keyword)) {
    return { value: Number(keywords[keyword]), keyword, defaulted: false };
  }
  const parsed = parseDecimalLiteral(text);
  if (!parsed || parsed.lt(range.min) || parsed.gt(range.max)) {
    invalid.push({
      field,
      message: `must be one of ${Object.keys(keywords).join(
        ', ',
      )} or a number from ${range.min} to ${range.max}, got ${describe(raw)}`,
    });
    return fallback;
  }
  return { value: parsed.toNumber(), defaulted: false };
}

/** Most unknown ids named in a message, and most characters shown of each. */
const MAX_IDS_NAMED = 5;
const MAX_ID_CHARS = 20;

/**
 * A few of the values, each cut short: the message is stored and shown, so
 * it must not grow with the input.
 */
function listBounded(values: readonly string[]): string {
  const shown = values
    .slice(0, MAX_IDS_NAMED)
    .map(v => (v.length > MAX_ID_CHARS ? `${v.slice(0, MAX_ID_CHARS)}…` : v));
  const more = values.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function readThreats(
  raw: string | undefined,
  field: string,
  invalid: FieldError[],
): ThreatReference[] {
  if (raw === undefined || raw.trim() === '') {
    return [];
  }
  const ids = raw
    .split(',')
    .map(id => id.trim().toUpperCase())
    .filter(id => id.length > 0);
  const unknown = ids.filter(id => !isKnownThreatId(id));
  if (unknown.length > 0) {
    invalid.push({
      field,
      message: `has unknown threat id(s) ${listBounded(
        unknown,
      )}; use ASI01..ASI10 or T1..T15`,
    });
  }
  return [...new Set(ids.filter(isKnownThreatId))].map(id => ({
    id,
    name: threatName(id)!,
  }));
}

function readLayers(annotations: EntityAnnotations, invalid: FieldError[]) {
  return MAESTRO_LAYERS.map<LayerAssessment>(layer => {
    const text = annotations?.[layer.textAnnotation];
    const rawConfidence = annotations?.[layer.confidenceAnnotation];
    let confidence: LayerConfidence = 'mapped';
    if (rawConfidence !== undefined && rawConfidence.trim() !== '') {
      const value = rawConfidence.trim().toLowerCase();
      if (value === 'mapped' || value === 'uncertain') {
        confidence = value;
      } else {
        invalid.push({
          field: layer.confidenceAnnotation,
          message: `must be "mapped" or "uncertain", got ${describe(
            rawConfidence,
          )}`,
        });
      }
    }
    return {
      id: layer.id,
      title: layer.title,
      text: text !== undefined && text.trim() !== '' ? text : null,
      confidence,
      threats: readThreats(
        annotations?.[layer.threatsAnnotation],
        layer.threatsAnnotation,
        invalid,
      ),
    };
  });
}

/**
 * Reads an entity's annotations into a typed assessment. Never throws: any
 * input, however malformed, yields an assessment plus field-level problems.
 *
 * @public
 */
export function parseAssessment(
  annotations: EntityAnnotations,
): AssessmentParseResult {
  const missing: FieldError[] = [];
  const invalid: FieldError[] = [];
  const value = (key: string) => {
    const raw = annotations?.[key];
    // Catalog annotations are strings, but a hand-built entity may not be.
    return raw === undefined || raw === null ? undefined : String(raw);
  };

  const factors: Partial<Record<AgenticFactorId, number>> = {};
  for (const factor of AGENTIC_FACTORS) {
    const raw = value(factor.annotation);
    if (raw === undefined || raw.trim() === '') {
      missing.push({
        field: factor.annotation,
        message:
          'is required: a number from 0 to 1 (a missing factor is never taken as 0)',
      });
      continue;
    }
    const parsed = readNumberInRange(raw, factor.annotation, 0, 1, invalid);
    if (parsed !== undefined) {
      factors[factor.id] = parsed;
    }
  }

  const rawBase = value(AIVSS_ANNOTATIONS.cvssBase);
  const rawVector = value(AIVSS_ANNOTATIONS.cvssVector);
  let cvssBase: number | undefined;
  let cvssVector: string | undefined;
  if (rawBase !== undefined && rawBase.trim() !== '') {
    cvssBase = readNumberInRange(
      rawBase,
      AIVSS_ANNOTATIONS.cvssBase,
      0,
      10,
      invalid,
      1,
    );
  }
  if (rawVector !== undefined && rawVector.trim() !== '') {
    const vectorResult = cvss4BaseScore(rawVector);
    if (!vectorResult.ok) {
      invalid.push({
        field: AIVSS_ANNOTATIONS.cvssVector,
        message: vectorResult.message,
      });
    } else {
      cvssVector = rawVector.trim();
      if (cvssBase !== undefined && cvssBase !== vectorResult.baseScore) {
        invalid.push({
          field: AIVSS_ANNOTATIONS.cvssVector,
          message: `scores ${vectorResult.baseScore.toFixed(
            1,
          )}, which disagrees with ${
            AIVSS_ANNOTATIONS.cvssBase
          } ${cvssBase.toFixed(1)}; give one, or make them agree`,
        });
      }
      cvssBase = vectorResult.baseScore;
    }
  }
  const cvssGiven =
    (rawBase !== undefined && rawBase.trim() !== '') ||
    (rawVector !== undefined && rawVector.trim() !== '');
  if (!cvssGiven) {
    missing.push({
      field: AIVSS_ANNOTATIONS.cvssBase,
      message: `is required (or ${AIVSS_ANNOTATIONS.cvssVector}): the agent's CVSS v4.0 base score from 0 to 10`,
    });
  }

  const threatMultiplier = readMultiplier(
    value(AIVSS_ANNOTATIONS.threatMultiplier),
    AIVSS_ANNOTATIONS.threatMultiplier,
    THREAT_MULTIPLIER_KEYWORDS,
    THREAT_MULTIPLIER_RANGE,
    DEFAULT_THREAT_MULTIPLIER,
    invalid,
  );
  const mitigationFactor = readMultiplier(
    value(AIVSS_ANNOTATIONS.mitigationFactor),
    AIVSS_ANNOTATIONS.mitigationFactor,
    MITIGATION_FACTOR_KEYWORDS,
    MITIGATION_FACTOR_RANGE,
    DEFAULT_MITIGATION_FACTOR,
    invalid,
  );

  return {
    assessment: {
      factors,
      cvssBase,
      cvssVector,
      threatMultiplier,
      mitigationFactor,
      layers: readLayers(annotations, invalid),
    },
    missing,
    invalid,
  };
}
