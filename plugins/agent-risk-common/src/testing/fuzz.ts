import fc from 'fast-check';
import { Entity } from '@backstage/catalog-model';
import { AIVSS_ANNOTATIONS } from '../domain/annotations';
import { AGENTIC_FACTORS } from '../domain/factors';
import { MAESTRO_LAYERS } from '../domain/layers';
import { REGISTRY_LIMITS } from '../domain/registryLimits';

/*
 * The fuzz generators every package's fuzz tests share: hostile text,
 * annotation maps and agent entities (spec section 11).
 */

/**
 * Text that has broken parsers, databases and URL decoders before.
 *
 * @public
 */
export const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil',
  '🤖'.repeat(50),
  'x'.repeat(600),
  'y'.repeat(5000),
  "' OR 1=1 --",
  '%',
  '%00',
  '\\',
  '..',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0.1234567890123456789',
  '=HYPERLINK("http://evil")',
  'group:default/ai-platform',
  'airesource:default/support-bot',
  'a:b:c/d/e',
  'not:a/ref:at/all',
  '<script>alert(1)</script>',
];

/**
 * Any text: mostly short, sometimes hostile, sometimes with lone surrogates.
 *
 * @public
 */
export const anyText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_TEXT) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...NASTY_TEXT), fc.string({ maxLength: 8 }))
        .map(([a, b]) => a + b),
    },
  );

/** Values an annotation of a number, keyword or list might plausibly (or not) hold. */
const annotationValue = fc.oneof(
  { weight: 3, arbitrary: fc.double().map(String) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.integer({ min: -20, max: 120 }), fc.nat(3))
      .map(([n, places]) => (n / 10).toFixed(places)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'attacked',
      'poc',
      'unreported',
      'none',
      'strong',
      'partial',
      'mapped',
      'uncertain',
      'ASI02, T2',
      'ASI99',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'CVSS:4.0/AV:N',
    ),
  },
  { weight: 2, arbitrary: anyText(60) },
);

const knownAnnotationKeys = [
  ...AGENTIC_FACTORS.map(f => f.annotation),
  ...Object.values(AIVSS_ANNOTATIONS),
  ...MAESTRO_LAYERS.flatMap(l => [
    l.textAnnotation,
    l.confidenceAnnotation,
    l.threatsAnnotation,
  ]),
];

/**
 * A random annotation map: known keys with random values plus unknown keys.
 *
 * @public
 */
export const annotationMap: fc.Arbitrary<Record<string, string>> = fc
  .tuple(
    fc.subarray(knownAnnotationKeys),
    fc.array(annotationValue, {
      minLength: knownAnnotationKeys.length,
      maxLength: knownAnnotationKeys.length,
    }),
    fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 10 }).map(s => `aivss.owasp.org/${s}`),
        fc
          .string({ maxLength: 10 })
          .map(s => `maestro.cloudsecurityalliance.org/${s}`),
      ),
      anyText(),
      { maxKeys: 3 },
    ),
  )
  .map(([keys, values, extra]) => ({
    ...extra,
    ...Object.fromEntries(keys.map((k, i) => [k, values[i]])),
  }));

/** A catalog-valid agent entity name (the catalog enforces names; titles and specs are free). */
const entityName = fc
  .stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/)
  .filter(s => s.length > 0);

/**
 * An agent entity whose annotations, title, owner, system and lifecycle are random.
 *
 * @public
 */
export const randomAgentEntity: fc.Arbitrary<Entity> = fc
  .record({
    name: entityName,
    kind: fc.constantFrom('AiResource', 'Component'),
    title: fc.option(anyText(700), { nil: undefined }),
    owner: fc.option(anyText(600), { nil: undefined }),
    system: fc.option(anyText(600), { nil: undefined }),
    lifecycle: fc.option(anyText(300), { nil: undefined }),
    annotations: annotationMap,
  })
  .map(a => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: a.kind,
    metadata: {
      name: a.name,
      namespace: 'default',
      ...(a.title !== undefined ? { title: a.title } : {}),
      annotations: a.annotations,
    },
    spec: {
      type: a.kind === 'AiResource' ? 'agent' : 'ai-agent',
      ...(a.owner !== undefined ? { owner: a.owner } : {}),
      ...(a.system !== undefined ? { system: a.system } : {}),
      ...(a.lifecycle !== undefined ? { lifecycle: a.lifecycle } : {}),
    },
  }));

