import fs from 'fs';
import os from 'os';
import path from 'path';
import { fixture, runForTest } from '../testing/runForTest';

const KEYS = [
  'entityRef',
  'status',
  'model',
  'score',
  'severity',
  'cvssBase',
  'cvssAssumed',
  'aars',
  'factorSum',
  'threatMultiplier',
  'mitigationFactor',
  'contributions',
  'errors',
  'ssvc',
];

const parseLines = (lines: string[]) => lines.map(line => JSON.parse(line));

describe('agent-risk score', () => {
  it('prints one JSON line per agent with exactly the spec keys and skips non-agents', async () => {
    const run = await runForTest('score', fixture('scored.yaml'));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const results = parseLines(run.lines);
    expect(results.map(r => r.entityRef)).toEqual([
      'airesource:default/review-bot',
      'component:finance/trading-agent',
    ]);
    for (const result of results) {
      expect(Object.keys(result)).toEqual(KEYS);
      // No AIVSS-SSVC annotation: no SSVC assessment.
      expect(result.ssvc).toBeNull();
    }
    // Spec worked example: C 7.5, S 1.1, T 1.0, M 1.0 → AARS 0.275, 7.8 High.
    expect(results[0]).toMatchObject({
      status: 'scored',
      model: 'aivss-0.8',
      score: 7.8,
      severity: 'high',
      cvssBase: 7.5,
      cvssAssumed: false,
      aars: 0.275,
      factorSum: 1.1,
      threatMultiplier: 1,
      mitigationFactor: 1,
      errors: [],
    });
    expect(results[0].contributions['autonomy-of-action']).toBeCloseTo(
      0.125,
      10,
    );
  });

  it('prints the ssvc object of spec section 10.1: the OWASP calculator default worked example', async () => {
    const run = await runForTest('score', fixture('ssvc.yaml'));
    const [both, ssvcOnly] = parseLines(run.lines);
    expect(Object.keys(both)).toEqual(KEYS);
    expect(both.status).toBe('scored');
    expect(both.ssvc).toEqual({
      status: 'scored',
      categoryAverages: { A: 4, B: 3, C: 2.33 },
      agentClass: 'Prime Mover',
      exposure: 8,
      likelihood: 0.25,
      riskScore: 20,
      outcome: 'Immediate',
      errors: [],
    });
    // Each assessment keeps its own status: SSVC only is an AIVSS v0.8 agent not assessed yet.
    expect(ssvcOnly.status).toBe('incomplete');
    // Active 0.9 × exposed 0.8 = 0.72; Copilot ×2; contained 2 → 2.88.
    expect(ssvcOnly.ssvc).toMatchObject({
      status: 'scored',
      categoryAverages: { A: 1, B: 1, C: 1 },
      agentClass: 'Copilot',
      exposure: 2,
      likelihood: 0.72,
      riskScore: 2.88,
      outcome: 'Out-of-Cycle',
    });
    // The AIVSS v0.8 assessment of the SSVC-only agent is what makes it exit 1.
    expect(run.code).toBe(1);
  });

  it('exits 1 for an agent whose AIVSS-SSVC annotations are broken, naming the fields', async () => {
    const run = await runForTest('score', fixture('ssvc-invalid.yaml'));
    expect(run.code).toBe(1);
    const [result] = parseLines(run.lines);
    expect(result.status).toBe('scored');
    expect(result.ssvc).toEqual({
      status: 'invalid',
      categoryAverages: null,
      agentClass: null,
      exposure: null,
      likelihood: 0.25,
      riskScore: null,
      outcome: null,
      errors: [
        {
          field: 'aivss.owasp.org/ssvc-deceptiveness',
          message: 'must be an integer from 1 to 5, got "6"',
        },
        {
          field: 'aivss.owasp.org/ssvc-impact',
          message: 'is required: one of contained, significant, critical',
        },
      ],
    });
  });

  it('uses the model given with --model', async () => {
    // Spec worked example: C 9.4, S 8.5, T 0.97 under aivss-0.5 → 8.7.
    const run = await runForTest(
      'score',
      '--model',
      'aivss-0.5',
      fixture('scored.yaml'),
    );
    const trading = parseLines(run.lines).find(
      r => r.entityRef === 'component:finance/trading-agent',
    );
    expect(trading).toMatchObject({
      model: 'aivss-0.5',
      score: 8.7,
      severity: 'high',
    });
  });

  it('exits 1 and lists the missing inputs for an incomplete agent', async () => {
    const run = await runForTest('score', fixture('incomplete.yaml'));
    expect(run.code).toBe(1);
    const [result] = parseLines(run.lines);
    expect(result).toMatchObject({
      status: 'incomplete',
      score: null,
      severity: null,
    });
    expect(result.errors.map((e: { field: string }) => e.field)).toEqual([
      'aivss.owasp.org/dynamic-identity',
      'aivss.owasp.org/cvss-base',
    ]);
  });

  it('exits 1 for an invalid agent', async () => {
    const run = await runForTest('score', fixture('invalid.yaml'));
    expect(run.code).toBe(1);
    const [result] = parseLines(run.lines);
    expect(result.status).toBe('invalid');
    expect(result.errors.map((e: { field: string }) => e.field)).toContain(
      'aivss.owasp.org/autonomy-of-action',
    );
  });

  it('exits 1 when any one of several files holds an unscored agent', async () => {
    const run = await runForTest(
      'score',
      fixture('scored.yaml'),
      fixture('incomplete.yaml'),
    );
    expect(run.code).toBe(1);
    expect(parseLines(run.lines).map(r => r.status)).toEqual([
      'scored',
      'scored',
      'incomplete',
    ]);
  });

  it('scores an agent without CVSS with --assumed-cvss-base and says so', async () => {
    expect((await runForTest('score', fixture('no-cvss.yaml'))).code).toBe(1);
    const run = await runForTest(
      'score',
      '--assumed-cvss-base',
      '6',
      fixture('no-cvss.yaml'),
    );
    expect(run.code).toBe(0);
    const [result] = parseLines(run.lines);
    // C 6, S 5, T poc 0.97, M 1: AARS = 4 × 0.5 × 0.97 = 1.94 → 7.94 → 7.9.
    expect(result).toMatchObject({
      status: 'scored',
      cvssBase: 6,
      cvssAssumed: true,
      score: 7.9,
    });
  });

  it('prints nothing and exits 0 for a file without agents', async () => {
    const run = await runForTest('score', fixture('non-agents.yaml'));
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });

  it('follows Location targets relative to their file, each file once, and notes URL targets', async () => {
    const run = await runForTest(
      'score',
      fixture('location', 'catalog-info.yaml'),
    );
    expect(run.code).toBe(0);
    expect(parseLines(run.lines).map(r => r.entityRef)).toEqual([
      'airesource:default/located-reviewer',
      'airesource:default/located-planner',
    ]);
    expect(run.stderr).toBe(
      'agent-risk: note: not following Location target https://example.com/catalog-info.yaml (only file paths are followed)\n',
    );
  });

  it('follows Location targets only to regular files under the starting directory, unless --allow-outside', async () => {
    // The starting directory is the working directory: pin it to the fixtures,
    // so the outcome does not depend on where Jest was started.
    const startedIn = process.cwd();
    process.chdir(path.dirname(fixture('outside-location.yaml')));
    try {
      const run = await runForTest('score', fixture('outside-location.yaml'));
      expect(run.code).toBe(0);
      expect(run.stderr.split('\n').filter(Boolean)).toEqual([
        'agent-risk: note: not following Location target ../../../../package.json (it is outside the starting directory; --allow-outside follows it)',
        'agent-risk: note: not following Location target /dev/zero (it is outside the starting directory; --allow-outside follows it)',
      ]);
      const allowed = await runForTest(
        'score',
        '--allow-outside',
        fixture('outside-location.yaml'),
      );
      expect(allowed.code).toBe(0);
      // The outside file is read now; a device never is.
      expect(allowed.stderr).toBe(
        'agent-risk: note: not following Location target /dev/zero (it is not a regular file)\n',
      );
    } finally {
      process.chdir(startedIn);
    }
  });

  it('does not follow a symbolic link under the starting directory that points outside it', async () => {
    const startedIn = process.cwd();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-symlink-'));
    const outside = fs.mkdtempSync(
      path.join(os.tmpdir(), 'agent-risk-outside-'),
    );
    try {
      fs.copyFileSync(
        fixture('scored.yaml'),
        path.join(outside, 'secret.yaml'),
      );
      fs.symlinkSync(
        path.join(outside, 'secret.yaml'),
        path.join(dir, 'link.yaml'),
      );
      fs.writeFileSync(
        path.join(dir, 'catalog-info.yaml'),
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Location',
          'metadata: { name: links }',
          'spec: { targets: [./link.yaml] }',
          '',
        ].join('\n'),
      );
      process.chdir(dir);
      const run = await runForTest('score', 'catalog-info.yaml');
      expect(run).toMatchObject({ code: 0, stdout: '' });
      expect(run.stderr).toBe(
        'agent-risk: note: not following Location target ./link.yaml (it is outside the starting directory; --allow-outside follows it)\n',
      );
    } finally {
      process.chdir(startedIn);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it.each([
    [
      'a non-string annotation',
      [fixture('nonstring-annotation.yaml')],
      /nonstring-annotation\.yaml: numeric-threats: annotation maestro\.cloudsecurityalliance\.org\/l1-threats must be a string, got a list/,
    ],
    [
      'an agent without metadata.name',
      [fixture('unnamed-agent.yaml')],
      /unnamed-agent\.yaml: a AiResource entity has no metadata\.name/,
    ],
    [
      'a YAML alias bomb',
      [fixture('alias-bomb.yaml')],
      /alias-bomb\.yaml: document 1 expands too many YAML aliases/,
    ],
    [
      'a device given as a file',
      ['/dev/zero'],
      /cannot read \/dev\/zero: not a regular file/,
    ],
    [
      'a missing file',
      [fixture('nope.yaml')],
      /cannot read .*nope\.yaml: no such file/,
    ],
    [
      'a missing Location target',
      [fixture('missing-target-location.yaml')],
      /cannot read .*does-not-exist\.yaml/,
    ],
    [
      'a YAML syntax error',
      [fixture('syntax-error.yaml.txt')],
      /YAML syntax error in .*syntax-error\.yaml\.txt:\d+:\d+: /,
    ],
    [
      'an unknown model',
      ['--model', 'cvss-9', fixture('scored.yaml')],
      /--model: unknown scoring model "cvss-9"/,
    ],
    [
      'an assumed base above 10',
      ['--assumed-cvss-base', '11', fixture('scored.yaml')],
      /--assumed-cvss-base: must be a number from 0 to 10/,
    ],
    [
      'an assumed base that is not a number',
      ['--assumed-cvss-base', 'high', fixture('scored.yaml')],
      /--assumed-cvss-base/,
    ],
    [
      'an unknown option',
      ['--frobnicate', fixture('scored.yaml')],
      /unknown option '--frobnicate'/,
    ],
    ['no file', [], /missing required argument 'file'/],
  ])('exits 2 with one line on stderr for %s', async (_name, args, message) => {
    const run = await runForTest('score', ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^agent-risk: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
  });
});
