import { SSVC_FACTORS } from './annotations';
import { classifyAgent, ssvcDueAt, SsvcCategoryTotal } from './model';
import { findSsvcProblems, scoreSsvc } from './score';

const P = 'aivss.owasp.org/';

/**
 * SSVC annotations: the three enums and the ten factor ratings in OWASP's
 * order f1..f10 (A: f1-f4, B: f5-f7, C: f8-f10).
 */
function ssvc(
  threat: string,
  vulnerability: string,
  impact: string,
  ratings: Array<string | number>,
): Record<string, string> {
  const annotations: Record<string, string> = {
    [`${P}ssvc-threat`]: threat,
    [`${P}ssvc-vulnerability`]: vulnerability,
    [`${P}ssvc-impact`]: impact,
  };
  SSVC_FACTORS.forEach((factor, i) => {
    annotations[factor.annotation] = String(ratings[i]);
  });
  return annotations;
}

/** Category totals from ratings written as A | B | C. */
function totals(
  a: number[],
  b: number[],
  c: number[],
): Record<'A' | 'B' | 'C', SsvcCategoryTotal> {
  const t = (r: number[]) => ({
    sum: r.reduce((x, y) => x + y, 0),
    count: r.length,
  });
  return { A: t(a), B: t(b), C: t(c) };
}

describe('AIVSS-SSVC: the calculator default worked example', () => {
  it('PoC, moderate, critical, factors 4,4,4,4,3,3,3,2,3,2: 4 / 3 / 2.33, Prime Mover, 8, 0.25, 20, Immediate', () => {
    const result = scoreSsvc(
      ssvc('poc', 'moderate', 'critical', [4, 4, 4, 4, 3, 3, 3, 2, 3, 2]),
    );
    expect(result).toEqual({
      status: 'scored',
      categoryAverages: { A: 4, B: 3, C: 2.33 },
      agentClass: 'Prime Mover',
      exposure: 8,
      likelihood: 0.25,
      riskScore: 20,
      outcome: 'Immediate',
      errors: [],
    });
  });
});

