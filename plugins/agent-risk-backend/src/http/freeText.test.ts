import request from 'supertest';
import { Entity } from '@backstage/catalog-model';
import {
  AgentListResponse,
  AgentRiskRecord,
  MAESTRO_LAYERS,
} from '@agent-risk/plugin-agent-risk-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { agentEntity } from '../__testUtils__/entities';
import {
  AgentRiskTestBackend,
  startAgentRiskTestBackend,
  syncNow,
  userAuth,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const githubMcp: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'github-mcp', title: 'GitHub MCP server' },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:default/ai-platform',
    definition: 'tools:\n  - push_files\n  - name: trigger_workflow\n',
  },
};

/** An API that is not an MCP server: not part of any agent's tool surface. */
const restApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'billing-rest' },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner: 'group:default/ai-platform',
    definition: 'tools:\n  - refund_everything\n',
  },
};

const l5 = MAESTRO_LAYERS[4];

function entities(): Entity[] {
  const coder = agentEntity({
    name: 'coder',
    title: 'Coder',
    factor: '0.5',
    cvssBase: '7.0',
    extraAnnotations: { [l5.threatsAnnotation]: 'ASI09' },
  });
  coder.metadata.description = 'Opens pull requests.';
  coder.spec = {
    ...coder.spec,
    dependsOn: ['api:default/github-mcp', 'api:billing-rest', 'component:x'],
  };
  const other = agentEntity({ name: 'other', factor: '0.2', cvssBase: '3.0' });
  return [coder, other, githubMcp, restApi];
}

describe.each(databases.eachSupportedId())(
  'ranking free text on %p',
  databaseId => {
    let backend: AgentRiskTestBackend;

    beforeAll(async () => {
      backend = await startAgentRiskTestBackend({
        databases,
        databaseId,
        entities: entities(),
      });
      await syncNow(backend);
    });

    const names = async (q: string) => {
      const res = await request(backend.server)
        .get(`/api/agent-risk/agents?q=${encodeURIComponent(q)}`)
        .set('Authorization', userAuth())
        .expect(200);
      return (res.body as AgentListResponse).items.map(i => i.entityRef);
    };

    it.each([
      ['a threat id of a MAESTRO layer', 'ASI09'],
      ['a threat id, lower case', 'asi09'],
      ['a tool name with LIKE wildcards in it', 'push_files'],
      ['part of a tool name', 'trigger'],
      ['an MCP server title', 'GitHub MCP'],
      ['an MCP server ref', 'api:default/github-mcp'],
    ])('finds the agent by %s (%p)', async (_what, q) => {
      expect(await names(q)).toEqual(['airesource:default/coder']);
    });

    it('still matches names, and finds a threat id every agent has in all of them', async () => {
      expect(await names('coder')).toEqual(['airesource:default/coder']);
      expect((await names('ASI02')).sort()).toEqual([
        'airesource:default/coder',
        'airesource:default/other',
      ]);
    });

    it('does not match the tools of an API that is not an MCP server', async () => {
      expect(await names('refund_everything')).toEqual([]);
    });

    it('serves the description and MCP servers in the agent record', async () => {
      const res = await request(backend.server)
        .get('/api/agent-risk/agents/airesource/default/coder')
        .set('Authorization', userAuth())
        .expect(200);
      const record = res.body as AgentRiskRecord;
      expect(record.description).toBe('Opens pull requests.');
      expect(record.mcpServers).toEqual([
        {
          entityRef: 'api:default/github-mcp',
          title: 'GitHub MCP server',
          tools: ['push_files', 'trigger_workflow'],
        },
      ]);
    });
  },
);
