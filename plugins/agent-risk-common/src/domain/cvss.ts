import { Cvss4P0 } from 'ae-cvss-calculator';

/** The CVSS v4.0 base metrics; a base score needs every one of them. */
const CVSS4_BASE_METRICS = [
  'AV',
  'AC',
  'AT',
  'PR',
  'UI',
  'VC',
  'VI',
  'VA',
  'SC',
  'SI',
  'SA',
] as const;

/**
 * The values each base metric takes (CVSS v4.0 specification, section 2);
 * the library throws on another, and only on the first.
 */
const CVSS4_BASE_VALUES: Record<(typeof CVSS4_BASE_METRICS)[number], string> = {
  AV: 'NALP',
  AC: 'LH',
  AT: 'NP',
  PR: 'NLH',
  UI: 'NPA',
  VC: 'HLN',
  VI: 'HLN',
  VA: 'HLN',
  SC: 'HLN',
  SI: 'HLN',
  SA: 'HLN',
};

const PREFIX = 'CVSS:4.0/';

/**
 * A vector's score, or every problem it has (`message` joins them, so a
 * field error names them all at once).
 *
 * @public
 */
export type CvssVectorResult =
  | { ok: true; baseScore: number }
  | { ok: false; message: string; errors: string[] };

function failed(errors: string[]): CvssVectorResult {
  return { ok: false, message: errors.join('; '), errors };
}

/**
 * Computes the CVSS v4.0 base score (CVSS-B) of a vector string with
 * ae-cvss-calculator, a maintained implementation of FIRST's MacroVector
 * method. The library is lenient about absent metrics (it treats them as "X")
 * and stops at the first bad one, so we first check the whole vector and
 * report every problem: the prefix, each malformed or repeated metric, each
 * base metric missing or with a value it does not take.
 *
 * @public
 */
export function cvss4BaseScore(vector: string): CvssVectorResult {
  const text = vector.trim();
  const errors: string[] = [];
  let body = text;
  if (text.startsWith(PREFIX)) {
    body = text.slice(PREFIX.length);
  } else {
    errors.push(`must be a CVSS v4.0 vector starting with "${PREFIX}"`);
    // Still check the metrics after whatever prefix it has ("CVSS:3.1/").
    body = /^CVSS:[^/]*\//.test(text)
      ? text.slice(text.indexOf('/') + 1)
      : text;
  }
  const seen = new Map<string, string>();
  const repeated = new Set<string>();
  for (const part of body.split('/')) {
    const match = /^([A-Za-z]+):([A-Za-z])$/.exec(part);
    if (!match) {
      errors.push(`has a malformed metric "${part.slice(0, 40)}"`);
      continue;
    }
    if (seen.has(match[1])) {
      if (!repeated.has(match[1])) {
        errors.push(`repeats the metric ${match[1]}`);
        repeated.add(match[1]);
      }
      continue;
    }
    seen.set(match[1], match[2]);
  }
  const missing = CVSS4_BASE_METRICS.filter(
    m => !seen.has(m) || seen.get(m) === 'X',
  );
  if (missing.length > 0) {
    errors.push(`lacks the base metric(s) ${missing.join(', ')}`);
  }
  for (const metric of CVSS4_BASE_METRICS) {
    const value = seen.get(metric);
    if (
      value !== undefined &&
      value !== 'X' &&
      !CVSS4_BASE_VALUES[metric].includes(value)
    ) {
      errors.push(
        `has ${metric}:${value}; ${metric} takes ${CVSS4_BASE_VALUES[metric]
          .split('')
          .join(', ')}`,
      );
    }
  }
  if (errors.length > 0) {
    return failed(errors);
  }
  try {
    const scores = new Cvss4P0(text).calculateScores();
    const base = scores.baseMetricsOnly ?? scores.base;
    if (typeof base !== 'number' || Number.isNaN(base)) {
      return failed(['could not be scored']);
    }
    return { ok: true, baseScore: base };
  } catch (error) {
    return failed([
      `is not a valid CVSS v4.0 vector (${(error as Error).message})`,
    ]);
  }
}
