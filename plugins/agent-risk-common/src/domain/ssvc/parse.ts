import type { EntityAnnotations, FieldError } from '../parse';
import {
  SSVC_ANNOTATION_KEYS,
  SSVC_ANNOTATIONS,
  SSVC_FACTORS,
  SSVC_IMPACT_LEVELS,
  SSVC_THREAT_LEVELS,
  SSVC_VULNERABILITY_POSTURES,
  SsvcFactorId,
  SsvcImpactLevel,
  SsvcThreatLevel,
  SsvcVulnerabilityPosture,
} from './annotations';

/** The typed SSVC inputs; an absent or malformed one is undefined. */
export interface SsvcInputs {
  threat?: SsvcThreatLevel;
  vulnerability?: SsvcVulnerabilityPosture;
  impact?: SsvcImpactLevel;
  factors: Partial<Record<SsvcFactorId, number>>;
}

export interface SsvcParseResult {
  /** True when at least one SSVC annotation is present, even an empty one. */
  present: boolean;
  inputs: SsvcInputs;
  /** Absent inputs (annotation keys), only reported when `present`. */
  missing: FieldError[];
  /** Present inputs that are malformed: empty, out of range, not one of the values. */
  invalid: FieldError[];
}

function describe(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}

const FACTOR_RULE = 'an integer from 1 to 5';

function readEnum<T extends string>(
  raw: string | undefined,
  field: string,
  values: readonly T[],
  missing: FieldError[],
  invalid: FieldError[],
): T | undefined {
  const rule = `one of ${values.join(', ')}`;
  if (raw === undefined) {
    missing.push({ field, message: `is required: ${rule}` });
    return undefined;
  }
  const value = raw.trim().toLowerCase();
  if ((values as readonly string[]).includes(value)) {
    return value as T;
  }
  invalid.push({ field, message: `must be ${rule}, got ${describe(raw)}` });
  return undefined;
}

/**
 * Reads the AIVSS-SSVC annotations (spec section 10.1). Never throws. Only
 * absence is "missing": an annotation written with an empty value is a
 * malformed one, since someone meant to give it.
 */
export function parseSsvc(annotations: EntityAnnotations): SsvcParseResult {
  const value = (key: string) => {
    const raw = annotations?.[key];
    // Catalog annotations are strings, but a hand-built entity may not be.
    return raw === undefined || raw === null ? undefined : String(raw);
  };
  const present = SSVC_ANNOTATION_KEYS.some(key => value(key) !== undefined);
  const missing: FieldError[] = [];
  const invalid: FieldError[] = [];
  const inputs: SsvcInputs = { factors: {} };
  if (!present) {
    return { present, inputs, missing, invalid };
  }
  inputs.threat = readEnum(
    value(SSVC_ANNOTATIONS.threat),
    SSVC_ANNOTATIONS.threat,
    SSVC_THREAT_LEVELS,
    missing,
    invalid,
  );
  inputs.vulnerability = readEnum(
    value(SSVC_ANNOTATIONS.vulnerability),
    SSVC_ANNOTATIONS.vulnerability,
    SSVC_VULNERABILITY_POSTURES,
    missing,
    invalid,
  );
  inputs.impact = readEnum(
    value(SSVC_ANNOTATIONS.impact),
    SSVC_ANNOTATIONS.impact,
    SSVC_IMPACT_LEVELS,
    missing,
    invalid,
  );
  for (const factor of SSVC_FACTORS) {
    const raw = value(factor.annotation);
    if (raw === undefined) {
      missing.push({
        field: factor.annotation,
        message: `is required: ${FACTOR_RULE}`,
      });
    } else if (/^[1-5]$/.test(raw.trim())) {
      inputs.factors[factor.id] = Number(raw.trim());
    } else {
      invalid.push({
        field: factor.annotation,
        message: `must be ${FACTOR_RULE}, got ${describe(raw)}`,
      });
    }
  }
  return { present, inputs, missing, invalid };
}
