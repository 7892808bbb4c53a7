import { AGENTIC_FACTORS } from '../domain/factors';

/**
 * Builds annotation maps for tests and examples: every factor set to `value`,
 * or the values given by factor id (`AgenticFactorId`).
 *
 * @public
 */
export function factorAnnotations(
  values: Partial<Record<string, string>> | string,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const factor of AGENTIC_FACTORS) {
    const value = typeof values === 'string' ? values : values[factor.id];
    if (value !== undefined) {
      result[factor.annotation] = value;
    }
  }
  return result;
}
