import { AGENTIC_FACTORS, AgenticFactorId } from './domain/factors';

/**
 * Builds annotation maps for tests and examples: every factor set to `value`
 * (or per-factor overrides), plus any extra annotations.
 * @internal
 */
export function factorAnnotations(
  values: Partial<Record<AgenticFactorId, string>> | string,
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
