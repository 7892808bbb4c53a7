import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import { DEFAULT_AGENT_SELECTORS, isAgentEntity } from './agents';
import {
  AIVSS_ANNOTATION_PREFIX,
  AIVSS_ANNOTATIONS,
  MAESTRO_ANNOTATION_PREFIX,
  A2A_ANNOTATIONS,
} from './annotations';
import type { AgentRiskOptions } from './config';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from './safeText';
import { FieldError, parseAssessment } from './parse';
import { findSsvcProblems, isSsvcAnnotation } from './ssvc';
import { REGISTRY_LIMITS } from './registryLimits';
import { REVIEWED_AT_ANNOTATION } from './review';

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
 * entity; the registry refuses an entity that has any. Of the options only
 * `assumedCvssBase` counts here: when set, an absent CVSS input is not a
 * problem.
 *
 * @public
 */
export function findAssessmentProblems(
  rawAnnotations: unknown,
  options: Partial<AgentRiskOptions> = {},
): FieldError[] {
  const annotations = readAnnotations(rawAnnotations);
  const { invalid, missing } = parseAssessment(annotations);
  // The SSVC annotations share the AIVSS prefix but are an assessment of
  // their own (spec section 10.1): either may be present without the other.
  const ssvc = findSsvcProblems(annotations);
  const assessed = Object.keys(annotations).some(
    key => key.startsWith(AIVSS_ANNOTATION_PREFIX) && !isSsvcAnnotation(key),
  );
  if (!assessed) {
    return [...invalid, ...ssvc];
  }
  const incomplete = missing.filter(
    problem =>
      !(
        options.assumedCvssBase !== undefined &&
        problem.field === AIVSS_ANNOTATIONS.cvssBase
      ),
  );
  return [...invalid, ...incomplete, ...ssvc];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The entity fields the registry stores (spec sections 6 and 11): what a
 * registered agent is, and nothing the catalog would act on besides.
 */
const STORED_FIELDS = {
  entity: ['apiVersion', 'kind', 'metadata', 'spec'],
  metadata: [
    'name',
    'namespace',
    'title',
    'description',
    'annotations',
    'tags',
    'links',
  ],
  spec: ['type', 'owner', 'lifecycle', 'system', 'dependsOn'],
  link: ['url', 'title', 'icon', 'type'],
} as const;

/**
 * What the catalog or the registry itself sets. A client that saves an
 * entity it read from the catalog echoes these back: they are ignored (the
 * registry sets its own), neither stored nor an error.
 */
const BOOKKEEPING = {
  entity: new Set(['relations', 'status']),
  metadata: new Set(['uid', 'etag', 'generation']),
  annotations: new Set([
    ANNOTATION_LOCATION,
    ANNOTATION_ORIGIN_LOCATION,
    ANNOTATION_SOURCE_LOCATION,
    ANNOTATION_VIEW_URL,
    ANNOTATION_EDIT_URL,
    'backstage.io/orphan',
    REGISTRY_ANNOTATION,
  ]),
};

/** A card's URL on the agent (spec section 8.1); discovery fetches it under the fetch rules. */
const AGENT_CARD_URL_ANNOTATION = 'agent-risk.io/agent-card-url';

/** The assessment (sections 2 and 10): every key under these prefixes. */
const STORED_ANNOTATION_PREFIXES = [
  AIVSS_ANNOTATION_PREFIX,
  MAESTRO_ANNOTATION_PREFIX,
];

/**
 * Single keys of sections 7 and 8 a person may set: the review date, the
 * agent card's URL, and what a card declares about authentication (the A2A
 * import's mapping). What discovery records of a card (its hash and
 * signature state) is never taken from a client.
 */
const STORED_ANNOTATION_KEYS = new Set<string>([
  REVIEWED_AT_ANNOTATION,
  AGENT_CARD_URL_ANNOTATION,
  ...Object.values(A2A_ANNOTATIONS),
]);

const isStoredAnnotation = (key: string) =>
  STORED_ANNOTATION_KEYS.has(key) ||
  STORED_ANNOTATION_PREFIXES.some(prefix => key.startsWith(prefix));

/** Names a client-chosen key in a message without echoing a whole document. */
const clip = (key: string) => (key.length > 80 ? `${key.slice(0, 80)}…` : key);

const NOT_STORED = 'the registry does not store this field';

/** Refuses every key of `value` that is neither stored nor bookkeeping. */
function checkKeys(
  value: Record<string, unknown>,
  at: string,
  stored: readonly string[],
  ignored: ReadonlySet<string>,
  problems: FieldError[],
) {
  for (const key of Object.keys(value)) {
    if (!stored.includes(key) && !ignored.has(key)) {
      problems.push({ field: `${at}${clip(key)}`, message: NOT_STORED });
    }
  }
}

/** Text of at most `max` characters without control characters (line breaks only where allowed). */
function checkText(
  value: unknown,
  field: string,
  max: number,
  problems: FieldError[],
  options: { allowLineBreaks?: boolean } = {},
) {
  if (typeof value !== 'string') {
    problems.push({ field, message: 'must be text' });
  } else if (value.length > max) {
    problems.push({ field, message: `must be at most ${max} characters` });
  } else if (hasUnsafeText(value, options)) {
    problems.push({ field, message: UNSAFE_TEXT_MESSAGE });
  }
}

/** An absolute http(s) URL: links are rendered, and a card URL is fetched. */
function checkHttpUrl(value: unknown, field: string, problems: FieldError[]) {
  const before = problems.length;
  checkText(value, field, REGISTRY_LIMITS.linkUrl, problems);
  if (problems.length > before) return;
  let protocol: string | undefined;
  try {
    protocol = new URL(value as string).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    problems.push({ field, message: 'must be an absolute http(s) URL' });
  }
}

/** A list of at most `max` items. */
function checkList(
  value: unknown,
  field: string,
  max: number,
  problems: FieldError[],
): value is unknown[] {
  if (!Array.isArray(value)) {
    problems.push({ field, message: 'must be a list' });
    return false;
  }
  if (value.length > max) {
    problems.push({ field, message: `must have at most ${max} items` });
    return false;
  }
  return true;
}

function checkLinks(links: unknown, problems: FieldError[]) {
  if (!checkList(links, 'metadata.links', REGISTRY_LIMITS.links, problems)) {
    return;
  }
  links.forEach((link, i) => {
    const at = `metadata.links[${i}]`;
    if (!isPlainObject(link)) {
      problems.push({ field: at, message: 'must be an object with a url' });
      return;
    }
    checkKeys(link, `${at}.`, STORED_FIELDS.link, new Set(), problems);
    checkHttpUrl(link.url, `${at}.url`, problems);
    for (const key of ['title', 'icon', 'type'] as const) {
      if (link[key] !== undefined) {
        checkText(
          link[key],
          `${at}.${key}`,
          REGISTRY_LIMITS.linkText,
          problems,
        );
      }
    }
  });
}

function checkRef(
  value: unknown,
  field: string,
  defaultKind: string,
  problems: FieldError[],
) {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({
      field,
      message: 'is required: pick one from the catalog',
    });
    return;
  }
  if (value.length > REGISTRY_LIMITS.entityRef) {
    problems.push({
      field,
      message: `must be at most ${REGISTRY_LIMITS.entityRef} characters`,
    });
    return;
  }
  try {
    parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
  } catch {
    problems.push({
      field,
      message: `must name a catalog entity, such as ${defaultKind.toLowerCase()}:default/its-name, got ${JSON.stringify(
        value.slice(0, 60),
      )}`,
    });
  }
}

