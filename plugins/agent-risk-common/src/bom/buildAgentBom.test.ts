import { Entity } from '@backstage/catalog-model';
// The library's Node build: its JSON validator reads the official CycloneDX
// 1.6 schema shipped inside the package (no network). The builder itself runs
// here on the library's browser build (this package's tests run in jsdom).
import { Version } from '@cyclonedx/cyclonedx-library/Spec';
import { JsonStrictValidator } from '@cyclonedx/cyclonedx-library/Validation';
import { REGISTRY_ANNOTATION } from '../domain/registry';
import { REVIEWED_AT_ANNOTATION } from '../domain/review';
import { factorAnnotations } from '../testing';
import { buildAgentBom } from './buildAgentBom';
import { agentBomInputFromEntities } from './fromEntities';
import { AgentBomInput } from './model';

const validator = new JsonStrictValidator(Version.v1dot6);

const FIXED = {
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  timestamp: new Date('2026-12-01T00:00:00Z'),
  tool: { name: 'agent-risk', version: '0.1.0' },
};

const A = 'aivss.owasp.org/';

/** Spec worked example: C 7.5, S 1.1 → 7.8 High (threat multiplier attacked). */
const WORKED_EXAMPLE = {
  [`${A}autonomy-of-action`]: '0.5',
  [`${A}goal-driven-planning`]: '0.3',
  [`${A}self-modification`]: '0',
  [`${A}dynamic-tool-use`]: '0.3',
  [`${A}persistent-memory`]: '0',
  [`${A}contextual-awareness`]: '0',
  [`${A}dynamic-identity`]: '0',
  [`${A}multi-agent-interactions`]: '0',
  [`${A}non-determinism`]: '0',
  [`${A}opacity-reflexivity`]: '0',
  [`${A}cvss-base`]: '7.5',
  [`${A}threat-multiplier`]: 'attacked',
};

/** OWASP's AIVSS-SSVC calculator default: Prime Mover, outcome Immediate. */
const SSVC_WORKED_EXAMPLE = {
  [`${A}ssvc-threat`]: 'poc',
  [`${A}ssvc-vulnerability`]: 'moderate',
  [`${A}ssvc-impact`]: 'critical',
  [`${A}ssvc-execution-autonomy`]: '4',
  [`${A}ssvc-tool-authority`]: '4',
  [`${A}ssvc-code-execution`]: '4',
  [`${A}ssvc-critical-system-access`]: '4',
  [`${A}ssvc-persistent-memory`]: '3',
  [`${A}ssvc-dynamic-identity`]: '3',
  [`${A}ssvc-multi-agent-coordination`]: '3',
  [`${A}ssvc-self-modification`]: '2',
  [`${A}ssvc-non-determinism`]: '3',
  [`${A}ssvc-deceptiveness`]: '2',
};

const entity = (
  kind: string,
  metadata: Entity['metadata'],
  spec: NonNullable<Entity['spec']>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata,
  spec,
});

