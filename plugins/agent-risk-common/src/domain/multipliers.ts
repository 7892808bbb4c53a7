/**
 * Exploit maturity (ThM) keywords and the numeric range a number may take.
 *
 * @public
 */
export const THREAT_MULTIPLIER_KEYWORDS = {
  attacked: '1.00',
  poc: '0.97',
  unreported: '0.50',
} as const;
/**
 * The bounds of a numeric threat multiplier.
 *
 * @public
 */
export const THREAT_MULTIPLIER_RANGE = { min: 0.5, max: 1.5 } as const;
/**
 * The threat keyword used when none is declared.
 *
 * @public
 */
export const DEFAULT_THREAT_MULTIPLIER = 'poc';

/**
 * Deployed controls (MF) keywords and the numeric range a number may take.
 *
 * @public
 */
export const MITIGATION_FACTOR_KEYWORDS = {
  none: '1.00',
  weak: '1.00',
  partial: '0.83',
  strong: '0.67',
  'adversarial-tested': '0.50',
} as const;
/**
 * The bounds of a numeric mitigation factor.
 *
 * @public
 */
export const MITIGATION_FACTOR_RANGE = { min: 0.5, max: 1.0 } as const;
/**
 * The mitigation keyword used when none is declared.
 *
 * @public
 */
export const DEFAULT_MITIGATION_FACTOR = 'none';

/** @public */
export type ThreatMultiplierKeyword = keyof typeof THREAT_MULTIPLIER_KEYWORDS;
/** @public */
export type MitigationFactorKeyword = keyof typeof MITIGATION_FACTOR_KEYWORDS;
