/* eslint-disable no-script-url */
// Script URLs are the inputs under test: the registry must refuse them.
import fs from 'fs';
import path from 'path';
import { Entity } from '@backstage/catalog-model';
import { importAgentDocument } from '../import';
import {
  findAssessmentProblems,
  pickRegistryFields,
  validateRegistryEntity,
} from './registry';
import { REGISTRY_LIMITS } from './registryLimits';

/** A complete, valid assessment: the registry accepts an agent with it. */
const ASSESSMENT = {
  'aivss.owasp.org/autonomy-of-action': '0.5',
  'aivss.owasp.org/goal-driven-planning': '0.5',
  'aivss.owasp.org/self-modification': '0',
  'aivss.owasp.org/dynamic-tool-use': '1',
  'aivss.owasp.org/persistent-memory': '0.5',
  'aivss.owasp.org/contextual-awareness': '0.5',
  'aivss.owasp.org/dynamic-identity': '0',
  'aivss.owasp.org/multi-agent-interactions': '0',
  'aivss.owasp.org/non-determinism': '0.5',
  'aivss.owasp.org/opacity-reflexivity': '0.5',
  'aivss.owasp.org/cvss-base': '7.5',
  'maestro.cloudsecurityalliance.org/l1-foundation-models':
    'Hosted model; prompts are logged.',
};

function agent(patch: {
  entity?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  spec?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'AiResource',
    metadata: {
      name: 'support-bot',
      namespace: 'default',
      title: 'Support bot',
      annotations: { ...ASSESSMENT, ...patch.annotations },
      ...patch.metadata,
    },
    spec: {
      type: 'agent',
      owner: 'group:default/ai-platform',
      lifecycle: 'production',
      ...patch.spec,
    },
    ...patch.entity,
  };
}

const fieldsOf = (entity: unknown) =>
  validateRegistryEntity(entity).map(p => p.field);

