import {
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  AgentSelector,
  DEFAULT_AGENT_SELECTORS,
  isAgentEntity,
} from './agents';
import { AIVSS_ANNOTATION_PREFIX, AIVSS_ANNOTATIONS } from './annotations';
import { FieldError, parseAssessment } from './parse';

/**
 * Set on every entity the registry emits: the UI and the backend tell
 * registry agents (editable in Backstage) from YAML agents (owned by their
 * source file) by it.
 *
 * @public
 */
export const REGISTRY_ANNOTATION = 'agent-risk.io/registry';

/**
 * The location type of registry entities (`backstage.io/managed-by-location`).
 *
 * @public
 */
export const REGISTRY_LOCATION_TYPE = 'agent-risk-registry';

/**
 * The catalog entity provider's name, also the prefix of its location refs.
 *
 * @public
 */
export const REGISTRY_PROVIDER_NAME = 'agent-risk-registry';

/**
 * Whether the catalog entity was emitted by the registry (and so may be edited in Backstage).
 *
 * @public
 */
export function isRegistryEntity(entity: Entity | undefined): boolean {
  return entity?.metadata?.annotations?.[REGISTRY_ANNOTATION] === 'true';
}

/**
 * Options of the registry's checks: the same as the catalog module's.
 *
 * @public
 */
export interface AgentProblemOptions {
  /** `agentRisk.scoring.assumedCvssBase`: when set, an absent CVSS input is not a problem. */
  assumedCvssBase?: number;
}

type Annotations = Record<string, string | undefined>;

function readAnnotations(value: unknown): Annotations {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Annotations)
    : {};
}

/**
 * The problems of an agent's risk annotations that are the entity's fault:
 * every malformed value, plus the missing inputs of a partial AIVSS
 * assessment. An agent without AIVSS annotations is simply not assessed yet,
 * which is not an error of the entity. The catalog module shows these on the
 * entity; the registry refuses an entity that has any.
 *
 * @public
 */
export function findAssessmentProblems(
  rawAnnotations: unknown,
  options: AgentProblemOptions = {},
): FieldError[] {
  const annotations = readAnnotations(rawAnnotations);
  const { invalid, missing } = parseAssessment(annotations);
  const assessed = Object.keys(annotations).some(key =>
    key.startsWith(AIVSS_ANNOTATION_PREFIX),
  );
  if (!assessed) {
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

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

function checkRef(
  value: unknown,
  field: string,
  defaultKind: string,
  problems: FieldError[],
) {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ field, message: 'must be an entity ref' });
    return;
  }
  try {
    parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
  } catch {
    problems.push({
      field,
      message: `must be an entity ref, got ${JSON.stringify(
        value.slice(0, 60),
      )}`,
    });
  }
}

/**
 * Checks an entity the registry is asked to store: the catalog's own rules
 * for names and annotations, an agent kind and type (spec section 1), the
 * fields an agent needs (owner, lifecycle), and the assessment's problems as
 * the catalog module reports them. Each problem names its field
 * (`metadata.name`, `spec.owner`, the annotation key, ...). Returns [] for a
 * storable entity.
 *
 * @public
 */
export function validateRegistryEntity(
  entity: unknown,
  options: AgentProblemOptions & {
    agentSelectors?: readonly AgentSelector[];
  } = {},
): FieldError[] {
  const selectors = options.agentSelectors ?? DEFAULT_AGENT_SELECTORS;
  if (!isPlainObject(entity)) {
    return [{ field: 'entity', message: 'must be an object' }];
  }
  const problems: FieldError[] = [];
  const metadata = isPlainObject(entity.metadata) ? entity.metadata : undefined;
  const spec = isPlainObject(entity.spec) ? entity.spec : undefined;
  if (!metadata) {
    return [{ field: 'entity.metadata', message: 'must be an object' }];
  }
  if (!spec) {
    return [{ field: 'entity.spec', message: 'must be an object' }];
  }
  if (
    typeof metadata.name !== 'string' ||
    !KubernetesValidatorFunctions.isValidObjectName(metadata.name)
  ) {
    problems.push({
      field: 'metadata.name',
      message:
        'must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    });
  }
  if (
    metadata.namespace !== undefined &&
    (typeof metadata.namespace !== 'string' ||
      !KubernetesValidatorFunctions.isValidNamespace(metadata.namespace))
  ) {
    problems.push({
      field: 'metadata.namespace',
      message: 'must be a valid namespace (lower-case letters, digits, "-")',
    });
  }
  for (const field of ['title', 'description'] as const) {
    if (metadata[field] !== undefined && typeof metadata[field] !== 'string') {
      problems.push({ field: `metadata.${field}`, message: 'must be text' });
    }
  }
  const kind = typeof entity.kind === 'string' ? entity.kind : '';
  if (
    !isAgentEntity(
      { apiVersion: '', kind, metadata: { name: '' }, spec } as Entity,
      selectors,
    )
  ) {
    problems.push({
      field: 'spec.type',
      message: `kind and spec.type must name an agent: ${selectors
        .map(s => `${s.kind} with type ${s.type}`)
        .join(', or ')}`,
    });
  }
  checkRef(spec.owner, 'spec.owner', 'Group', problems);
  if (typeof spec.lifecycle !== 'string' || spec.lifecycle.trim() === '') {
    problems.push({
      field: 'spec.lifecycle',
      message: 'must be non-empty text',
    });
  }
  if (spec.system !== undefined) {
    checkRef(spec.system, 'spec.system', 'System', problems);
  }
  if (spec.dependsOn !== undefined) {
    if (!Array.isArray(spec.dependsOn)) {
      problems.push({
        field: 'spec.dependsOn',
        message: 'must be a list of entity refs',
      });
    } else {
      spec.dependsOn.forEach((ref, i) =>
        checkRef(ref, `spec.dependsOn[${i}]`, 'API', problems),
      );
    }
  }
  const annotations = metadata.annotations;
  if (annotations !== undefined) {
    if (!isPlainObject(annotations)) {
      problems.push({
        field: 'metadata.annotations',
        message: 'must be an object of text values',
      });
      return problems;
    }
    for (const [key, value] of Object.entries(annotations)) {
      if (!KubernetesValidatorFunctions.isValidAnnotationKey(key)) {
        problems.push({ field: key, message: 'is not a valid annotation key' });
      } else if (typeof value !== 'string') {
        problems.push({ field: key, message: 'must be text (quote numbers)' });
      }
    }
  }
  problems.push(...findAssessmentProblems(annotations, options));
  return problems;
}
