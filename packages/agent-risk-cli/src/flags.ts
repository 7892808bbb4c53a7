import {
  AIVSS_ANNOTATIONS,
  isScoringModelId,
  parseAssessment,
  parseDecimalLiteral,
  ScoringModelId,
  SCORING_MODEL_IDS,
} from '@agent-risk/plugin-agent-risk-common';
import {
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import { CliInputError } from './io';

/** `--model`: one of the scoring model ids. */
export function parseModelFlag(value: string): ScoringModelId {
  if (!isScoringModelId(value)) {
    throw new CliInputError(
      `--model: unknown scoring model "${value}"; expected one of ${SCORING_MODEL_IDS.join(
        ', ',
      )}`,
    );
  }
  return value;
}

/** `--assumed-cvss-base`: a number from 0 to 10. */
export function parseAssumedCvssBaseFlag(value: string): number {
  const parsed = parseDecimalLiteral(value);
  if (!parsed || parsed.lt(0) || parsed.gt(10)) {
    throw new CliInputError(
      `--assumed-cvss-base: must be a number from 0 to 10, got "${value}"`,
    );
  }
  return parsed.toNumber();
}

/**
 * `--cvss-base`, `--threat-multiplier`, `--mitigation-factor`: checked by the
 * common annotation parser, so the CLI accepts exactly what the catalog does.
 */
export function checkAssessmentFlags(flags: {
  cvssBase?: string;
  threatMultiplier?: string;
  mitigationFactor?: string;
}): void {
  const byAnnotation: Array<[string, string, string | undefined]> = [
    ['--cvss-base', AIVSS_ANNOTATIONS.cvssBase, flags.cvssBase],
    [
      '--threat-multiplier',
      AIVSS_ANNOTATIONS.threatMultiplier,
      flags.threatMultiplier,
    ],
    [
      '--mitigation-factor',
      AIVSS_ANNOTATIONS.mitigationFactor,
      flags.mitigationFactor,
    ],
  ];
  const annotations: Record<string, string> = {};
  for (const [flag, key, value] of byAnnotation) {
    if (value !== undefined) {
      if (value.trim() === '') {
        throw new CliInputError(`${flag}: must not be empty`);
      }
      annotations[key] = value;
    }
  }
  const { invalid } = parseAssessment(annotations);
  for (const [flag, key] of byAnnotation) {
    const problem = invalid.find(e => e.field === key);
    if (problem) {
      throw new CliInputError(`${flag}: ${problem.message}`);
    }
  }
}

/** `--owner`: an entity ref, a group by default (as `spec.owner` is read). */
export function checkOwnerFlag(owner: string): void {
  try {
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new CliInputError(`--owner: ${(error as Error).message}`);
  }
}

/** `--lifecycle`: any non-empty word, as the catalog allows. */
export function checkLifecycleFlag(lifecycle: string): void {
  if (!/^\S+$/.test(lifecycle)) {
    throw new CliInputError(
      `--lifecycle: must be a non-empty word, got "${lifecycle}"`,
    );
  }
}

/** `--name`: a valid `metadata.name`. */
export function checkNameFlag(name: string): void {
  if (!KubernetesValidatorFunctions.isValidObjectName(name)) {
    throw new CliInputError(
      `--name: "${name}" is not a valid entity name (letters, digits and [-_.] separators, at most 63 characters)`,
    );
  }
}
