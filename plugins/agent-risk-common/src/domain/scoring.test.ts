import fc from 'fast-check';
import { AGENTIC_FACTOR_IDS, AgenticFactorId } from './factors';
import { computeScore, scoreAnnotations, ScoringInputs } from './scoring';
import { factorAnnotations } from '../testing';

/** Spreads a factor sum over the ten factors so that they add up exactly. */
function factorsSumming(sum: string): Record<AgenticFactorId, number> {
  // Put the whole sum on as few factors as needed, each at most 1.
  const factors = {} as Record<AgenticFactorId, number>;
  let remaining = Math.round(Number(sum) * 100);
  for (const id of AGENTIC_FACTOR_IDS) {
    const take = Math.min(100, remaining);
    factors[id] = take / 100;
    remaining -= take;
  }
  return factors;
}

const inputs = (c: number, s: string, t: number, m: number): ScoringInputs => ({
  cvssBase: c,
  factors: factorsSumming(s),
  threatMultiplier: t,
  mitigationFactor: m,
});

describe('computeScore: worked examples of spec section 3', () => {
  it('C 7.5, S 1.1, T 1.0, M 1.0 gives AARS 0.275 and 7.8 High under aivss-0.8', () => {
    const result = computeScore(inputs(7.5, '1.1', 1, 1), 'aivss-0.8');
    expect(result.aars).toBe(0.275);
    expect(result.factorSum).toBe(1.1);
    expect(result.score).toBe(7.8);
    expect(result.severity).toBe('high');
  });

  it('C 8.2, S 3.0, T 1.0, M 0.6 gives AARS 0.54 and 5.2 Medium under aivss-0.8', () => {
    const result = computeScore(inputs(8.2, '3', 1, 0.6), 'aivss-0.8');
    expect(result.aars).toBe(0.54);
    expect(result.score).toBe(5.2);
    expect(result.severity).toBe('medium');
  });

  it('the same inputs give 8.5 High under aivss-0.8-floor', () => {
    const result = computeScore(inputs(8.2, '3', 1, 0.6), 'aivss-0.8-floor');
    expect(result.score).toBe(8.5);
    expect(result.severity).toBe('high');
  });

  it('C 9.4, S 8.5, T 0.97 gives 8.7 High under aivss-0.5', () => {
    const result = computeScore(inputs(9.4, '8.5', 0.97, 1), 'aivss-0.5');
    expect(result.score).toBe(8.7);
    expect(result.severity).toBe('high');
    expect(result.aars).toBe(8.5);
  });
});

describe('computeScore: rounding and bounds', () => {
  it('rounds exact ties half up where binary floating point would round down', () => {
    // aivss-0.5 with T = 1 is (C + S) / 2: raw 6.85 and 4.05 are exact ties.
    expect(computeScore(inputs(6.7, '7', 1, 1), 'aivss-0.5').score).toBe(6.9);
    expect(computeScore(inputs(3.1, '5', 1, 1), 'aivss-0.5').score).toBe(4.1);
    // aivss-0.8: C 8, S 3.25, T 1, M 1 is 8 + 2 × 0.325 = 8.65, a tie.
    expect(computeScore(inputs(8, '3.25', 1, 1), 'aivss-0.8').score).toBe(8.7);
    // Binary floating point gets these ties wrong, which is why we use decimals.
    expect(((6.7 + 7) / 2).toFixed(1)).toBe('6.8');
    expect((4.05).toFixed(1)).toBe('4.0');
  });

  it('caps at 10 when the threat multiplier pushes the score above it', () => {
    const result = computeScore(inputs(9.8, '10', 1.5, 1), 'aivss-0.5');
    expect(result.score).toBe(10);
    expect(result.severity).toBe('critical');
    const v08 = computeScore(inputs(9.5, '10', 1.5, 1), 'aivss-0.8');
    expect(v08.score).toBe(10);
    const floor = computeScore(inputs(9.5, '10', 1.5, 1), 'aivss-0.8-floor');
    expect(floor.score).toBe(10);
  });

  it('gives 0.0 None when CVSS and every factor are zero', () => {
    const result = computeScore(inputs(0, '0', 1, 1), 'aivss-0.8');
    expect(result.score).toBe(0);
    expect(result.severity).toBe('none');
  });

  it('contributions add up to the agentic uplift times M under aivss-0.8', () => {
    const result = computeScore(inputs(6, '4.2', 0.97, 0.83), 'aivss-0.8');
    const total = Object.values(result.contributions).reduce(
      (a, b) => a + b,
      0,
    );
    expect(total).toBeCloseTo(result.aars * 0.83, 10);
  });

  it('aivss-0.8-floor equals aivss-0.8 when M = 1', () => {
    fc.assert(
      fc.property(arbitraryInputs(), raw => {
        const i = { ...raw, mitigationFactor: 1 };
        expect(computeScore(i, 'aivss-0.8-floor').score).toBe(
          computeScore(i, 'aivss-0.8').score,
        );
      }),
    );
  });
});

