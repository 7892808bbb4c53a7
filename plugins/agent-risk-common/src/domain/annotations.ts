/**
 * Prefix of the OWASP AIVSS input annotations (spec section 2.1).
 *
 * @public
 */
export const AIVSS_ANNOTATION_PREFIX = 'aivss.owasp.org/';

/**
 * Prefix of the CSA MAESTRO assessment annotations (spec section 2.2).
 *
 * @public
 */
export const MAESTRO_ANNOTATION_PREFIX = 'maestro.cloudsecurityalliance.org/';

/**
 * The AIVSS annotations that are not agentic factors.
 *
 * @public
 */
export const AIVSS_ANNOTATIONS = {
  cvssBase: `${AIVSS_ANNOTATION_PREFIX}cvss-base`,
  cvssVector: `${AIVSS_ANNOTATION_PREFIX}cvss-vector`,
  threatMultiplier: `${AIVSS_ANNOTATION_PREFIX}threat-multiplier`,
  mitigationFactor: `${AIVSS_ANNOTATION_PREFIX}mitigation-factor`,
} as const;

/**
 * Builds the full key of an AIVSS annotation from its short name.
 *
 * @public
 */
export function aivssAnnotation(name: string): string {
  return `${AIVSS_ANNOTATION_PREFIX}${name}`;
}

/**
 * Builds the full key of a MAESTRO annotation from its short name.
 *
 * @public
 */
export function maestroAnnotation(name: string): string {
  return `${MAESTRO_ANNOTATION_PREFIX}${name}`;
}

/**
 * True when the entity carries at least one annotation of this product.
 *
 * @public
 */
export function hasAgentRiskAnnotations(
  annotations: Record<string, string> | undefined,
): boolean {
  return Object.keys(annotations ?? {}).some(
    key =>
      key.startsWith(AIVSS_ANNOTATION_PREFIX) ||
      key.startsWith(MAESTRO_ANNOTATION_PREFIX),
  );
}

/**
 * Annotations that keep what a card declares about authentication, as JSON.
 *
 * @public
 */
export const A2A_ANNOTATIONS = {
  /** The card's `securitySchemes` object, as declared. */
  securitySchemes: 'a2a-protocol.org/security-schemes',
  /** The card's `security` (0.3) or `securityRequirements` (1.0) list, as declared. */
  securityRequirements: 'a2a-protocol.org/security-requirements',
} as const;
