import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import path from 'node:path';
import { fixture, runForTest } from '../testing/runForTest';
import { printValidatedBom } from './bom';

// The official CycloneDX 1.6 JSON schema, shipped inside the library.
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

// eslint-disable-next-line no-restricted-syntax
const REPO_ROOT = path.resolve(__dirname, '../../../..');

type Item = {
  'bom-ref': string;
  properties?: Array<{ name: string; value: string }>;
  [key: string]: unknown;
};

const property = (item: Item, name: string) =>
  item.properties?.filter(p => p.name === name).map(p => p.value);

describe('agent-risk bom', () => {
  it("prints a valid CycloneDX 1.6 BOM of the repository's whole example inventory", async () => {
    const startedIn = process.cwd();
    process.chdir(REPO_ROOT);
    try {
      const run = await runForTest('bom', 'catalog-info.yaml');
      const scores = await runForTest('score', 'catalog-info.yaml');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await validator.validate(run.stdout)).toBeNull();

      const bom = JSON.parse(run.stdout);
      // Every agent `score` lists, with the status `score` gives it.
      const scored = scores.lines.map(line => JSON.parse(line));
      expect(bom.components.map((c: Item) => c['bom-ref'])).toEqual(
        scored.map(s => s.entityRef).sort(),
      );
      for (const s of scored) {
        const component = bom.components.find(
          (c: Item) => c['bom-ref'] === s.entityRef,
        );
        expect(property(component, 'agent-risk:aivss:status')).toEqual([
          s.status,
        ]);
        expect(property(component, 'agent-risk:aivss:score')).toEqual(
          s.score === null ? [] : [s.score.toFixed(1)],
        );
      }
      // The example MCP servers the agents use, with their endpoints and tools.
      const github = bom.services.find(
        (s: Item) => s['bom-ref'] === 'api:default/github-mcp',
      );
      expect(github.endpoints).toEqual(['https://mcp.example.com/github']);
      expect(property(github, 'agent-risk:mcp:tool')).toContain('push_files');
      const codegen = bom.dependencies.find(
        (d: { ref: string }) => d.ref === 'airesource:default/codegen',
      );
      expect(codegen.dependsOn).toEqual([
        'api:default/github-mcp',
        'api:default/jira-mcp',
      ]);
    } finally {
      process.chdir(startedIn);
    }
  });

  it('lists agents, MCP servers and agent-to-agent dependencies; a malformed agent is listed as invalid', async () => {
    const run = await runForTest('bom', fixture('bom.yaml'));
    expect(run.code).toBe(0);
    expect(await validator.validate(run.stdout)).toBeNull();
    const bom = JSON.parse(run.stdout);
    const component = (ref: string) =>
      bom.components.find((c: Item) => c['bom-ref'] === ref);

    const registered = component('airesource:default/release-helper');
    expect(registered.supplier).toEqual({ name: 'AI Platform' });
    expect(registered.tags).toEqual(['ai-agent']);
    expect(registered.properties).toEqual([
      { name: 'agent-risk:aivss:model', value: 'aivss-0.8' },
      { name: 'agent-risk:aivss:score', value: '7.8' },
      { name: 'agent-risk:aivss:severity', value: 'high' },
      { name: 'agent-risk:aivss:status', value: 'scored' },
      { name: 'agent-risk:lifecycle', value: 'production' },
      { name: 'agent-risk:owner', value: 'group:default/ai-platform' },
      { name: 'agent-risk:reviewedAt', value: '2026-11-02T00:00:00.000Z' },
      { name: 'agent-risk:source', value: 'registry' },
      { name: 'agent-risk:ssvc:outcome', value: 'Immediate' },
      { name: 'agent-risk:ssvc:status', value: 'scored' },
      { name: 'agent-risk:title', value: 'Release Helper' },
    ]);
    expect(
      property(component('component:default/yaml-bot'), 'agent-risk:source'),
    ).toEqual(['catalog']);
    expect(component('component:default/yaml-bot').tags).toEqual([
      'ai-agent',
      'internal',
    ]);

    const discovered = component('airesource:default/invoice-triage');
    expect(property(discovered, 'agent-risk:source')).toEqual(['discovered']);
    expect(discovered.externalReferences).toEqual([
      {
        url: 'https://agents.example.com/.well-known/agent-card.json',
        type: 'other',
        comment: 'a2a-agent-card',
      },
      {
        url: 'https://agents.example.com/invoice-triage/a2a',
        type: 'other',
        comment: 'a2a-endpoint: A2A endpoint (JSONRPC, 0.3.0)',
      },
      {
        url: 'https://finance.example.com/',
        type: 'website',
        comment: 'provider: Example Corp Finance Engineering',
      },
    ]);

    const broken = component('airesource:default/broken-agent');
    expect(property(broken, 'agent-risk:aivss:status')).toEqual(['invalid']);

    expect(
      bom.services.map((s: Item) => ({
        ref: s['bom-ref'],
        endpoints: s.endpoints,
        tools: property(s, 'agent-risk:mcp:tool'),
      })),
    ).toEqual([
      {
        ref: 'api:default/github-mcp',
        endpoints: ['https://mcp.example.com/github'],
        tools: ['push_files', 'search_code'],
      },
      // Endpoint from the annotation; a definition without tools gives none.
      {
        ref: 'api:default/jira-mcp',
        endpoints: ['https://mcp.example.com/jira'],
        tools: [],
      },
    ]);
    expect(bom.dependencies).toEqual([
      { ref: 'airesource:default/broken-agent' },
      {
        ref: 'airesource:default/invoice-triage',
        dependsOn: ['api:default/jira-mcp'],
      },
      {
        ref: 'airesource:default/release-helper',
        dependsOn: [
          'airesource:default/invoice-triage',
          'api:default/github-mcp',
        ],
      },
      { ref: 'api:default/github-mcp' },
      { ref: 'api:default/jira-mcp' },
      {
        ref: 'component:default/yaml-bot',
        dependsOn: ['api:default/jira-mcp'],
      },
    ]);
  });

  it('scores with the model given with --model', async () => {
    const run = await runForTest(
      'bom',
      '--model',
      'aivss-0.5',
      fixture('bom.yaml'),
    );
    const bom = JSON.parse(run.stdout);
    for (const component of bom.components) {
      expect(property(component, 'agent-risk:aivss:model')).toEqual([
        'aivss-0.5',
      ]);
    }
  });

  it.each([
    [
      'an unnamed agent',
      ['bom', fixture('unnamed-agent.yaml')],
      /has no metadata\.name/,
    ],
    [
      'a non-string annotation',
      ['bom', fixture('nonstring-annotation.yaml')],
      /must be a string/,
    ],
    ['a missing file', ['bom', fixture('does-not-exist.yaml')], /cannot read/],
    [
      'an unknown model',
      ['bom', '--model', 'nope', fixture('bom.yaml')],
      /unknown scoring model/,
    ],
  ])('exits 2 on bad input: %s', async (_label, args, message) => {
    const run = await runForTest(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('never prints a BOM that does not validate: exit 1 with the schema errors', async () => {
    const { stdout } = await runForTest('bom', fixture('bom.yaml'));
    const bom = JSON.parse(stdout);
    bom.services[0].authenticated = 'maybe';
    let out = '';
    let err = '';
    const code = await printValidatedBom(JSON.stringify(bom), {
      stdout: text => {
        out += text;
      },
      stderr: text => {
        err += text;
      },
    });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/does not validate against the CycloneDX 1\.6 schema/);
    expect(err).toMatch(/authenticated/);
  });
});