/** A small inventory: one agent of each origin, MCP servers, the org. */
const CATALOG: Entity[] = [
  entity(
    'Group',
    { name: 'ai-platform' },
    { type: 'team', profile: { displayName: 'AI Platform' }, children: [] },
  ),
  // Registered in Backstage: the registry sets reviewed-at on each change.
  entity(
    'AiResource',
    {
      name: 'release-helper',
      title: 'Release Helper',
      description: 'Drafts release notes and opens release pull requests.',
      annotations: {
        [REGISTRY_ANNOTATION]: 'true',
        [REVIEWED_AT_ANNOTATION]: '2026-11-02T10:00:00Z',
        ...WORKED_EXAMPLE,
        ...SSVC_WORKED_EXAMPLE,
      },
      tags: ['release'],
    },
    {
      type: 'agent',
      lifecycle: 'production',
      owner: 'ai-platform',
      system: 'agent-fleet',
      dependsOn: [
        'api:default/github-mcp',
        // An agent it calls over A2A.
        'airesource:default/invoice-triage',
        // Not an MCP server or agent: no BOM entry, no dependency.
        'resource:default/release-bucket',
        // A server the caller may not read: absent from the input.
        'api:default/hidden-mcp',
      ],
    },
  ),
  // Defined in catalog YAML, in another namespace.
  entity(
    'Component',
    {
      name: 'yaml-bot',
      namespace: 'finance',
      annotations: {
        ...factorAnnotations('1'),
        [`${A}cvss-base`]: '9.0',
        [`${A}threat-multiplier`]: 'attacked',
      },
    },
    {
      type: 'ai-agent',
      lifecycle: 'experimental',
      owner: 'group:default/ai-platform',
      consumesApis: ['api:default/github-mcp'],
    },
  ),
  // Discovered from an A2A card: links as the A2A import writes them, no assessment yet.
  entity(
    'AiResource',
    {
      name: 'invoice-triage',
      annotations: {
        'agent-risk.io/discovered-from':
          'https://agents.example.com/.well-known/agent-card.json',
        'agent-risk.io/agent-card-signature': 'verified',
      },
      links: [
        {
          url: 'https://agents.example.com/invoice-triage/a2a',
          title: 'A2A endpoint (JSONRPC, 0.3.0)',
          type: 'a2a-endpoint',
        },
        {
          url: 'https://finance.example.com',
          title: 'Example Corp Finance Engineering',
          type: 'provider',
        },
        {
          url: 'https://docs.example.com/agents/invoice-triage',
          title: 'Documentation',
          type: 'documentation',
        },
      ],
    },
    {
      type: 'agent',
      lifecycle: 'production',
      owner: 'group:default/unknown-team',
      dependsOn: ['api:default/github-mcp'],
    },
  ),
  // Malformed: a factor out of range, and links no BOM should carry.
  entity(
    'AiResource',
    {
      name: 'broken-agent',
      annotations: { ...WORKED_EXAMPLE, [`${A}autonomy-of-action`]: '1.5' },
      links: [
        // eslint-disable-next-line no-script-url
        { url: 'javascript:alert(1)', title: 'click' },
        { url: 'https://user:secret@internal.example.com/x', title: 'creds' },
      ],
    },
    { type: 'agent', lifecycle: 'production', owner: 'ai-platform' },
  ),
  entity(
    'API',
    {
      name: 'github-mcp',
      title: 'GitHub MCP server',
      description: 'Repositories and pull requests.',
    },
    {
      type: 'mcp-server',
      lifecycle: 'production',
      owner: 'ai-platform',
      remotes: [
        { type: 'streamable-http', url: 'https://mcp.example.com/github' },
        // A command line is not an endpoint (and may hold a token).
        { type: 'stdio', url: 'npx github-mcp --token ghp_secret' },
        // Credentials never leave in a BOM.
        { type: 'sse', url: 'https://bot:hunter2@mcp.example.com/sse' },
      ],
    },
  ),
  // No agent reaches it: not in the BOM.
  entity(
    'API',
    { name: 'jira-mcp' },
    {
      type: 'mcp-server',
      lifecycle: 'production',
      owner: 'ai-platform',
      remotes: [{ type: 'streamable-http', url: 'https://mcp.example.com/j' }],
    },
  ),
];

const TOOLS: Record<string, string[]> = {
  'github-mcp': ['search_code', 'create_pull_request'],
};

function inventory(entities: Entity[] = CATALOG): AgentBomInput {
  const input = agentBomInputFromEntities(entities, {
    toolsOf: e => TOOLS[e.metadata.name],
  });
  // The backend knows these; catalog files do not.
  input.mcpServers.forEach(s => {
    s.authenticated = true;
  });
  input.agents
    .filter(a => a.entityRef === 'airesource:default/release-helper')
    .forEach(a => {
      a.acceptance = { state: 'accepted', expiresAt: '2027-03-01T00:00:00Z' };
    });
  return input;
}

