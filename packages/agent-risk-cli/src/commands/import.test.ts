import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { fixture, runForTest } from '../testing/runForTest';

// The real, partly truncated example documents kept in the repository.
const SHARED_EXAMPLES = path.resolve(
  __dirname,
  '../../../../examples/threat-models',
);

const doc = (name: string) =>
  fixture('threat-models', `${name}.threat-model.txt`);
const OWNER = ['--owner', 'group:default/team-a'];

describe('agent-risk import', () => {
  it('prints an AiResource agent entity with every factor and layer', async () => {
    const run = await runForTest(
      'import',
      doc('complete'),
      ...OWNER,
      '--cvss-base',
      '7.5',
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const entity = parse(run.stdout);
    expect(entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'AiResource',
      metadata: {
        name: 'review-helper',
        title: 'Review Helper',
        description:
          'Review Helper comments on pull requests. It cannot merge.',
      },
      spec: {
        type: 'agent',
        owner: 'group:default/team-a',
        lifecycle: 'production',
      },
    });
    const annotations = entity.metadata.annotations;
    expect(annotations['aivss.owasp.org/autonomy-of-action']).toBe('0.50');
    expect(
      annotations['maestro.cloudsecurityalliance.org/l2-data-operations'],
    ).toBe('Indexes repository content; RAG poisoning.');
    expect(annotations['maestro.cloudsecurityalliance.org/l2-confidence']).toBe(
      'uncertain',
    );
    expect(annotations).not.toHaveProperty([
      'maestro.cloudsecurityalliance.org/l3-confidence',
    ]);
    expect(annotations).toHaveProperty([
      'maestro.cloudsecurityalliance.org/l7-agent-ecosystem',
    ]);
  });

  it('quotes numbers so that every annotation stays a string', async () => {
    const run = await runForTest(
      'import',
      doc('complete'),
      ...OWNER,
      '--cvss-base',
      '7.5',
    );
    expect(run.stdout).toContain("aivss.owasp.org/cvss-base: '7.5'\n");
    expect(run.stdout).toContain("aivss.owasp.org/self-modification: '0.00'\n");
  });

  it('produces an entity that validate accepts and score scores', async () => {
    const run = await runForTest(
      'import',
      doc('complete'),
      ...OWNER,
      '--cvss-base',
      '7.5',
      '--threat-multiplier',
      'attacked',
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-import-'));
    const file = path.join(dir, 'agent.yaml');
    fs.writeFileSync(file, run.stdout);
    try {
      expect((await runForTest('validate', file)).code).toBe(0);
      const scored = await runForTest('score', file);
      // C 7.5, S 1.1, T 1.0, M 1.0 → 7.8 (the spec's first worked example).
      expect(JSON.parse(scored.lines[0])).toMatchObject({
        entityRef: 'airesource:default/review-helper',
        status: 'scored',
        score: 7.8,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies --lifecycle, --mitigation-factor and --name', async () => {
    const run = await runForTest(
      'import',
      doc('complete'),
      ...OWNER,
      '--lifecycle',
      'experimental',
      '--mitigation-factor',
      'partial',
      '--name',
      'reviewer',
    );
    const entity = parse(run.stdout);
    expect(entity.metadata.name).toBe('reviewer');
    expect(entity.spec.lifecycle).toBe('experimental');
    expect(
      entity.metadata.annotations['aivss.owasp.org/mitigation-factor'],
    ).toBe('partial');
    expect(entity.metadata.annotations).not.toHaveProperty([
      'aivss.owasp.org/cvss-base',
    ]);
    expect(run.stderr).toContain(
      'aivss.owasp.org/cvss-base: absent: the agent stays incomplete until aivss.owasp.org/cvss-base or cvss-vector is set (pass --cvss-base N)',
    );
  });

  it('warns and uses owner "unknown" when --owner is absent', async () => {
    const run = await runForTest(
      'import',
      doc('complete'),
      '--cvss-base',
      '7.5',
    );
    expect(run.code).toBe(0);
    expect(parse(run.stdout).spec.owner).toBe('unknown');
    expect(run.stderr).toMatch(/warning: no --owner given/);
  });

  it('imports the layers of a truncated document and names the absent ones', async () => {
    const run = await runForTest(
      'import',
      doc('truncated'),
      ...OWNER,
      '--cvss-base',
      '7.5',
    );
    expect(run.code).toBe(0);
    const annotations = parse(run.stdout).metadata.annotations;
    expect(annotations).toHaveProperty([
      'maestro.cloudsecurityalliance.org/l3-agent-frameworks',
    ]);
    expect(annotations).not.toHaveProperty([
      'maestro.cloudsecurityalliance.org/l4-deployment-infrastructure',
    ]);
    expect(run.stderr).toMatch(
      /no paragraph for L4, L5, L6, L7 .*imported L1, L2, L3/,
    );
  });

  it('refuses a document without all factor rows, naming them, and prints nothing', async () => {
    const run = await runForTest('import', doc('missing-rows'), ...OWNER);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'factors.persistent-memory: missing the factor row "Persistent memory"',
    );
    expect(run.stderr).toContain(
      'factors.dynamic-identity: missing the factor row "Dynamic identity"',
    );
  });

  it('refuses a document without layers', async () => {
    const run = await runForTest('import', doc('no-layers'), ...OWNER);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/layers: missing/);
  });

  it.each([
    ['--cvss-base', '10.5', /--cvss-base: must be a number from 0 to 10/],
    ['--cvss-base', '7.55', /--cvss-base: must have at most 1 decimal place/],
    [
      '--threat-multiplier',
      'sometimes',
      /--threat-multiplier: must be one of attacked, poc, unreported/,
    ],
    ['--mitigation-factor', '0.2', /--mitigation-factor: must be one of none/],
    ['--name', 'Not A Name', /--name: "Not A Name" is not a valid entity name/],
    ['--owner', 'user:', /--owner: /],
  ])('exits 2 on a bad %s value', async (flag, value, message) => {
    const run = await runForTest('import', doc('complete'), flag, value);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^agent-risk: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 on an unreadable document', async () => {
    const run = await runForTest('import', doc('nope'), ...OWNER);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /cannot read .*nope\.threat-model\.txt: no such file/,
    );
  });
});

describe('agent-risk import of the example documents', () => {
  it('imports the truncated baz example with its five layers (skipped without ../shared/examples)', async () => {
    const run = await runForTest(
      'import',
      path.join(SHARED_EXAMPLES, 'baz.threat-model.txt'),
      ...OWNER,
      '--cvss-base',
      '6.5',
    );
    expect(run.code).toBe(0);
    expect(parse(run.stdout).metadata.name).toBe('baz');
    expect(run.stderr).toMatch(
      /no paragraph for L6, L7 .*imported L1, L2, L3, L4, L5/,
    );
  });
});

describe('agent-risk import of a threat-model page copied from the directory', () => {
  it('skips the navigation before the title and keeps a last layer cut off after its marker as uncertain', async () => {
    // baz's page as a browser copies it: navigation first, cut off right after L5's marker.
    const text = fs.readFileSync(
      path.join(SHARED_EXAMPLES, 'baz.threat-model.txt'),
      'utf8',
    );
    const cut = text.lastIndexOf('Not certain from the listing — no mention');
    const page = `AgentReadyHomeAgent Listing\n\n← Baz\n\n${text.slice(
      0,
      cut,
    )}Not certain from the listing — `;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-page-'));
    const file = path.join(dir, 'baz.txt');
    fs.writeFileSync(file, page);
    try {
      const run = await runForTest(
        'import',
        file,
        ...OWNER,
        '--cvss-base',
        '6.5',
      );
      expect(run.code).toBe(0);
      const { metadata } = parse(run.stdout);
      expect(metadata).toMatchObject({ name: 'baz', title: 'Baz' });
      expect(metadata.description).toMatch(/^Baz poses a moderate-to-high/);
      expect(
        metadata.annotations[
          'maestro.cloudsecurityalliance.org/l5-evaluation-observability'
        ],
      ).toBe('Not certain from the listing —');
      expect(
        metadata.annotations['maestro.cloudsecurityalliance.org/l5-confidence'],
      ).toBe('uncertain');
      expect(run.stderr).toContain(
        `warning: ${file} (threat-model): layers: no paragraph for L6, L7 (truncated?); imported L1, L2, L3, L4, L5`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