function arbitraryInputs(): fc.Arbitrary<ScoringInputs> {
  const tenth = (max: number) =>
    fc.integer({ min: 0, max: max * 10 }).map(n => n / 10);
  const hundredth = (min: number, max: number) =>
    fc.integer({ min: min * 100, max: max * 100 }).map(n => n / 100);
  return fc.record({
    cvssBase: tenth(10),
    factors: fc
      .tuple(...AGENTIC_FACTOR_IDS.map(() => hundredth(0, 1)))
      .map(
        values =>
          Object.fromEntries(
            AGENTIC_FACTOR_IDS.map((id, i) => [id, values[i]]),
          ) as Record<AgenticFactorId, number>,
      ),
    threatMultiplier: hundredth(0.5, 1.5),
    mitigationFactor: hundredth(0.5, 1),
  });
}

describe('computeScore: properties', () => {
  it('the floor model never scores below the CVSS base', () => {
    fc.assert(
      fc.property(arbitraryInputs(), i => {
        expect(computeScore(i, 'aivss-0.8-floor').score).toBeGreaterThanOrEqual(
          i.cvssBase,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('every model stays within [0, 10] with one decimal', () => {
    fc.assert(
      fc.property(
        arbitraryInputs(),
        fc.constantFrom('aivss-0.8', 'aivss-0.8-floor', 'aivss-0.5' as const),
        (i, model) => {
          const { score } = computeScore(i, model);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(10);
          expect(Math.round(score * 10) / 10).toBe(score);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('scoreAnnotations', () => {
  const complete: Record<string, string> = {
    ...factorAnnotations({
      'autonomy-of-action': '0.8',
      'goal-driven-planning': '0.8',
      'self-modification': '0.2',
      'dynamic-tool-use': '0.8',
      'persistent-memory': '0.5',
      'contextual-awareness': '0.8',
      'dynamic-identity': '0.6',
      'multi-agent-interactions': '0.2',
      'non-determinism': '0.7',
      'opacity-reflexivity': '0.6',
    }),
    'aivss.owasp.org/cvss-base': '8.0',
  };

  it('scores a complete assessment with the default multipliers (poc, none)', () => {
    const result = scoreAnnotations(complete);
    expect(result.status).toBe('scored');
    expect(result.model).toBe('aivss-0.8');
    expect(result.threatMultiplier).toBe(0.97);
    expect(result.mitigationFactor).toBe(1);
    // S = 6.0, AARS = 2 × 0.6 × 0.97 = 1.164, AIVSS = round1(9.164) = 9.2
    expect(result.factorSum).toBe(6);
    expect(result.aars).toBeCloseTo(1.164, 10);
    expect(result.score).toBe(9.2);
    expect(result.severity).toBe('critical');
    expect(result.errors).toEqual([]);
  });

  it('accepts numeric multipliers outside the keyword tables but inside the ranges', () => {
    const result = scoreAnnotations({
      ...complete,
      'aivss.owasp.org/threat-multiplier': '1.25',
      'aivss.owasp.org/mitigation-factor': '0.9',
    });
    expect(result.status).toBe('scored');
    expect(result.threatMultiplier).toBe(1.25);
    expect(result.mitigationFactor).toBe(0.9);
    // AARS = 2 × 0.6 × 1.25 = 1.5; (8 + 1.5) × 0.9 = 8.55 → 8.6
    expect(result.score).toBe(8.6);
  });

  it('is incomplete, with the field named, when a factor is missing (never taken as 0)', () => {
    const { 'aivss.owasp.org/persistent-memory': _, ...rest } = complete;
    const result = scoreAnnotations(rest);
    expect(result.status).toBe('incomplete');
    expect(result.score).toBeNull();
    expect(result.severity).toBeNull();
    expect(result.errors.map(e => e.field)).toEqual([
      'aivss.owasp.org/persistent-memory',
    ]);
  });

  it('is incomplete when both cvss-base and cvss-vector are absent', () => {
    const { 'aivss.owasp.org/cvss-base': _, ...rest } = complete;
    const result = scoreAnnotations(rest);
    expect(result.status).toBe('incomplete');
    expect(result.errors[0].field).toBe('aivss.owasp.org/cvss-base');
  });

  it('uses the org assumed CVSS base for an agent without one, and says so', () => {
    const { 'aivss.owasp.org/cvss-base': _, ...rest } = complete;
    const result = scoreAnnotations(rest, { assumedCvssBase: 8 });
    expect(result.status).toBe('scored');
    expect(result.cvssAssumed).toBe(true);
    expect(result.score).toBe(9.2);
  });

  it.each([
    ['aivss.owasp.org/autonomy-of-action', '1.2'],
    ['aivss.owasp.org/autonomy-of-action', 'high'],
    ['aivss.owasp.org/autonomy-of-action', '-0.1'],
    ['aivss.owasp.org/cvss-base', '10.5'],
    ['aivss.owasp.org/cvss-base', '8.25'],
    ['aivss.owasp.org/threat-multiplier', '1.6'],
    ['aivss.owasp.org/threat-multiplier', 'weaponized'],
    ['aivss.owasp.org/mitigation-factor', '0.4'],
    ['aivss.owasp.org/mitigation-factor', '1.1'],
    [
      'aivss.owasp.org/cvss-vector',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    ],
    ['maestro.cloudsecurityalliance.org/l3-threats', 'ASI02, ASI99'],
    ['maestro.cloudsecurityalliance.org/l1-confidence', 'sure'],
  ])('is invalid, naming %s, for %j', (field, value) => {
    const result = scoreAnnotations({ ...complete, [field]: value });
    expect(result.status).toBe('invalid');
    expect(result.score).toBeNull();
    expect(result.errors.map(e => e.field)).toContain(field);
  });

  it('names unknown threat ids without echoing a huge value', () => {
    const huge = Array.from({ length: 40_000 }, (_, i) => `X${i}`).join(',');
    const result = scoreAnnotations({
      ...complete,
      'maestro.cloudsecurityalliance.org/l3-threats': `ASI02, ${huge}, ${'Y'.repeat(
        1000,
      )}`,
    });
    const error = result.errors.find(
      e => e.field === 'maestro.cloudsecurityalliance.org/l3-threats',
    )!;
    expect(error.message).toMatch(
      /^has unknown threat id\(s\) X0, X1, X2, X3, X4 and 39996 more; use ASI01/,
    );
    expect(error.message.length).toBeLessThan(300);
    const long = scoreAnnotations({
      ...complete,
      'maestro.cloudsecurityalliance.org/l3-threats': 'Z'.repeat(100_000),
    });
    expect(long.errors[0].message).toBe(
      `has unknown threat id(s) ${'Z'.repeat(
        20,
      )}…; use ASI01..ASI10 or T1..T15`,
    );
  });

  it('scores from a CVSS v4.0 vector with the FIRST MacroVector method', () => {
    const { 'aivss.owasp.org/cvss-base': _, ...rest } = complete;
    const result = scoreAnnotations({
      ...rest,
      'aivss.owasp.org/cvss-vector':
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    });
    expect(result.status).toBe('scored');
    expect(result.cvssBase).toBe(9.3);
  });

  it('is invalid when cvss-base and cvss-vector disagree', () => {
    const result = scoreAnnotations({
      ...complete,
      'aivss.owasp.org/cvss-vector':
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    });
    expect(result.status).toBe('invalid');
    expect(result.errors[0].field).toBe('aivss.owasp.org/cvss-vector');
    expect(result.errors[0].message).toMatch(/9\.3.*8\.0/);
  });

  it('accepts cvss-base and cvss-vector that agree', () => {
    const result = scoreAnnotations({
      ...complete,
      'aivss.owasp.org/cvss-base': '9.3',
      'aivss.owasp.org/cvss-vector':
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    });
    expect(result.status).toBe('scored');
  });

  it('never throws on random annotation values (fuzz)', () => {
    const keys = [
      ...Object.keys(complete),
      'aivss.owasp.org/cvss-vector',
      'aivss.owasp.org/threat-multiplier',
      'aivss.owasp.org/mitigation-factor',
      'maestro.cloudsecurityalliance.org/l1-threats',
      'maestro.cloudsecurityalliance.org/l2-confidence',
    ];
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...keys),
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.double().map(String),
          ),
        ),
        annotations => {
          const result = scoreAnnotations(annotations);
          expect(['scored', 'incomplete', 'invalid']).toContain(result.status);
          // Only a scored result has a number, and anything else says why.
          expect(result.score !== null).toBe(result.status === 'scored');
          expect(result.errors.length > 0).toBe(result.status !== 'scored');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws on annotation maps of the wrong shape', () => {
    for (const bad of [
      undefined,
      null,
      'text',
      42,
      [],
      { 'aivss.owasp.org/cvss-base': 7 },
    ]) {
      expect(() => scoreAnnotations(bad as any)).not.toThrow();
    }
  });
});
