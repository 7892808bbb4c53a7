import { Entity } from '@backstage/catalog-model';
import {
  AGENTIC_FACTORS,
  AIVSS_ANNOTATIONS,
  FieldError,
  findAssessmentProblems,
  isSsvcAnnotation,
  MAESTRO_LAYERS,
  MaestroLayerDefinition,
  validateRegistryEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { DEFAULT_IMPORT_OWNER } from '@agent-risk/plugin-agent-risk-common/import';

/** The register page's form: plain strings, as the inputs hold them. */
export interface RegisterFormState {
  name: string;
  title: string;
  description: string;
  owner: string;
  system: string;
  lifecycle: string;
  tools: string[];
  /** Every annotation: the factors, CVSS, multipliers, layers, and what a prefill brought. */
  annotations: Record<string, string>;
  /** Tags and links a prefill brought (an agent card's skills and endpoints). */
  tags: string[];
  links: Entity['metadata']['links'];
  reason: string;
}

export const EMPTY_FORM: RegisterFormState = {
  name: '',
  title: '',
  description: '',
  owner: '',
  system: '',
  lifecycle: 'experimental',
  tools: [],
  annotations: {},
  tags: [],
  links: undefined,
  reason: '',
};

/**
 * A layer's confidence as the form shows it: the one chosen, else "mapped"
 * for a layer with text (the spec's default) and "" (not assessed) for an
 * empty one, which claims nothing.
 */
export function layerConfidence(
  annotations: Record<string, string>,
  layer: MaestroLayerDefinition,
): string {
  const chosen = annotations[layer.confidenceAnnotation]?.trim();
  if (!(annotations[layer.textAnnotation] ?? '').trim()) {
    return '';
  }
  return chosen || 'mapped';
}

/** Confidence annotations of layers without text: nothing was assessed. */
const emptyLayerConfidences = (annotations: Record<string, string>) =>
  new Set(
    MAESTRO_LAYERS.filter(
      layer => !(annotations[layer.textAnnotation] ?? '').trim(),
    ).map(layer => layer.confidenceAnnotation),
  );

/**
 * The entity the form describes; blank annotations are left out (absent,
 * not empty), and so is the confidence of a layer without text.
 */
export function toEntity(form: RegisterFormState): Entity {
  const unassessed = emptyLayerConfidences(form.annotations);
  const annotations = Object.fromEntries(
    Object.entries(form.annotations).filter(
      ([k, v]) => v.trim() !== '' && !unassessed.has(k),
    ),
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'AiResource',
    metadata: {
      name: form.name.trim(),
      ...(form.title.trim() ? { title: form.title.trim() } : {}),
      ...(form.description.trim()
        ? { description: form.description.trim() }
        : {}),
      ...(form.tags.length > 0 ? { tags: form.tags } : {}),
      ...(form.links && form.links.length > 0 ? { links: form.links } : {}),
      annotations,
    },
    spec: {
      type: 'agent',
      owner: form.owner,
      lifecycle: form.lifecycle,
      ...(form.system.trim() ? { system: form.system.trim() } : {}),
      ...(form.tools.length > 0 ? { dependsOn: form.tools } : {}),
    },
  };
}

/** The importer's placeholder owner is not an entity: the picker stays empty. */
function importedOwner(owner: unknown): string {
  return typeof owner === 'string' && owner !== DEFAULT_IMPORT_OWNER
    ? owner
    : '';
}

/**
 * The form a prefilled entity gives (an imported document or agent card).
 * An import never sets the SSVC decision (a document's own ratings are not
 * this owner's decision): the SSVC inputs stay as the person left them.
 */
export function fromEntity(
  entity: Entity,
  current: RegisterFormState,
): RegisterFormState {
  const spec = entity.spec ?? {};
  const keptSsvc = Object.entries(current.annotations).filter(([key]) =>
    isSsvcAnnotation(key),
  );
  return {
    ...current,
    name: entity.metadata.name ?? current.name,
    title: entity.metadata.title ?? current.title,
    description: entity.metadata.description ?? current.description,
    owner: current.owner || importedOwner(spec.owner),
    annotations: Object.fromEntries([
      ...Object.entries(entity.metadata.annotations ?? {}).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' && !isSsvcAnnotation(entry[0]),
      ),
      ...keptSsvc,
    ]),
    tags: entity.metadata.tags ?? [],
    links: entity.metadata.links,
  };
}