/**
 * Checks an entity the registry is asked to store: the catalog's own rules
 * for names and annotations, an agent kind and type (spec section 1), the
 * fields an agent needs (owner, lifecycle), the assessment's problems as the
 * catalog module reports them, and the registry's own rules (spec section
 * 11): only the fields of an agent and the annotations of the assessment,
 * http(s) links, and {@link REGISTRY_LIMITS} on every text. What the catalog
 * or the registry sets itself (`metadata.uid`, `relations`, the location
 * annotations, ...) is ignored, so an entity read from the catalog can be
 * saved back. Each problem names its field (`metadata.name`, `spec.owner`,
 * the annotation key, ...). Returns [] for a storable entity.
 *
 * @public
 */
export function validateRegistryEntity(
  entity: unknown,
  options: Partial<AgentRiskOptions> = {},
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
  checkKeys(entity, '', STORED_FIELDS.entity, BOOKKEEPING.entity, problems);
  checkKeys(
    metadata,
    'metadata.',
    STORED_FIELDS.metadata,
    BOOKKEEPING.metadata,
    problems,
  );
  checkKeys(spec, 'spec.', STORED_FIELDS.spec, new Set(), problems);
  if (entity.apiVersion !== undefined) {
    checkText(
      entity.apiVersion,
      'apiVersion',
      REGISTRY_LIMITS.apiVersion,
      problems,
    );
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
  if (metadata.title !== undefined) {
    checkText(
      metadata.title,
      'metadata.title',
      REGISTRY_LIMITS.title,
      problems,
    );
  }
  if (metadata.description !== undefined) {
    checkText(
      metadata.description,
      'metadata.description',
      REGISTRY_LIMITS.description,
      problems,
      { allowLineBreaks: true },
    );
  }
  // Each tag's form and length are the catalog's rule (FieldFormatEntityPolicy).
  if (metadata.tags !== undefined) {
    checkList(metadata.tags, 'metadata.tags', REGISTRY_LIMITS.tags, problems);
  }
  if (metadata.links !== undefined) {
    checkLinks(metadata.links, problems);
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
  } else {
    checkText(
      spec.lifecycle,
      'spec.lifecycle',
      REGISTRY_LIMITS.lifecycle,
      problems,
    );
  }
  if (spec.system !== undefined) {
    checkRef(spec.system, 'spec.system', 'System', problems);
  }
  if (spec.dependsOn !== undefined) {
    if (
      checkList(
        spec.dependsOn,
        'spec.dependsOn',
        REGISTRY_LIMITS.dependsOn,
        problems,
      )
    ) {
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
    if (Object.keys(annotations).length > REGISTRY_LIMITS.annotations) {
      problems.push({
        field: 'metadata.annotations',
        message: `must have at most ${REGISTRY_LIMITS.annotations} keys`,
      });
      return problems;
    }
    for (const [key, value] of Object.entries(annotations)) {
      if (BOOKKEEPING.annotations.has(key)) {
        continue;
      }
      if (!KubernetesValidatorFunctions.isValidAnnotationKey(key)) {
        problems.push({
          field: clip(key),
          message: 'is not a valid annotation key',
        });
      } else if (!isStoredAnnotation(key)) {
        problems.push({
          field: key,
          message: `the registry does not store this annotation (only ${STORED_ANNOTATION_PREFIXES.map(
            prefix => `${prefix}*`,
          ).join(', ')} and ${[...STORED_ANNOTATION_KEYS].join(', ')})`,
        });
      } else if (typeof value !== 'string') {
        problems.push({ field: key, message: 'must be text (quote numbers)' });
      } else if (key === AGENT_CARD_URL_ANNOTATION) {
        checkHttpUrl(value, key, problems);
      } else {
        checkText(value, key, REGISTRY_LIMITS.annotationValue, problems, {
          allowLineBreaks: true,
        });
      }
    }
  }
  problems.push(...findAssessmentProblems(annotations, options));
  return problems;
}

/**
 * The part of an entity the registry stores: the fields
 * {@link validateRegistryEntity} allows, without the catalog's and the
 * registry's own bookkeeping (the caller sets the registry's annotations).
 * Call it on an entity that passed the check.
 *
 * @public
 */
export function pickRegistryFields(entity: Entity): Entity {
  const pick = (value: object, keys: readonly string[]) =>
    Object.fromEntries(
      Object.entries(value).filter(
        ([key, v]) => keys.includes(key) && v !== undefined,
      ),
    );
  const { metadata } = entity;
  const annotations = Object.fromEntries(
    Object.entries(metadata.annotations ?? {}).filter(
      ([key]) => !BOOKKEEPING.annotations.has(key),
    ),
  );
  return {
    ...(pick(entity, ['apiVersion', 'kind']) as Pick<
      Entity,
      'apiVersion' | 'kind'
    >),
    metadata: {
      ...(pick(metadata, STORED_FIELDS.metadata) as Entity['metadata']),
      ...(metadata.links
        ? {
            links: metadata.links.map(
              link =>
                pick(link, STORED_FIELDS.link) as (typeof metadata.links &
                  object)[number],
            ),
          }
        : {}),
      annotations,
    },
    spec: pick(entity.spec ?? {}, STORED_FIELDS.spec),
  };
}
