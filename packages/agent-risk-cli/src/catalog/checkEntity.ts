import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { aiResourceEntityV1alpha1Validator } from '@backstage/catalog-model/alpha';
import {
  AgentSelector,
  AIVSS_ANNOTATION_PREFIX,
  DEFAULT_AGENT_SELECTORS,
  FieldError,
  findSsvcProblems,
  isAgentEntity,
  isSsvcAnnotation,
  parseAssessment,
} from '@agent-risk/plugin-agent-risk-common';
import { oneLine } from '../io';

/** The envelope policies the catalog applies to every entity it ingests. */
const envelopePolicy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

/** The built-in kinds plus `AiResource`, which the catalog gets from the AI model module. */
const KIND_VALIDATORS: KindValidator[] = [
  componentEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  aiResourceEntityV1alpha1Validator,
];

/** A ref for messages that never throws, even for an entity without a name. */
export function entityRefForMessages(entity: Entity): string {
  try {
    return stringifyEntityRef(entity);
  } catch {
    const kind = String(entity?.kind ?? 'unknown').toLowerCase();
    const namespace = entity?.metadata?.namespace ?? 'default';
    return `${kind}:${namespace}/${entity?.metadata?.name ?? '<unnamed>'}`;
  }
}

/** "/metadata/annotations/a~1b" → "metadata.annotations.a/b" (JSON schema error paths). */
function jsonPointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Turns a catalog-model validation message into a field and a message. */
export function toFieldError(rawMessage: string): FieldError {
  const message = oneLine(rawMessage)
    .replace(/^Malformed envelope, /, '')
    .replace(/\s*To learn more about catalog file format.*$/, '')
    .replace(/\s*- missingProperty: \S+$/, '');
  const quoted = /^"([^"]+)" (.*)$/.exec(message);
  if (quoted) {
    const field =
      quoted[1].startsWith('annotations.') || quoted[1].startsWith('labels.')
        ? `metadata.${quoted[1]}`
        : quoted[1];
    return { field, message: quoted[2] };
  }
  const required = /^(\/[^\s]*) must have required property '([^']+)'$/.exec(
    message,
  );
  if (required) {
    const parent = jsonPointerToPath(required[1]);
    return {
      field: parent ? `${parent}.${required[2]}` : required[2],
      message: 'is required',
    };
  }
  const pointer = /^(\/[^\s]*) (.*)$/.exec(message);
  if (pointer) {
    return {
      field: jsonPointerToPath(pointer[1]) || 'entity',
      message: pointer[2],
    };
  }
  const mustHave = /^([\w.]+) (must .*)$/.exec(message);
  if (mustHave) {
    return { field: mustHave[1], message: mustHave[2] };
  }
  const unknown = /^Unknown field (\S+)$/.exec(message);
  if (unknown) {
    return { field: unknown[1], message: 'is not a known root field' };
  }
  return { field: 'entity', message };
}

async function checkKind(entity: Entity): Promise<FieldError[]> {
  let firstError: FieldError | undefined;
  for (const validator of KIND_VALIDATORS) {
    try {
      if (await validator.check(entity)) {
        return [];
      }
    } catch (error) {
      firstError ??= toFieldError((error as Error).message);
    }
  }
  return [
    firstError ?? {
      field: 'kind',
      message: `${entity.apiVersion} ${entity.kind} is not a kind the catalog recognises`,
    },
  ];
}

/**
 * The checks the catalog applies to an entity: the envelope policies, the
 * kind's schema and, for agents, the AIVSS, AIVSS-SSVC and MAESTRO
 * annotations (the common parser, the same one the catalog processor uses).
 */
export async function checkEntity(
  entity: Entity,
  selectors: readonly AgentSelector[] = DEFAULT_AGENT_SELECTORS,
): Promise<FieldError[]> {
  try {
    await envelopePolicy.enforce(entity);
  } catch (error) {
    // The kind schema needs a sound envelope, so stop at the first envelope problem.
    return [toFieldError((error as Error).message)];
  }
  const problems = await checkKind(entity);
  if (isAgentEntity(entity, selectors)) {
    const annotations = entity.metadata.annotations ?? {};
    const { missing, invalid } = parseAssessment(annotations);
    problems.push(...invalid);
    // As the catalog module's processor: an agent without any AIVSS
    // annotation is not assessed yet (incomplete), which is not a problem
    // of the entity; a partial assessment names what it lacks. The SSVC
    // annotations share the prefix but are a separate assessment.
    if (
      Object.keys(annotations).some(
        key =>
          key.startsWith(AIVSS_ANNOTATION_PREFIX) && !isSsvcAnnotation(key),
      )
    ) {
      problems.push(...missing);
    }
    problems.push(...findSsvcProblems(annotations));
  }
  return problems;
}