/**
 * The problems of the form by field, with the catalog's own messages: the
 * registry's checks of the common core (annotation keys are the fields of
 * the assessment inputs).
 */
export function formProblems(form: RegisterFormState): Map<string, string> {
  const problems: FieldError[] = [
    ...validateRegistryEntity(toEntity(form)),
    // A factor left blank is named even before any AIVSS value is typed.
    ...findAssessmentProblems(toEntity(form).metadata.annotations),
  ];
  const byField = new Map<string, string>();
  for (const problem of problems) {
    if (!byField.has(problem.field)) {
      byField.set(problem.field, problem.message);
    }
  }
  return byField;
}

export const FACTOR_FIELDS = AGENTIC_FACTORS;
export const CVSS_FIELDS = {
  base: AIVSS_ANNOTATIONS.cvssBase,
  vector: AIVSS_ANNOTATIONS.cvssVector,
  threat: AIVSS_ANNOTATIONS.threatMultiplier,
  mitigation: AIVSS_ANNOTATIONS.mitigationFactor,
};

/** The problem field each input of the agent card edits. */
const PATCH_FIELDS: Record<keyof RegisterFormState, string | undefined> = {
  name: 'metadata.name',
  title: 'metadata.title',
  description: 'metadata.description',
  owner: 'spec.owner',
  system: 'spec.system',
  lifecycle: 'spec.lifecycle',
  tools: 'spec.dependsOn',
  reason: 'reason',
  annotations: undefined,
  tags: 'metadata.tags',
  links: 'metadata.links',
};

/** The fields a change to the form touches. */
export function fieldsOfPatch(patch: Partial<RegisterFormState>): string[] {
  return Object.keys(patch).flatMap(key => {
    const field = PATCH_FIELDS[key as keyof RegisterFormState];
    return field ? [field] : [];
  });
}

/** The input ids whose leaving (blur) touches a field: a required field left empty says so. */
const INPUT_FIELDS = new Map<string, string>([
  ['register-name', 'metadata.name'],
  ['register-title', 'metadata.title'],
  ['register-description', 'metadata.description'],
  ['register-owner', 'spec.owner'],
  ['register-system', 'spec.system'],
  ['register-reason', 'reason'],
  ...AGENTIC_FACTORS.map(
    f => [`register-${f.id}`, f.annotation] as [string, string],
  ),
  ['register-cvss-base', AIVSS_ANNOTATIONS.cvssBase],
  ['register-cvss-vector', AIVSS_ANNOTATIONS.cvssVector],
]);

/** The field an input (by its id) edits, if leaving it should show its problem. */
export function fieldOfInput(id: string): string | undefined {
  return INPUT_FIELDS.get(id);
}

/** The fields a prefill filled: their problems show at once. */
export function importedFields(entity: Entity): string[] {
  const { metadata } = entity;
  return [
    ...(metadata.name ? ['metadata.name'] : []),
    ...(metadata.title ? ['metadata.title'] : []),
    ...(metadata.description ? ['metadata.description'] : []),
    ...(metadata.tags ? ['metadata.tags'] : []),
    ...(metadata.links ? ['metadata.links'] : []),
    ...Object.keys(metadata.annotations ?? {}),
  ];
}

/**
 * The problems to show at the fields: of touched fields only until the
 * form is submitted (a blank form opens without red), then all of them.
 * `metadata.tags[3]` counts as touched with `metadata.tags`.
 */
export function shownProblems(
  problems: Map<string, string>,
  touched: ReadonlySet<string>,
  submitted: boolean,
): Map<string, string> {
  if (submitted) {
    return problems;
  }
  return new Map(
    [...problems].filter(
      ([field]) =>
        touched.has(field) || touched.has(field.replace(/\[\d+\].*$/, '')),
    ),
  );
}
