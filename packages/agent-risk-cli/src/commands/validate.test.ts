import { fixture, runForTest } from '../testing/runForTest';

describe('agent-risk validate', () => {
  it('exits 0 without output for valid agents and non-agents', async () => {
    const run = await runForTest(
      'validate',
      fixture('scored.yaml'),
      fixture('non-agents.yaml'),
    );
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('prints one REF: FIELD: MESSAGE line per problem and exits 1', async () => {
    const run = await runForTest('validate', fixture('invalid.yaml'));
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([
      'airesource:default/broken-agent: spec.lifecycle: is required',
      'airesource:default/broken-agent: aivss.owasp.org/autonomy-of-action: must be a number from 0 to 1, got "1.5"',
      'airesource:default/broken-agent: maestro.cloudsecurityalliance.org/l3-threats: has unknown threat id(s) ASI99; use ASI01..ASI10 or T1..T15',
    ]);
  });

  it('reports missing required inputs of an incomplete agent', async () => {
    const run = await runForTest('validate', fixture('incomplete.yaml'));
    expect(run.code).toBe(1);
    expect(
      run.lines.map(line => line.split(': ').slice(0, 2).join(': ')),
    ).toEqual([
      'airesource:default/half-assessed: aivss.owasp.org/dynamic-identity',
      'airesource:default/half-assessed: aivss.owasp.org/cvss-base',
    ]);
  });

  it('reports only malformed values of an agent not assessed yet, as the catalog does', async () => {
    const run = await runForTest('validate', fixture('unassessed.yaml'));
    expect(run.lines).toEqual([
      'airesource:default/card-agent-with-a-bad-threat: maestro.cloudsecurityalliance.org/l1-threats: has unknown threat id(s) ASI99; use ASI01..ASI10 or T1..T15',
    ]);
    const scored = await runForTest('score', fixture('unassessed.yaml'));
    expect(scored.lines.map(line => JSON.parse(line).status)).toEqual([
      'incomplete',
      'invalid',
    ]);
  });

  it('takes AIVSS-SSVC annotations as their own assessment: SSVC alone leaves AIVSS v0.8 not assessed yet', async () => {
    const run = await runForTest('validate', fixture('ssvc.yaml'));
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('reports malformed and missing AIVSS-SSVC annotations', async () => {
    const run = await runForTest('validate', fixture('ssvc-invalid.yaml'));
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([
      'airesource:default/ssvc-broken: aivss.owasp.org/ssvc-deceptiveness: must be an integer from 1 to 5, got "6"',
      'airesource:default/ssvc-broken: aivss.owasp.org/ssvc-impact: is required: one of contained, significant, critical',
    ]);
  });

  it('reports envelope problems the catalog would reject, such as unquoted numbers', async () => {
    const run = await runForTest('validate', fixture('envelope-problems.yaml'));
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([
      'airesource:default/unquoted: metadata.annotations.aivss.owasp.org/cvss-base: must be string',
      expect.stringMatching(
        /^airesource:default\/bad name: metadata\.name: is not valid; expected a string/i,
      ),
    ]);
  });

  it('follows Locations like score does', async () => {
    const run = await runForTest(
      'validate',
      fixture('location', 'catalog-info.yaml'),
    );
    expect(run.code).toBe(0);
  });

  // Inputs that once crashed score with a stack trace: problems of the entity for validate.
  it.each([
    [
      'a non-string annotation',
      fixture('nonstring-annotation.yaml'),
      'airesource:default/numeric-threats: metadata.annotations.maestro.cloudsecurityalliance.org/l1-threats: must be string',
    ],
    [
      'an agent without metadata.name',
      fixture('unnamed-agent.yaml'),
      'airesource:default/<unnamed>: metadata.name: is required',
    ],
  ])(
    'reports %s as a problem of that entity (exit 1)',
    async (_name, file, line) => {
      const run = await runForTest('validate', file);
      expect(run).toMatchObject({ code: 1, stderr: '' });
      expect(run.lines).toEqual([line]);
    },
  );

  it.each([
    ['a missing file', fixture('nope.yaml'), /cannot read .*nope\.yaml/],
    [
      'a YAML syntax error',
      fixture('syntax-error.yaml.txt'),
      /YAML syntax error in .*syntax-error\.yaml\.txt:\d+:\d+: /,
    ],
    [
      'a YAML alias bomb',
      fixture('alias-bomb.yaml'),
      /expands too many YAML aliases/,
    ],
  ])('exits 2 with one line on stderr for %s', async (_name, file, message) => {
    const run = await runForTest('validate', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^agent-risk: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
  });
});
