/**
 * AIVSS severity bands (spec section 3).
 *
 * @public
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'none';

/**
 * Highest first: the order used by summaries, filters and legends.
 *
 * @public
 */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'none',
];

/**
 * The severity bands in words.
 *
 * @public
 */
export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None',
};

/**
 * The band's lower bound, inclusive, on the one-decimal AIVSS scale.
 *
 * @public
 */
export const SEVERITY_LOWER_BOUNDS: Record<Severity, number> = {
  critical: 9.0,
  high: 7.0,
  medium: 4.0,
  low: 0.1,
  none: 0,
};

/**
 * Maps a rounded AIVSS score to its band: Critical ≥ 9.0, High ≥ 7.0, Medium ≥ 4.0, Low ≥ 0.1, else None.
 *
 * @public
 */
export function severityOf(score: number): Severity {
  for (const severity of SEVERITIES) {
    if (score >= SEVERITY_LOWER_BOUNDS[severity]) {
      return severity;
    }
  }
  return 'none';
}

/**
 * True for a severity band.
 *
 * @public
 */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
