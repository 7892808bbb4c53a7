import { AGENTIC_THREATS } from './threats';
import {
  THREAT_MITIGATION_NOTES,
  threatMitigationNote,
} from './threatMitigations';
import { AGENTIC_FACTOR_IDS, AgenticFactorId } from './factors';
import { scoreLevers, scoreParts } from './scoreLevers';
import { computeScore, ScoringInputs } from './scoring';

const factors = (
  value: number,
  overrides: Partial<Record<AgenticFactorId, number>> = {},
) =>
  ({
    ...Object.fromEntries(AGENTIC_FACTOR_IDS.map(id => [id, value])),
    ...overrides,
  } as Record<AgenticFactorId, number>);

// Codegen in the example catalog: CVSS 8.0, mostly high factors, an attacked
// threat, no mitigation.
const codegen: ScoringInputs = {
  cvssBase: 8.0,
  factors: factors(0.5, { 'autonomy-of-action': 1, 'dynamic-tool-use': 1 }),
  threatMultiplier: 1,
  mitigationFactor: 1,
};

describe('scoreParts', () => {
  it('splits a score into CVSS base, agentic uplift and mitigation effect that add up to it', () => {
    // (8 + 2 × 6/10 × 1) × 1 = 9.2 unmitigated; × 0.67 = 6.164 → 6.2.
    const mitigated = { ...codegen, mitigationFactor: 0.67 };
    expect(scoreParts(codegen, 'aivss-0.8')).toEqual({
      score: 9.2,
      cvssBase: 8,
      agenticUplift: 1.2,
      mitigationEffect: 0,
    });
    expect(scoreParts(mitigated, 'aivss-0.8')).toEqual({
      score: 6.2,
      cvssBase: 8,
      agenticUplift: 1.2,
      mitigationEffect: -3,
    });
  });

  it('has no mitigation effect under a model without mitigation', () => {
    const parts = scoreParts(
      { ...codegen, mitigationFactor: 0.5 },
      'aivss-0.5',
    );
    expect(parts.mitigationEffect).toBe(0);
    expect(parts.cvssBase + parts.agenticUplift).toBeCloseTo(parts.score, 10);
  });
});

describe('scoreLevers', () => {
  it('lists the changes that lower the score most, each with the score it leads to', () => {
    const levers = scoreLevers(codegen, 'aivss-0.8', 10);
    expect(levers[0]).toEqual({
      id: 'mitigation:adversarial-tested',
      kind: 'mitigation',
      label: 'adversarial-tested mitigation',
      from: 9.2,
      to: 4.6,
    });
    expect(levers.find(l => l.id === 'mitigation:strong')).toMatchObject({
      label: 'strong mitigation',
      to: 6.2,
    });
    // All ten factors at 0 only takes the score back to the CVSS base.
    expect(levers.find(l => l.id === 'factors:all')?.to).toBe(8);
    // Each lever's score is what the scoring model gives for the changed inputs.
    expect(levers.find(l => l.id === 'factor:autonomy-of-action')?.to).toBe(
      computeScore(
        {
          ...codegen,
          factors: { ...codegen.factors, 'autonomy-of-action': 0 },
        },
        'aivss-0.8',
      ).score,
    );
    expect(levers.map(l => l.to)).toEqual(
      [...levers.map(l => l.to)].sort((a, b) => a - b),
    );
    expect(levers.every(l => l.to < l.from)).toBe(true);
  });

  it('offers only stronger mitigation than the current one, and nothing for factors already at 0', () => {
    const levers = scoreLevers(
      { ...codegen, factors: factors(0), mitigationFactor: 0.67 },
      'aivss-0.8',
      10,
    );
    expect(levers.map(l => l.id)).toEqual(['mitigation:adversarial-tested']);
  });

  it('offers no mitigation under a model that ignores it, and keeps to the limit', () => {
    const levers = scoreLevers(codegen, 'aivss-0.5', 3);
    expect(levers).toHaveLength(3);
    expect(levers.some(l => l.kind === 'mitigation')).toBe(false);
  });
});

describe('THREAT_MITIGATION_NOTES', () => {
  it('has a note for every known threat id and none for unknown ones', () => {
    for (const id of Object.keys(AGENTIC_THREATS)) {
      expect(threatMitigationNote(id)).toMatch(/\w.{40,}/);
    }
    expect(Object.keys(THREAT_MITIGATION_NOTES).sort()).toEqual(
      Object.keys(AGENTIC_THREATS).sort(),
    );
    expect(threatMitigationNote('ASI99')).toBeUndefined();
    expect(threatMitigationNote('toString')).toBeUndefined();
  });
});
