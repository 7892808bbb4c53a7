import { createHash } from 'crypto';

/**
 * RFC 8785 (JSON Canonicalization Scheme) for parsed JSON: object keys
 * sorted by UTF-16 code units (JavaScript's default string order), no
 * whitespace, strings and numbers as ECMAScript's JSON.stringify writes
 * them, which is what RFC 8785 specifies for both. A few lines, so no
 * dependency; the A2A SDK's own canonicaliser first normalises a card to
 * the 1.0 schema, which would drop a 0.3 card's fields from the hash.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error('JSON has no non-finite numbers');
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter(key => object[key] !== undefined)
    .sort();
  return `{${keys
    .map(key => `${JSON.stringify(key)}:${canonicalJson(object[key])}`)
    .join(',')}}`;
}

/** SHA-256 (hex) of the canonical form: `agent-risk.io/agent-card-sha256`. */
export function canonicalSha256(value: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(value), 'utf8')
    .digest('hex');
}
