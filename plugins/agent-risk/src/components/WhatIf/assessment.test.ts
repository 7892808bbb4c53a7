import { Entity } from '@backstage/catalog-model';
import { REVIEWED_AT_ANNOTATION } from '@agent-risk/plugin-agent-risk-common';
import { allFactors, recordFor } from '../../__testUtils__/fixtures';
import {
  assessedAnnotations,
  AssessmentInputs,
  registryEntity,
  savedEntity,
} from './assessment';
import { initialWhatIfInputs } from './whatIfInputs';

const VECTOR =
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N'; // 7.1

/** A registry agent as the catalog serves it: the registry's fields plus the catalog's bookkeeping. */
const catalogEntity = (): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'AiResource',
  metadata: {
    name: 'invoice-helper',
    namespace: 'default',
    title: 'Invoice helper',
    description: 'Reads invoices',
    tags: ['finance'],
    links: [{ url: 'https://docs.example.com/invoice-helper' }],
    uid: '0b7e6c2e-5d1d-4a53-9f0e-1c1d9f1a2b3c',
    etag: 'etag-1',
    annotations: {
      ...allFactors('0.5'),
      'aivss.owasp.org/cvss-vector': VECTOR,
      'aivss.owasp.org/mitigation-factor': 'partial',
      'aivss.owasp.org/threat-multiplier': 'unreported',
      'agent-risk.io/registry': 'true',
      'agent-risk.io/reviewed-at': '2026-11-01T10:00:00.000Z',
      'backstage.io/managed-by-location':
        'agent-risk-registry:default/invoice-helper',
      'backstage.io/managed-by-origin-location':
        'agent-risk-registry:default/invoice-helper',
      'example.com/team-note': 'kept',
    },
  },
  spec: { type: 'agent', owner: 'group:default/finance', lifecycle: 'x' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/finance' }],
});

/** The what-if inputs after moving one slider: everything else as the record has it. */
function movedOneFactor(entity: Entity) {
  const initial = initialWhatIfInputs(recordFor(entity));
  expect(initial).toMatchObject({
    cvssBase: 7.1,
    threatMultiplier: 0.5,
    mitigationFactor: 0.83,
  });
  const inputs: AssessmentInputs = {
    factors: {
      ...(initial.factors as AssessmentInputs['factors']),
      'autonomy-of-action': 0.9,
    },
    cvssBase: initial.cvssBase!,
    threatMultiplier: initial.threatMultiplier,
    mitigationFactor: initial.mitigationFactor,
    threatKeyword: 'unreported',
    mitigationKeyword: 'partial',
  };
  return { initial, inputs };
}

describe('assessedAnnotations', () => {
  it('writes only the factor the owner moved: the vector and the named levels stay as written', () => {
    const entity = catalogEntity();
    const { initial, inputs } = movedOneFactor(entity);
    const annotations = assessedAnnotations(entity, initial, inputs);
    expect(annotations).toEqual({
      ...entity.metadata.annotations,
      'aivss.owasp.org/autonomy-of-action': '0.9',
    });
    expect(annotations['aivss.owasp.org/cvss-base']).toBeUndefined();
  });

  it('drops the vector only when the owner changed the CVSS base', () => {
    const entity = catalogEntity();
    const { initial, inputs } = movedOneFactor(entity);
    const annotations = assessedAnnotations(entity, initial, {
      ...inputs,
      cvssBase: 6.4,
    });
    expect(annotations['aivss.owasp.org/cvss-vector']).toBeUndefined();
    expect(annotations['aivss.owasp.org/cvss-base']).toBe('6.4');
    expect(annotations['aivss.owasp.org/mitigation-factor']).toBe('partial');
  });

  it('writes a changed multiplier as the named level picked, a level’s value as its name, else the number', () => {
    const entity = catalogEntity();
    const { initial, inputs } = movedOneFactor(entity);
    const picked = assessedAnnotations(entity, initial, {
      ...inputs,
      mitigationFactor: 1,
      mitigationKeyword: 'weak', // 'none' has the same value: the pick wins
      threatMultiplier: 0.97,
      threatKeyword: 'poc',
    });
    expect(picked['aivss.owasp.org/mitigation-factor']).toBe('weak');
    expect(picked['aivss.owasp.org/threat-multiplier']).toBe('poc');
    const typed = assessedAnnotations(entity, initial, {
      ...inputs,
      mitigationFactor: 0.67, // typed as a custom number: strong's value
      mitigationKeyword: 'custom',
      threatMultiplier: 1.2,
      threatKeyword: 'custom',
    });
    expect(typed['aivss.owasp.org/mitigation-factor']).toBe('strong');
    expect(typed['aivss.owasp.org/threat-multiplier']).toBe('1.2');
  });

  it('writes a factor that was missing once the owner sets it', () => {
    const { ['aivss.owasp.org/non-determinism']: _omit, ...annotations } =
      catalogEntity().metadata.annotations!;
    const entity = {
      ...catalogEntity(),
      metadata: { ...catalogEntity().metadata, annotations },
    };
    const initial = initialWhatIfInputs(recordFor(entity));
    expect(initial.factors['non-determinism']).toBeUndefined();
    const written = assessedAnnotations(entity, initial, {
      factors: {
        ...(initial.factors as AssessmentInputs['factors']),
        'non-determinism': 0.3,
      },
      cvssBase: 7.1,
      threatMultiplier: 0.5,
      mitigationFactor: 0.83,
    });
    expect(written).toEqual({
      ...annotations,
      'aivss.owasp.org/non-determinism': '0.3',
    });
  });
});

describe('registryEntity', () => {
  it('sends the registry’s fields only, not the catalog’s bookkeeping', () => {
    const entity = catalogEntity();
    const sent = registryEntity(entity, entity.metadata.annotations!);
    expect(sent).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'AiResource',
      metadata: {
        name: 'invoice-helper',
        namespace: 'default',
        title: 'Invoice helper',
        description: 'Reads invoices',
        tags: ['finance'],
        links: [{ url: 'https://docs.example.com/invoice-helper' }],
        annotations: {
          ...allFactors('0.5'),
          'aivss.owasp.org/cvss-vector': VECTOR,
          'aivss.owasp.org/mitigation-factor': 'partial',
          'aivss.owasp.org/threat-multiplier': 'unreported',
          'agent-risk.io/reviewed-at': '2026-11-01T10:00:00.000Z',
          'example.com/team-note': 'kept',
        },
      },
      spec: { type: 'agent', owner: 'group:default/finance', lifecycle: 'x' },
    });
  });
});

describe('savedEntity', () => {
  it('stands in for the catalog’s copy: the saved inputs, the catalog’s bookkeeping, no stale review date', () => {
    const entity = catalogEntity();
    const { initial, inputs } = movedOneFactor(entity);
    const sent = registryEntity(
      entity,
      assessedAnnotations(entity, initial, inputs),
    );
    const saved = savedEntity(entity, sent);
    expect(saved.metadata.etag).toBe('etag-1');
    expect(saved.metadata.annotations).toMatchObject({
      'aivss.owasp.org/autonomy-of-action': '0.9',
      'agent-risk.io/registry': 'true',
      'backstage.io/managed-by-location':
        'agent-risk-registry:default/invoice-helper',
    });
    // The registry set a new review date on the save; sending the old one
    // with the next save would set it back.
    expect(saved.metadata.annotations![REVIEWED_AT_ANNOTATION]).toBeUndefined();
  });
});