type Bom = {
  components: Array<Record<string, any>>;
  services: Array<Record<string, any>>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
  [key: string]: any;
};

const build = (input: AgentBomInput = inventory()) =>
  buildAgentBom(input, FIXED);

const properties = (item: Record<string, any>) =>
  (item.properties as Array<{ name: string; value: string }>).map(
    p => `${p.name}=${p.value}`,
  );

describe('buildAgentBom', () => {
  it('validates against the official CycloneDX 1.6 JSON schema', async () => {
    const json = build();
    expect(await validator.validate(json)).toBeNull();
    const bom = JSON.parse(json);
    expect(bom).toMatchObject({
      $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      serialNumber: FIXED.serialNumber,
      metadata: {
        timestamp: '2026-12-01T00:00:00.000Z',
        tools: {
          components: [
            { type: 'application', name: 'agent-risk', version: '0.1.0' },
          ],
        },
      },
    });
  });

  it('the validator refuses what the schema does not allow (so the check above can fail)', async () => {
    const bom = JSON.parse(build());
    bom.services[0].authenticated = 'yes';
    expect(await validator.validate(JSON.stringify(bom))).not.toBeNull();
    bom.services[0].authenticated = true;
    bom.components[0].tags = 'ai-agent';
    expect(await validator.validate(JSON.stringify(bom))).not.toBeNull();
  });

  it('has one application component per agent, tagged ai-agent, with the assessment as properties', () => {
    const bom: Bom = JSON.parse(build());
    expect(bom.components.map(c => c['bom-ref'])).toEqual([
      'airesource:default/broken-agent',
      'airesource:default/invoice-triage',
      'airesource:default/release-helper',
      'component:finance/yaml-bot',
    ]);
    const [broken, discovered, registered, yaml] = bom.components;
    for (const component of bom.components) {
      expect(component.type).toBe('application');
      expect(component.tags).toContain('ai-agent');
    }

    expect(registered).toMatchObject({
      name: 'release-helper',
      description: 'Drafts release notes and opens release pull requests.',
      supplier: { name: 'AI Platform' },
      tags: ['ai-agent', 'release'],
    });
    expect(properties(registered)).toEqual([
      'agent-risk:acceptance=accepted',
      'agent-risk:acceptance:expiresAt=2027-03-01T00:00:00Z',
      'agent-risk:aivss:model=aivss-0.8',
      'agent-risk:aivss:score=7.8',
      'agent-risk:aivss:severity=high',
      'agent-risk:aivss:status=scored',
      'agent-risk:lifecycle=production',
      'agent-risk:owner=group:default/ai-platform',
      'agent-risk:reviewedAt=2026-11-02T10:00:00.000Z',
      'agent-risk:source=registry',
      'agent-risk:ssvc:outcome=Immediate',
      'agent-risk:ssvc:status=scored',
      'agent-risk:system=system:default/agent-fleet',
      'agent-risk:title=Release Helper',
    ]);

    expect(properties(yaml)).toEqual([
      'agent-risk:aivss:model=aivss-0.8',
      'agent-risk:aivss:score=10.0',
      'agent-risk:aivss:severity=critical',
      'agent-risk:aivss:status=scored',
      'agent-risk:lifecycle=experimental',
      'agent-risk:owner=group:default/ai-platform',
      'agent-risk:source=catalog',
    ]);

    // Not assessed yet: incomplete, no score, no severity.
    expect(properties(discovered)).toEqual([
      'agent-risk:a2a:signature=verified',
      'agent-risk:aivss:model=aivss-0.8',
      'agent-risk:aivss:status=incomplete',
      'agent-risk:lifecycle=production',
      'agent-risk:owner=group:default/unknown-team',
      'agent-risk:source=discovered',
    ]);
    // An owner the caller cannot resolve is named by its ref.
    expect(discovered.supplier).toEqual({ name: 'group:default/unknown-team' });

    // A malformed assessment does not break the BOM: the agent is listed as invalid.
    expect(properties(broken)).toContain('agent-risk:aivss:status=invalid');
    expect(properties(broken).some(p => p.includes(':score='))).toBe(false);
  });

  it("lists an A2A agent's endpoint, provider, documentation and card as external references", () => {
    const bom: Bom = JSON.parse(build());
    const discovered = bom.components.find(
      c => c['bom-ref'] === 'airesource:default/invoice-triage',
    )!;
    expect(discovered.externalReferences).toEqual([
      {
        url: 'https://docs.example.com/agents/invoice-triage',
        type: 'documentation',
        comment: 'documentation: Documentation',
      },
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
  });

  it('drops links that are not http(s) or that carry credentials', () => {
    const json = build();
    const broken = (JSON.parse(json) as Bom).components.find(
      c => c['bom-ref'] === 'airesource:default/broken-agent',
    )!;
    expect(broken.externalReferences).toBeUndefined();
    expect(json).not.toContain('alert(1)');
    expect(json).not.toContain('secret');
  });

  it('has one service per MCP server an agent reaches, with endpoints, authenticated and tools', () => {
    const json = build();
    const bom: Bom = JSON.parse(json);
    expect(bom.services).toEqual([
      {
        'bom-ref': 'api:default/github-mcp',
        provider: { name: 'AI Platform' },
        name: 'github-mcp',
        description: 'Repositories and pull requests.',
        endpoints: ['https://mcp.example.com/github'],
        authenticated: true,
        properties: [
          { name: 'agent-risk:lifecycle', value: 'production' },
          {
            name: 'agent-risk:mcp:tool',
            value: 'create_pull_request',
          },
          { name: 'agent-risk:mcp:tool', value: 'search_code' },
          { name: 'agent-risk:owner', value: 'group:default/ai-platform' },
          { name: 'agent-risk:title', value: 'GitHub MCP server' },
        ],
        tags: ['mcp-server'],
      },
    ]);
    // The stdio command line is no endpoint; the unused server is not listed.
    expect(json).not.toContain('ghp_secret');
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('jira-mcp');
  });

  it('has dependencies from agents to their servers and to other agents, and names nothing outside the input', () => {
    const json = build();
    const bom: Bom = JSON.parse(json);
    expect(bom.dependencies).toEqual([
      { ref: 'airesource:default/broken-agent' },
      {
        ref: 'airesource:default/invoice-triage',
        dependsOn: ['api:default/github-mcp'],
      },
      {
        ref: 'airesource:default/release-helper',
        dependsOn: [
          'airesource:default/invoice-triage',
          'api:default/github-mcp',
        ],
      },
      { ref: 'api:default/github-mcp' },
      {
        ref: 'component:finance/yaml-bot',
        dependsOn: ['api:default/github-mcp'],
      },
    ]);
    expect(json).not.toContain('hidden-mcp');
    expect(json).not.toContain('release-bucket');
  });

  it('drops the dependency on an agent the caller may not read', () => {
    const input = inventory();
    input.agents = input.agents.filter(
      a => a.entityRef !== 'airesource:default/invoice-triage',
    );
    const json = build(input);
    expect(json).not.toContain('invoice-triage');
  });

  it('is deterministic: the same inventory in another order gives the same document', () => {
    const reversed = inventory([...CATALOG].reverse());
    reversed.mcpServers.forEach(s => s.tools?.reverse());
    expect(build(reversed)).toBe(build());
  });

  it('an empty inventory is a valid BOM', async () => {
    const json = buildAgentBom({ agents: [], mcpServers: [] }, FIXED);
    expect(await validator.validate(json)).toBeNull();
    expect(JSON.parse(json).components).toEqual([]);
  });

  it('gives each BOM a serial number of its own unless one is given', () => {
    const first = JSON.parse(buildAgentBom({ agents: [], mcpServers: [] }));
    const second = JSON.parse(buildAgentBom({ agents: [], mcpServers: [] }));
    expect(first.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(first.serialNumber).not.toBe(second.serialNumber);
  });
});