describe('validateRegistryEntity: what the registry stores (spec section 11)', () => {
  it('accepts a complete agent with tags, links and the allowed annotations', () => {
    expect(
      validateRegistryEntity(
        agent({
          metadata: {
            description: 'Answers tickets.\n\nSkills:\n- triage',
            tags: ['support', 'triage'],
            links: [
              { url: 'https://agents.example.com/a2a', title: 'A2A endpoint' },
              { url: 'http://docs.example.com', type: 'documentation' },
            ],
          },
          annotations: {
            'agent-risk.io/reviewed-at': '2026-01-01',
            'agent-risk.io/agent-card-url':
              'https://agents.example.com/.well-known/agent-card.json',
            'a2a-protocol.org/security-schemes': '{"bearer":{"type":"http"}}',
          },
          spec: {
            system: 'system:default/support',
            dependsOn: ['api:default/tickets'],
          },
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    'backstage.io/techdocs-ref',
    'github.com/project-slug',
    'backstage.io/kubernetes-id',
    // Discovery records these of a card; a client must not claim "verified".
    'agent-risk.io/agent-card-signature',
    'agent-risk.io/discovered-from',
  ])('refuses the annotation %s, naming it', key => {
    const problems = validateRegistryEntity(
      agent({ annotations: { [key]: 'dir:.' } }),
    );
    expect(problems).toEqual([
      {
        field: key,
        message: expect.stringContaining(
          'the registry does not store this annotation',
        ),
      },
    ]);
  });

  it.each([
    ['spec', 'subcomponentOf', 'component:default/core'],
    ['spec', 'dependencyOf', ['component:default/core']],
    ['spec', 'providesApis', ['api:default/x']],
    ['metadata', 'labels', { team: 'x' }],
    ['entity', 'extra', true],
  ])('refuses %s.%s, naming it', (where, key, value) => {
    const field = where === 'entity' ? key : `${where}.${key}`;
    expect(
      validateRegistryEntity(agent({ [where]: { [key]: value } })),
    ).toEqual([{ field, message: 'the registry does not store this field' }]);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '/relative/path',
    'example.com',
  ])('refuses the link %s, naming its url', url => {
    expect(
      validateRegistryEntity(agent({ metadata: { links: [{ url }] } })),
    ).toEqual([
      {
        field: 'metadata.links[0].url',
        message: 'must be an absolute http(s) URL',
      },
    ]);
  });

  it('refuses a card URL annotation that is not http(s)', () => {
    expect(
      fieldsOf(
        agent({
          annotations: { 'agent-risk.io/agent-card-url': 'javascript:x' },
        }),
      ),
    ).toEqual(['agent-risk.io/agent-card-url']);
  });

  it('refuses the 5,000-character title and the 18,000-character description of the review', () => {
    expect(
      validateRegistryEntity(
        agent({
          metadata: { title: 'T'.repeat(5000), description: 'D'.repeat(18000) },
        }),
      ),
    ).toEqual([
      {
        field: 'metadata.title',
        message: `must be at most ${REGISTRY_LIMITS.title} characters`,
      },
      {
        field: 'metadata.description',
        message: `must be at most ${REGISTRY_LIMITS.description} characters`,
      },
    ]);
  });

  it('accepts every text field at its bound and refuses it one character over', () => {
    const at = (n: number) => 'a'.repeat(n);
    const ref = (n: number) => `group:default/${'g'.repeat(n - 14)}`;
    const entityAt = (extra: number) =>
      agent({
        metadata: {
          title: at(REGISTRY_LIMITS.title + extra),
          description: at(REGISTRY_LIMITS.description + extra),
          tags: Array.from(
            { length: REGISTRY_LIMITS.tags + extra },
            (_, i) => `t${i}`,
          ),
          links: [
            {
              url: `https://e.com/${'p'.repeat(
                REGISTRY_LIMITS.linkUrl - 14 + extra,
              )}`,
              title: at(REGISTRY_LIMITS.linkText + extra),
            },
          ],
        },
        annotations: {
          'maestro.cloudsecurityalliance.org/l2-data-operations': at(
            REGISTRY_LIMITS.annotationValue + extra,
          ),
        },
        spec: {
          lifecycle: at(REGISTRY_LIMITS.lifecycle + extra),
          owner: ref(REGISTRY_LIMITS.entityRef + extra),
          dependsOn: Array.from(
            { length: REGISTRY_LIMITS.dependsOn + extra },
            (_, i) => `api:default/tool-${i}`,
          ),
        },
      });
    expect(validateRegistryEntity(entityAt(0))).toEqual([]);
    expect(fieldsOf(entityAt(1))).toEqual([
      'metadata.title',
      'metadata.description',
      'metadata.tags',
      'metadata.links[0].url',
      'metadata.links[0].title',
      'spec.owner',
      'spec.lifecycle',
      'spec.dependsOn',
      'maestro.cloudsecurityalliance.org/l2-data-operations',
    ]);
  });

  it('refuses more annotations than the bound, and control characters in text', () => {
    const many = Object.fromEntries(
      Array.from({ length: REGISTRY_LIMITS.annotations }, (_, i) => [
        `aivss.owasp.org/x-${i}`,
        '1',
      ]),
    );
    expect(fieldsOf(agent({ annotations: many }))).toEqual([
      'metadata.annotations',
    ]);
    expect(
      fieldsOf(
        agent({
          metadata: { title: 'a\u0000b', description: 'line\nbreaks\tok' },
          spec: { lifecycle: 'prod\u202e\u0007' },
        }),
      ),
    ).toEqual(['metadata.title', 'spec.lifecycle']);
  });

  it("ignores the catalog's and the registry's bookkeeping of an echoed entity, and does not store it", () => {
    const echoed = agent({
      entity: {
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/ai-platform' },
        ],
        status: { items: [] },
      },
      metadata: {
        uid: '6b4e0c1a-1111-2222-3333-444455556666',
        etag: 'abc',
        generation: 3,
        links: [{ url: 'https://e.com', title: 'Home' }],
      },
      annotations: {
        'backstage.io/managed-by-location':
          'agent-risk-registry:default/support-bot',
        'backstage.io/managed-by-origin-location':
          'agent-risk-registry:default/support-bot',
        'agent-risk.io/registry': 'true',
        'backstage.io/view-url': 'javascript:alert(1)',
        'backstage.io/edit-url': 'https://scm.example.com/edit',
        'backstage.io/source-location': 'url:https://scm.example.com/',
        'backstage.io/orphan': 'true',
      },
    }) as unknown as Entity;
    expect(validateRegistryEntity(echoed)).toEqual([]);
    expect(pickRegistryFields(echoed)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'AiResource',
      metadata: {
        name: 'support-bot',
        namespace: 'default',
        title: 'Support bot',
        links: [{ url: 'https://e.com', title: 'Home' }],
        annotations: ASSESSMENT,
      },
      spec: {
        type: 'agent',
        owner: 'group:default/ai-platform',
        lifecycle: 'production',
      },
    });
  });

  it('names a hostile key without echoing all of it', () => {
    const [problem] = validateRegistryEntity(
      agent({ spec: { ['k'.repeat(5000)]: 1 } }),
    );
    expect(problem.field.length).toBeLessThan(100);
  });
});

describe('validateRegistryEntity: the shipped examples fit the bounds', () => {
  // Some examples are incomplete on purpose (an agent card brings no
  // assessment): only the registry's own rules are asked of them here.
  const registryOnlyProblems = (entity: Entity) => {
    const assessment = JSON.stringify(
      findAssessmentProblems(entity.metadata.annotations),
    );
    return validateRegistryEntity(entity).filter(
      p => !assessment.includes(JSON.stringify(p)),
    );
  };
  const examples = path.resolve(__dirname, '../../../../examples');

  it.each(
    fs.readdirSync(path.join(examples, 'threat-models')).map(file => [file]),
  )('the import of %s is storable', file => {
    const result = importAgentDocument(
      fs.readFileSync(path.join(examples, 'threat-models', file), 'utf8'),
      { owner: 'group:default/ai-platform' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(registryOnlyProblems(result.entity)).toEqual([]);
  });
});

describe('findAssessmentProblems: AIVSS v0.8 and AIVSS-SSVC are separate assessments', () => {
  const ssvc = {
    'aivss.owasp.org/ssvc-threat': 'poc',
    'aivss.owasp.org/ssvc-vulnerability': 'moderate',
    'aivss.owasp.org/ssvc-impact': 'critical',
    'aivss.owasp.org/ssvc-execution-autonomy': '4',
    'aivss.owasp.org/ssvc-tool-authority': '4',
    'aivss.owasp.org/ssvc-code-execution': '4',
    'aivss.owasp.org/ssvc-critical-system-access': '4',
    'aivss.owasp.org/ssvc-persistent-memory': '3',
    'aivss.owasp.org/ssvc-dynamic-identity': '3',
    'aivss.owasp.org/ssvc-multi-agent-coordination': '3',
    'aivss.owasp.org/ssvc-self-modification': '2',
    'aivss.owasp.org/ssvc-non-determinism': '3',
    'aivss.owasp.org/ssvc-deceptiveness': '2',
  };

  it('does not ask an agent assessed with SSVC only for the AIVSS v0.8 inputs', () => {
    expect(findAssessmentProblems(ssvc)).toEqual([]);
  });

  it('reports a malformed or missing SSVC input with its field', () => {
    const { 'aivss.owasp.org/ssvc-impact': _impact, ...partial } = ssvc;
    const problems = findAssessmentProblems({
      ...partial,
      'aivss.owasp.org/ssvc-tool-authority': '6',
    });
    expect(problems.map(p => p.field).sort()).toEqual([
      'aivss.owasp.org/ssvc-impact',
      'aivss.owasp.org/ssvc-tool-authority',
    ]);
  });
});
