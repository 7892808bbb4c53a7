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

/** @public */
export type CvssVectorResult =
  | { ok: true; baseScore: number }
  | { ok: false; message: string };

/**
 * Computes the CVSS v4.0 base score (CVSS-B) of a vector string with
 * ae-cvss-calculator, a maintained implementation of FIRST's MacroVector
 * method. The library is lenient about absent metrics (it treats them as "X"),
 * so we first insist that every base metric is present exactly once.
 *
 * @public
 */
export function cvss4BaseScore(vector: string): CvssVectorResult {
  const text = vector.trim();
  if (!text.startsWith('CVSS:4.0/')) {
    return {
      ok: false,
      message: 'must be a CVSS v4.0 vector starting with "CVSS:4.0/"',
    };
  }
  const seen = new Map<string, string>();
  for (const part of text.slice('CVSS:4.0/'.length).split('/')) {
    const match = /^([A-Za-z]+):([A-Za-z])$/.exec(part);
    if (!match) {
      return { ok: false, message: `has a malformed metric "${part}"` };
    }
    if (seen.has(match[1])) {
      return { ok: false, message: `repeats the metric ${match[1]}` };
    }
    seen.set(match[1], match[2]);
  }
  const missing = CVSS4_BASE_METRICS.filter(
    m => !seen.has(m) || seen.get(m) === 'X',
  );
  if (missing.length > 0) {
    return {
      ok: false,
      message: `lacks the base metric(s) ${missing.join(', ')}`,
    };
  }
  try {
    const scores = new Cvss4P0(text).calculateScores();
    const base = scores.baseMetricsOnly ?? scores.base;
    if (typeof base !== 'number' || Number.isNaN(base)) {
      return { ok: false, message: 'could not be scored' };
    }
    return { ok: true, baseScore: base };
  } catch (error) {
    return {
      ok: false,
      message: `is not a valid CVSS v4.0 vector (${(error as Error).message})`,
    };
  }
}
