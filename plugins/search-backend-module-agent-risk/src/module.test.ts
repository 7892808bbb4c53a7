import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import request from 'supertest';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  LunrSearchEngine,
  RegisterCollatorParameters,
} from '@backstage/plugin-search-backend-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import agentRiskPlugin from '@agent-risk/plugin-agent-risk-backend';
import {
  AGENTIC_FACTORS,
  AIVSS_ANNOTATIONS,
  MAESTRO_LAYERS,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { searchModuleAgentRisk } from './module';
import { AgentRiskDocument } from './collator/AgentRiskDocument';
import { MAX_TEXT_LENGTH } from './collator/toDocument';

jest.setTimeout(120_000);

function agent(
  name: string,
  options: {
    factor?: string;
    threats?: string;
    dependsOn?: string[];
    description?: string;
  } = {},
): Entity {
  const annotations: Record<string, string> = {};
  if (options.factor !== undefined) {
    for (const factor of AGENTIC_FACTORS) {
      annotations[factor.annotation] = options.factor;
    }
    annotations[AIVSS_ANNOTATIONS.cvssBase] = '8.0';
  }
  if (options.threats) {
    annotations[MAESTRO_LAYERS[2].textAnnotation] = 'Plans and calls tools.';
    annotations[MAESTRO_LAYERS[2].threatsAnnotation] = options.threats;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'AiResource',
    metadata: {
      name,
      namespace: 'default',
      annotations,
      ...(options.description ? { description: options.description } : {}),
    },
    spec: {
      type: 'agent',
      owner: 'group:default/ai-platform',
      lifecycle: 'production',
      ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    },
  };
}

const mcpServer = (name: string, title: string, tools: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default', title },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:default/ai-platform',
    definition: `tools:\n${tools.map(t => `  - ${t}\n`).join('')}`,
  },
});

const coder = agent('coder', {
  factor: '0.8',
  threats: 'ASI02, T2',
  dependsOn: ['api:default/github-mcp'],
  description: 'Opens pull requests across services.',
});
const entities: Entity[] = [
  coder,
  agent('helper', { factor: '0.2', threats: 'ASI06' }),
  // Malformed: a factor that is not a number (status invalid)
  agent('broken', { factor: 'banana', threats: 'ASI09' }),
  // No assessment at all (status incomplete)
  agent('unassessed'),
  // A huge description and a server with a long tool list: bounded text
  agent('verbose', {
    factor: '0.5',
    description: 'word '.repeat(20_000),
    dependsOn: ['api:default/wide-mcp'],
  }),
  mcpServer('github-mcp', 'GitHub MCP server', ['push_files', 'create_branch']),
  mcpServer(
    'wide-mcp',
    'Wide MCP server',
    Array.from({ length: 300 }, (_, i) => `tool_${i}_${'x'.repeat(90)}`),
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'ai-platform',
      namespace: 'default',
      title: 'AI Platform',
    },
    spec: { type: 'team', children: [] },
  },
];

/** Stands in for the search backend: keeps what modules register. */
function searchPluginCapturing(collators: RegisterCollatorParameters[]) {
  return createBackendPlugin({
    pluginId: 'search',
    register(env) {
      env.registerExtensionPoint(searchIndexRegistryExtensionPoint, {
        addCollator: collator => collators.push(collator),
        addDecorator: () => {},
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('search module agent-risk collator', () => {
  let documents: AgentRiskDocument[];
  let collator: RegisterCollatorParameters;

  beforeAll(async () => {
    const collators: RegisterCollatorParameters[] = [];
    const { server } = await startTestBackend({
      features: [
        searchPluginCapturing(collators),
        searchModuleAgentRisk,
        agentRiskPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            // Two agents per page: five agents take three pages.
            search: { collators: { agentRisk: { pageSize: 2 } } },
          },
        }),
      ],
    });
    await request(server)
      .post('/api/agent-risk/sync')
      .set('Authorization', mockCredentials.user.header())
      .expect(202);
    if (collators.length !== 1) {
      throw new Error(`expected one collator, got ${collators.length}`);
    }
    collator = collators[0];
    documents = [];
    for await (const document of await collator.factory.getCollator()) {
      documents.push(document);
    }
  });

  it('indexes every agent the backend holds, through every page, malformed and unassessed ones included', () => {
    expect(documents.map(d => d.entityRef).sort()).toEqual([
      'airesource:default/broken',
      'airesource:default/coder',
      'airesource:default/helper',
      'airesource:default/unassessed',
      'airesource:default/verbose',
    ]);
    const status = Object.fromEntries(
      documents.map(d => [d.entityRef.split('/')[1], d.status]),
    );
    expect(status).toMatchObject({
      broken: 'invalid',
      unassessed: 'incomplete',
      coder: 'scored',
    });
    const broken = documents.find(d => d.entityRef.endsWith('/broken'))!;
    expect(broken.score).toBeNull();
    expect(broken.severity).toBeNull();
    expect(broken.threatIds).toEqual(['ASI09']);
    expect(broken.text).toContain('Not scored: the assessment is invalid.');
  });

  it("builds an agent's document from its record: severity, score, threats, MCP servers and tools, owner, link to its Risk tab", () => {
    const expected = scoreEntity(coder);
    const document = documents.find(d => d.entityRef.endsWith('/coder'))!;
    expect(document).toMatchObject({
      title: 'coder',
      location: '/catalog/default/airesource/coder/risk',
      severity: expected.severity,
      score: expected.score,
      threatIds: ['ASI02', 'T2'],
      mcpServers: ['GitHub MCP server'],
      tools: ['push_files', 'create_branch'],
      owner: 'group:default/ai-platform',
      ownerTitle: 'AI Platform',
    });
    expect(document.text).toContain('Opens pull requests across services.');
    expect(document.text).toContain(
      `AIVSS score ${expected.score!.toFixed(1)}`,
    );
  });

  it('authorizes results like catalog documents: catalog read on the agent', () => {
    expect(collator.factory.type).toBe('agent-risk');
    expect(collator.factory.visibilityPermission?.name).toBe(
      'catalog.entity.read',
    );
    for (const document of documents) {
      expect(document.authorization?.resourceRef).toBe(document.entityRef);
    }
  });

  it('bounds the text of an agent with a huge description and tool list', () => {
    const verbose = documents.find(d => d.entityRef.endsWith('/verbose'))!;
    expect(verbose.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(verbose.tools.length).toBeLessThanOrEqual(200);
    expect(JSON.stringify(verbose).length).toBeLessThan(60_000);
  });

  it('lets the search engine find an agent by a threat id or a tool name', async () => {
    const engine = new LunrSearchEngine({ logger: mockServices.logger.mock() });
    const indexer = await engine.getIndexer('agent-risk');
    await pipeline(Readable.from(documents), indexer);
    const found = async (term: string) =>
      (await engine.query({ term, types: ['agent-risk'] })).results.map(
        r => (r.document as AgentRiskDocument).entityRef,
      );
    // Lunr also matches near spellings (ASI02, ASI09): the exact one ranks first.
    expect((await found('ASI06'))[0]).toBe('airesource:default/helper');
    expect(await found('push_files')).toEqual(['airesource:default/coder']);
    expect(await found('create_branch')).toEqual(['airesource:default/coder']);
  });
});