describe('AIVSS-SSVC class rules, in the order OWASP tries them', () => {
  // [A ratings, B ratings, C ratings, class, rule] — worked out by hand from ssvc.html's classifyAgent.
  // prettier-ignore
  const cases: Array<[string, number[], number[], number[], string, string]> = [
    // Rule 1: any category average ≥ 4.0 → Prime Mover.
    ['A exactly 4.0 (tie)', [4, 4, 4, 4], [1, 1, 1], [1, 1, 1], 'Prime Mover', 'any-category-at-least-4'],
    ['B exactly 4.0 (tie)', [1, 1, 1, 1], [4, 4, 4], [1, 1, 1], 'Prime Mover', 'any-category-at-least-4'],
    ['C 5,4,3 = 4.0 (tie)', [1, 1, 1, 1], [1, 1, 1], [5, 4, 3], 'Prime Mover', 'any-category-at-least-4'],
    ['all categories 5', [5, 5, 5, 5], [5, 5, 5], [5, 5, 5], 'Prime Mover', 'any-category-at-least-4'],
    ['A 3.75 is just below 4', [4, 4, 4, 3], [1, 1, 1], [1, 1, 1], 'Specialist', 'strongest-at-least-3'],
    ['B 3.67 is just below 4', [1, 1, 1, 1], [4, 4, 3], [1, 1, 1], 'Specialist', 'strongest-at-least-3'],
    // Rule 2: at least two averages ≥ 3.0 → Specialist.
    ['A 3.0 and B 3.0 (ties)', [3, 3, 3, 3], [3, 3, 3], [1, 1, 1], 'Specialist', 'two-categories-at-least-3'],
    ['B 3.0 and C 3.0 (ties)', [1, 1, 1, 1], [3, 3, 3], [3, 3, 3], 'Specialist', 'two-categories-at-least-3'],
    ['all three 3.67..3.75', [4, 4, 4, 3], [4, 4, 3], [4, 3, 4], 'Specialist', 'two-categories-at-least-3'],
    ['A 3.0, B 2.67 is one short', [3, 3, 3, 3], [3, 3, 2], [1, 1, 1], 'Specialist', 'strongest-at-least-3'],
    // Rule 3: every average < 2.5 → Copilot.
    ['all ones', [1, 1, 1, 1], [1, 1, 1], [1, 1, 1], 'Copilot', 'all-categories-below-2.5'],
    ['2.25 / 2.33 / 2.33', [2, 2, 3, 2], [2, 2, 3], [2, 3, 2], 'Copilot', 'all-categories-below-2.5'],
    ['A exactly 2.5 (tie) is not below 2.5', [2, 3, 2, 3], [1, 1, 1], [1, 1, 1], 'Copilot', 'strongest-below-3'],
    // Rule 4: mixed profile, strongest average ≥ 3.0 → Specialist.
    ['A exactly 3.0 (tie), others 1', [3, 3, 3, 3], [1, 1, 1], [1, 1, 1], 'Specialist', 'strongest-at-least-3'],
    ['C exactly 3.0 (tie), B 2.67', [1, 1, 1, 1], [3, 3, 2], [3, 3, 3], 'Specialist', 'strongest-at-least-3'],
    // Rule 5: mixed profile, strongest average < 3.0 → Copilot.
    ['A 2.75, others 1', [3, 3, 3, 2], [1, 1, 1], [1, 1, 1], 'Copilot', 'strongest-below-3'],
    ['B 2.67, C 2.67', [1, 1, 1, 1], [3, 3, 2], [2, 3, 3], 'Copilot', 'strongest-below-3'],
  ];

  it.each(cases)(
    '%s: %j | %j | %j → %s (%s)',
    (_name, a, b, c, agentClass, rule) => {
      expect(classifyAgent(totals(a, b, c))).toEqual({
        agentClass,
        exposure: { Copilot: 2, Specialist: 4, 'Prime Mover': 8 }[agentClass],
        rule,
      });
      const result = scoreSsvc(
        ssvc('none', 'hardened', 'contained', [...a, ...b, ...c]),
      );
      expect(result.agentClass).toBe(agentClass);
    },
  );

  it('decides on the unrounded averages but shows them rounded half up to two decimals', () => {
    // C 2,3,3 = 2.666… shows 2.67; B 1,1,2 = 1.333… shows 1.33; A 1,1,1,2 = 1.25.
    const result = scoreSsvc(
      ssvc('none', 'hardened', 'contained', [1, 1, 1, 2, 1, 1, 2, 2, 3, 3]),
    );
    expect(result.categoryAverages).toEqual({ A: 1.25, B: 1.33, C: 2.67 });
    expect(result.agentClass).toBe('Copilot');
  });
});

