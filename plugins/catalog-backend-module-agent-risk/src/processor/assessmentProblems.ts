import {
  AIVSS_ANNOTATION_PREFIX,
  AIVSS_ANNOTATIONS,
  FieldError,
  parseAssessment,
} from '@agent-risk/plugin-agent-risk-common';

export interface AssessmentProblemOptions {
  /** `agentRisk.scoring.assumedCvssBase`: when set, an absent CVSS input is not a problem. */
  assumedCvssBase?: number;
}

type Annotations = Record<string, string | undefined>;

function readAnnotations(value: unknown): Annotations {
  // The envelope check guarantees an object of strings; stay safe regardless.
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Annotations)
    : {};
}

function hasAivssAnnotations(annotations: Annotations): boolean {
  return Object.keys(annotations).some(key =>
    key.startsWith(AIVSS_ANNOTATION_PREFIX),
  );
}

/**
 * The problems of an agent's risk annotations that are the entity's fault:
 * every malformed value, plus the missing inputs of a partial AIVSS
 * assessment. An agent without AIVSS annotations is simply not assessed yet,
 * which is not an error of the entity.
 */
export function findAssessmentProblems(
  rawAnnotations: unknown,
  options: AssessmentProblemOptions = {},
): FieldError[] {
  const annotations = readAnnotations(rawAnnotations);
  const { invalid, missing } = parseAssessment(annotations);
  if (!hasAivssAnnotations(annotations)) {
    return invalid;
  }
  const incomplete = missing.filter(
    problem =>
      !(
        options.assumedCvssBase !== undefined &&
        problem.field === AIVSS_ANNOTATIONS.cvssBase
      ),
  );
  return [...invalid, ...incomplete];
}