/**
 * Distinct random agents (by kind and name, as the catalog would hold them).
 *
 * @public
 */
export const randomAgentCatalog = (maxLength: number) =>
  fc.uniqueArray(randomAgentEntity, {
    maxLength,
    selector: e => `${e.kind}:${e.metadata.name}`,
  });

/**
 * One thing the registry does not store (spec section 11), and the field its 400 names.
 *
 * @public
 */
export interface RegistryViolation {
  field: string;
  apply: (entity: Entity) => Entity;
}

const over = (limit: number, extra: number, char: string) =>
  char.repeat(limit + 1 + extra);

const withMetadata =
  (patch: Record<string, unknown>) =>
  (e: Entity): Entity =>
    ({ ...e, metadata: { ...e.metadata, ...patch } } as Entity);

const withAnnotation =
  (key: string, value: string) =>
  (e: Entity): Entity =>
    withMetadata({ annotations: { ...e.metadata.annotations, [key]: value } })(
      e,
    );

const withSpec =
  (key: string, value: unknown) =>
  (e: Entity): Entity =>
    ({ ...e, spec: { ...e.spec, [key]: value } } as Entity);

/**
 * Near-valid changes the registry refuses: each finding of the security
 * review (foreign annotations and spec keys, script links, unbounded text)
 * and each bound one step over, with varied sizes and keys.
 *
 * @public
 */
export const registryViolation: fc.Arbitrary<RegistryViolation> = fc.oneof(
  fc.nat(20_000).map(extra => ({
    field: 'metadata.title',
    apply: withMetadata({ title: over(REGISTRY_LIMITS.title, extra, 'T') }),
  })),
  fc.nat(20_000).map(extra => ({
    field: 'metadata.description',
    apply: withMetadata({
      description: over(REGISTRY_LIMITS.description, extra, 'D'),
    }),
  })),
  fc.nat(500).map(extra => ({
    field: 'spec.lifecycle',
    apply: withSpec('lifecycle', over(REGISTRY_LIMITS.lifecycle, extra, 'l')),
  })),
  fc
    .tuple(fc.constantFrom(...MAESTRO_LAYERS), fc.nat(10_000))
    .map(([layer, extra]) => ({
      field: layer.textAnnotation,
      apply: withAnnotation(
        layer.textAnnotation,
        over(REGISTRY_LIMITS.annotationValue, extra, 'x'),
      ),
    })),
  fc
    .constantFrom(
      'backstage.io/techdocs-ref',
      'github.com/project-slug',
      'backstage.io/kubernetes-id',
      'agent-risk.io/agent-card-signature',
      'example.com/anything',
    )
    .map(key => ({ field: key, apply: withAnnotation(key, 'dir:.') })),
  fc
    .constantFrom(
      'subcomponentOf',
      'dependencyOf',
      'providesApis',
      'consumesApis',
      'profile',
    )
    .map(key => ({
      field: `spec.${key}`,
      apply: withSpec(key, ['component:default/payments']),
    })),
  fc
    .constantFrom(
      /* eslint-disable no-script-url -- the links the registry must refuse */
      'javascript:alert(document.cookie)',
      ' javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      /* eslint-enable no-script-url */
      'file:///etc/passwd',
      '//evil.example.com',
      '/relative',
    )
    .map(url => ({
      field: 'metadata.links[0].url',
      apply: withMetadata({ links: [{ url, title: 'Docs' }] }),
    })),
  fc.integer({ min: 1, max: 200 }).map(extra => ({
    field: 'metadata.tags',
    apply: withMetadata({
      tags: Array.from(
        { length: REGISTRY_LIMITS.tags + extra },
        (_, i) => `tag-${i}`,
      ),
    }),
  })),
  fc.constant({
    field: 'metadata.labels',
    apply: withMetadata({ labels: { team: 'x' } }),
  }),
);