describe('AIVSS-SSVC outcome table (threat × class × impact), every cell', () => {
  // Factor sets that land in each class: all 1 (Copilot), A 3.0 only
  // (Specialist), all 5 (Prime Mover).
  const CLASS_RATINGS: Record<string, number[]> = {
    Copilot: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    Specialist: [3, 3, 3, 3, 1, 1, 1, 1, 1, 1],
    'Prime Mover': [5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
  };
  // [threat, class, impact, outcome, risk score with vulnerability moderate (0.5)],
  // read from ssvc.html's outcomeMatrix; risk = P(T) × 0.5 × exposure × impact by hand.
  const cells: Array<[string, string, string, string, number]> = [
    ['none', 'Copilot', 'contained', 'Defer', 0.4],
    ['none', 'Copilot', 'significant', 'Scheduled', 1],
    ['none', 'Copilot', 'critical', 'Out-of-Cycle', 2],
    ['none', 'Specialist', 'contained', 'Scheduled', 0.8],
    ['none', 'Specialist', 'significant', 'Scheduled', 2],
    ['none', 'Specialist', 'critical', 'Out-of-Cycle', 4],
    ['none', 'Prime Mover', 'contained', 'Scheduled', 1.6],
    ['none', 'Prime Mover', 'significant', 'Out-of-Cycle', 4],
    ['none', 'Prime Mover', 'critical', 'Immediate', 8],
    ['poc', 'Copilot', 'contained', 'Scheduled', 1],
    ['poc', 'Copilot', 'significant', 'Scheduled', 2.5],
    ['poc', 'Copilot', 'critical', 'Out-of-Cycle', 5],
    ['poc', 'Specialist', 'contained', 'Scheduled', 2],
    ['poc', 'Specialist', 'significant', 'Out-of-Cycle', 5],
    ['poc', 'Specialist', 'critical', 'Out-of-Cycle', 10],
    ['poc', 'Prime Mover', 'contained', 'Out-of-Cycle', 4],
    ['poc', 'Prime Mover', 'significant', 'Out-of-Cycle', 10],
    ['poc', 'Prime Mover', 'critical', 'Immediate', 20],
    ['active', 'Copilot', 'contained', 'Out-of-Cycle', 1.8],
    ['active', 'Copilot', 'significant', 'Out-of-Cycle', 4.5],
    ['active', 'Copilot', 'critical', 'Immediate', 9],
    ['active', 'Specialist', 'contained', 'Out-of-Cycle', 3.6],
    ['active', 'Specialist', 'significant', 'Immediate', 9],
    ['active', 'Specialist', 'critical', 'Immediate', 18],
    ['active', 'Prime Mover', 'contained', 'Immediate', 7.2],
    ['active', 'Prime Mover', 'significant', 'Immediate', 18],
    ['active', 'Prime Mover', 'critical', 'Immediate', 36],
  ];

  it('has 27 cells', () => {
    expect(new Set(cells.map(c => c.slice(0, 3).join('/'))).size).toBe(27);
  });

  it.each(cells)(
    '%s × %s × %s → %s (risk %d)',
    (threat, agentClass, impact, outcome, risk) => {
      const result = scoreSsvc(
        ssvc(threat, 'moderate', impact, CLASS_RATINGS[agentClass]),
      );
      expect(result.status).toBe('scored');
      expect(result.agentClass).toBe(agentClass);
      expect(result.outcome).toBe(outcome);
      expect(result.riskScore).toBe(risk);
    },
  );

  it('the outcome comes from the table, not the score: a higher score can be less urgent', () => {
    // Copilot, active, critical: 0.72 × 2 × 10 = 14.4 → Immediate.
    const copilot = scoreSsvc(
      ssvc('active', 'exposed', 'critical', CLASS_RATINGS.Copilot),
    );
    // Prime Mover, poc, significant: 0.4 × 8 × 5 = 16 → Out-of-Cycle.
    const primeMover = scoreSsvc(
      ssvc('poc', 'exposed', 'significant', CLASS_RATINGS['Prime Mover']),
    );
    expect(copilot).toMatchObject({ riskScore: 14.4, outcome: 'Immediate' });
    expect(primeMover).toMatchObject({
      riskScore: 16,
      outcome: 'Out-of-Cycle',
    });
  });
});

describe('AIVSS-SSVC likelihood and risk score in exact decimals', () => {
  const likelihoods: Array<[string, string, number]> = [
    ['none', 'hardened', 0.06],
    ['none', 'moderate', 0.1],
    ['none', 'exposed', 0.16],
    ['poc', 'hardened', 0.15],
    ['poc', 'moderate', 0.25],
    ['poc', 'exposed', 0.4],
    ['active', 'hardened', 0.27],
    ['active', 'moderate', 0.45],
    ['active', 'exposed', 0.72],
  ];
  it.each(likelihoods)(
    'P(%s) × P(%s) = %d',
    (threat, vulnerability, likelihood) => {
      const result = scoreSsvc(
        ssvc(threat, vulnerability, 'contained', Array(10).fill(1)),
      );
      expect(result.likelihood).toBe(likelihood);
    },
  );

  it('active, exposed, Prime Mover, critical: 0.72 × 8 × 10 = 57.6 without float residue', () => {
    const result = scoreSsvc(
      ssvc('active', 'exposed', 'critical', Array(10).fill(5)),
    );
    expect(result.riskScore).toBe(57.6);
  });

  it('none, hardened, Copilot, contained is the lowest: 0.06 × 2 × 2 = 0.24', () => {
    const result = scoreSsvc(
      ssvc('none', 'hardened', 'contained', Array(10).fill(1)),
    );
    expect(result).toMatchObject({ riskScore: 0.24, outcome: 'Defer' });
  });
});

describe('AIVSS-SSVC status and field errors', () => {
  const example = () =>
    ssvc('poc', 'moderate', 'critical', [4, 4, 4, 4, 3, 3, 3, 2, 3, 2]);

  it('is none, with no errors, for an agent without SSVC annotations (AIVSS ones do not count)', () => {
    expect(scoreSsvc(undefined).status).toBe('none');
    const result = scoreSsvc({
      [`${P}autonomy-of-action`]: '0.5',
      [`${P}cvss-base`]: '7',
      [`${P}self-modification`]: '0.5',
    });
    expect(result).toEqual({
      status: 'none',
      categoryAverages: null,
      agentClass: null,
      exposure: null,
      likelihood: null,
      riskScore: null,
      outcome: null,
      errors: [],
    });
  });

  it.each(['0', '6', '2.5', 'high', '', '3.0', '-1', '1e0'])(
    'a factor of %j is invalid and named',
    raw => {
      const annotations = example();
      annotations[`${P}ssvc-tool-authority`] = raw;
      const result = scoreSsvc(annotations);
      expect(result.status).toBe('invalid');
      expect(result.errors).toEqual([
        {
          field: `${P}ssvc-tool-authority`,
          message: `must be an integer from 1 to 5, got ${JSON.stringify(raw)}`,
        },
      ]);
      expect(result.riskScore).toBeNull();
      expect(result.outcome).toBeNull();
      expect(result.categoryAverages).toBeNull();
    },
  );

  it.each([
    ['threat', 'high', 'none, poc, active'],
    ['threat', '', 'none, poc, active'],
    ['threat', '0.5', 'none, poc, active'],
    ['vulnerability', 'low', 'hardened, moderate, exposed'],
    ['impact', 'severe', 'contained, significant, critical'],
    ['impact', '', 'contained, significant, critical'],
  ])(
    'ssvc-%s of %j is invalid and names the allowed values',
    (name, raw, allowed) => {
      const annotations = example();
      annotations[`${P}ssvc-${name}`] = raw;
      const result = scoreSsvc(annotations);
      expect(result.status).toBe('invalid');
      expect(result.errors).toEqual([
        {
          field: `${P}ssvc-${name}`,
          message: `must be one of ${allowed}, got ${JSON.stringify(raw)}`,
        },
      ]);
      expect(result.outcome).toBeNull();
    },
  );

  it('accepts enum values in any case and values with surrounding spaces', () => {
    const annotations = example();
    annotations[`${P}ssvc-threat`] = ' PoC ';
    annotations[`${P}ssvc-impact`] = 'Critical';
    annotations[`${P}ssvc-execution-autonomy`] = ' 4 ';
    expect(scoreSsvc(annotations)).toMatchObject({
      status: 'scored',
      outcome: 'Immediate',
      riskScore: 20,
    });
  });

  it('is incomplete and names every missing annotation when only some are given', () => {
    const result = scoreSsvc({ [`${P}ssvc-threat`]: 'active' });
    expect(result.status).toBe('incomplete');
    expect(result.errors.map(e => e.field)).toEqual([
      `${P}ssvc-vulnerability`,
      `${P}ssvc-impact`,
      ...SSVC_FACTORS.map(f => f.annotation),
    ]);
    expect(result.errors[0].message).toBe(
      'is required: one of hardened, moderate, exposed',
    );
    expect(result.errors[2].message).toBe(
      'is required: an integer from 1 to 5',
    );
    expect(result.outcome).toBeNull();
  });

  it('an empty value alone makes SSVC present: invalid, plus the missing ones', () => {
    const result = scoreSsvc({ [`${P}ssvc-deceptiveness`]: '' });
    expect(result.status).toBe('invalid');
    expect(result.errors[0]).toEqual({
      field: `${P}ssvc-deceptiveness`,
      message: 'must be an integer from 1 to 5, got ""',
    });
    expect(result.errors).toHaveLength(13);
  });

  it('invalid beats incomplete, and lists malformed values before missing ones', () => {
    const annotations = example();
    delete annotations[`${P}ssvc-impact`];
    annotations[`${P}ssvc-non-determinism`] = '9';
    const result = scoreSsvc(annotations);
    expect(result.status).toBe('invalid');
    expect(result.errors.map(e => e.field)).toEqual([
      `${P}ssvc-non-determinism`,
      `${P}ssvc-impact`,
    ]);
  });

  it('still shows what its own inputs allow: class without a vulnerability, likelihood without factors', () => {
    const noVulnerability = example();
    delete noVulnerability[`${P}ssvc-vulnerability`];
    expect(scoreSsvc(noVulnerability)).toMatchObject({
      status: 'incomplete',
      categoryAverages: { A: 4, B: 3, C: 2.33 },
      agentClass: 'Prime Mover',
      exposure: 8,
      likelihood: null,
      riskScore: null,
      outcome: null,
    });
    const noFactor = example();
    delete noFactor[`${P}ssvc-critical-system-access`];
    expect(scoreSsvc(noFactor)).toMatchObject({
      status: 'incomplete',
      categoryAverages: null,
      agentClass: null,
      exposure: null,
      likelihood: 0.25,
      riskScore: null,
      outcome: null,
    });
  });

  it('reads a non-string value as its text (a hand-built entity)', () => {
    const annotations: Record<string, unknown> = example();
    annotations[`${P}ssvc-code-execution`] = 4;
    expect(scoreSsvc(annotations as Record<string, string>).status).toBe(
      'scored',
    );
  });
});

describe('findSsvcProblems', () => {
  it('is empty without SSVC annotations and for a complete, valid set', () => {
    expect(findSsvcProblems(undefined)).toEqual([]);
    expect(findSsvcProblems(['not', 'a', 'map'])).toEqual([]);
    expect(findSsvcProblems({ [`${P}cvss-base`]: '7' })).toEqual([]);
    expect(
      findSsvcProblems(
        ssvc('none', 'hardened', 'contained', Array(10).fill(2)),
      ),
    ).toEqual([]);
  });

  it('names malformed values, then the missing ones of a partial set', () => {
    expect(
      findSsvcProblems({
        [`${P}ssvc-threat`]: 'poc',
        [`${P}ssvc-impact`]: 'catastrophic',
        ...Object.fromEntries(SSVC_FACTORS.map(f => [f.annotation, '3'])),
      }),
    ).toEqual([
      {
        field: `${P}ssvc-impact`,
        message:
          'must be one of contained, significant, critical, got "catastrophic"',
      },
      {
        field: `${P}ssvc-vulnerability`,
        message: 'is required: one of hardened, moderate, exposed',
      },
    ]);
  });
});

describe('ssvcDueAt', () => {
  const assessedAt = new Date('2026-12-07T10:30:00.000Z');
  it.each([
    ['Immediate', '2026-12-14T10:30:00.000Z'],
    ['Out-of-Cycle', '2027-01-06T10:30:00.000Z'],
    ['Scheduled', '2027-03-07T10:30:00.000Z'],
  ] as const)('%s is due at %s', (outcome, due) => {
    expect(ssvcDueAt(assessedAt, outcome)?.toISOString()).toBe(due);
  });

  it('has no due date for Defer', () => {
    expect(ssvcDueAt(assessedAt, 'Defer')).toBeNull();
  });

  it('refuses an invalid date', () => {
    expect(() => ssvcDueAt(new Date('not a date'), 'Immediate')).toThrow(
      'Invalid assessedAt',
    );
  });
});
