import { AIVSS_ANNOTATIONS } from '../annotations';
import { scoreAnnotations } from '../scoring';
import { factorAnnotations } from '../../testing';
import { scoreReason } from './scoreReason';

/** The reason of an agent scored from annotations, as the sync computes it. */
function reasonOf(
  annotations: Record<string, string>,
  options: Parameters<typeof scoreAnnotations>[1] = {},
) {
  const result = scoreAnnotations(annotations, options);
  return scoreReason({ ...result, factors: result.assessment.factors });
}

describe('scoreReason', () => {
  it('names the CVSS base, the high factors by contribution and the missing mitigation', () => {
    expect(
      reasonOf({
        [AIVSS_ANNOTATIONS.cvssBase]: '8',
        [AIVSS_ANNOTATIONS.mitigationFactor]: 'none',
        ...factorAnnotations('0.2'),
        ...factorAnnotations({
          'autonomy-of-action': '0.8',
          'dynamic-tool-use': '0.9',
        }),
      }),
    ).toBe('CVSS base 8.0, tool use and autonomy high, no mitigation');
  });

  it('names at most three factors and counts the rest', () => {
    expect(
      reasonOf({
        [AIVSS_ANNOTATIONS.cvssBase]: '5.5',
        ...factorAnnotations('1'),
      }),
    ).toBe(
      'CVSS base 5.5, autonomy, planning, self-modification and 7 more high, no mitigation',
    );
  });

  it('says when no factor is high, and names a partial mitigation and no reported exploit', () => {
    expect(
      reasonOf({
        [AIVSS_ANNOTATIONS.cvssBase]: '6.1',
        [AIVSS_ANNOTATIONS.mitigationFactor]: 'partial',
        [AIVSS_ANNOTATIONS.threatMultiplier]: 'unreported',
        ...factorAnnotations('0.3'),
      }),
    ).toBe(
      'CVSS base 6.1, no agentic factor high, partial mitigation (×0.83), no reported exploit',
    );
  });

  it('marks an assumed CVSS base and leaves mitigation out of a model that ignores it', () => {
    expect(
      reasonOf(factorAnnotations('0'), {
        assumedCvssBase: 7,
        model: 'aivss-0.5',
      }),
    ).toBe('CVSS base 7.0 (assumed), no agentic factor high');
  });

  it('says an agent is actively attacked at a threat multiplier of 1 or more', () => {
    expect(
      reasonOf({
        [AIVSS_ANNOTATIONS.cvssBase]: '9.1',
        [AIVSS_ANNOTATIONS.threatMultiplier]: 'attacked',
        [AIVSS_ANNOTATIONS.mitigationFactor]: 'strong',
        ...factorAnnotations('0'),
        ...factorAnnotations({ 'persistent-memory': '0.7' }),
      }),
    ).toBe(
      'CVSS base 9.1, memory high, strong mitigation (×0.67), actively attacked',
    );
  });

  it('is null for an agent that is not scored', () => {
    expect(reasonOf(factorAnnotations('0.5'))).toBeNull();
  });
});
