import request from 'supertest';
import { Entity } from '@backstage/catalog-model';
import {
  AgentListResponse,
  AgentRiskRecord,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { agentEntity, registryTestAgent } from '../__testUtils__/entities';
import {
  AgentRiskTestBackend,
  startAgentRiskTestBackend,
  syncNow,
  userAuth,
} from '../__testUtils__/testBackend';
import { createAgentRiskDatabase } from '../database/AgentRiskDatabase';
import { EvidenceService } from './EvidenceService';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const githubMcp = (definition: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'github-mcp', title: 'GitHub MCP server' },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:default/ai-platform',
    definition,
  },
});

const GITHUB_TOOLS = `tools:
  - name: push_files
  - name: search_code
    annotations: { readOnlyHint: true }
  - name: delete_repository
    annotations: { destructiveHint: true }
`;
const READ_ONLY_TOOLS = `tools:
  - name: search_code
    annotations: { readOnlyHint: true }
`;

const ordersDb: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db' },
  spec: {
    type: 'database',
    lifecycle: 'experimental',
    owner: 'group:default/ai-platform',
  },
};

const agent = (
  name: string,
  factor: string,
  dependsOn: string[] = [],
  annotations: Record<string, string> = {},
): Entity => {
  const entity = agentEntity({
    name,
    factor,
    cvssBase: '7.0',
    extraAnnotations: annotations,
  });
  entity.spec = { ...entity.spec, dependsOn };
  // The relations the catalog's processors draw from spec.dependsOn: reach
  // on the graph (spec 9.1) follows relations, not the spec.
  entity.relations = dependsOn.map(targetRef => ({
    type: 'dependsOn',
    targetRef,
  }));
  return entity;
};

const CODEGEN_DEPS = [
  'api:default/github-mcp',
  'resource:default/orders-db',
  'airesource:default/helper',
];

function catalog(definition = GITHUB_TOOLS): Entity[] {
  return [
    agent('codegen', '0.1', CODEGEN_DEPS),
    agent('codegen-two', '0.1', ['api:default/github-mcp']),
    agent('careful', '0.9', CODEGEN_DEPS),
    agent('card-bot', '0.5', [], {
      'agent-risk.io/agent-card-url': 'https://agents.example.com/card.json',
    }),
    agent('helper', '0.5'),
    agent('plain', '0.1'),
    githubMcp(definition),
    ordersDb,
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'ai-platform', title: 'AI Platform' },
      spec: { type: 'team', children: [] },
    },
  ];
}

const ref = (name: string) => `airesource:default/${name}`;

describe.each(databases.eachSupportedId())(
  'evidence rules on %p',
  databaseId => {
    let backend: AgentRiskTestBackend;
    const get = (path: string) =>
      request(backend.server)
        .get(`/api/agent-risk${path}`)
        .set('Authorization', userAuth());
    const detail = async (name: string) =>
      (await get(`/agents/airesource/default/${name}`).expect(200))
        .body as AgentRiskRecord;
    const list = async (query: string) =>
      (await get(`/agents?${query}`).expect(200)).body as AgentListResponse;

    beforeAll(async () => {
      backend = await startAgentRiskTestBackend({
        databases,
        databaseId,
        entities: catalog(),
      });
      await syncNow(backend);
    });

    it('finds what a low declaration understates, with the facts, and leaves the score alone', async () => {
      const codegen = await detail('codegen');
      expect(codegen.understated).toBe(true);
      expect(codegen.evidence).toEqual([
        {
          rule: 'writes-through-tools',
          factor: 'dynamic-tool-use',
          bound: 0.5,
          declared: 0.1,
          facts: [
            "calls api:default/github-mcp's push_files, which may write",
            "calls api:default/github-mcp's delete_repository, which may write",
          ],
        },
        {
          rule: 'destroys-through-tools',
          factor: 'dynamic-tool-use',
          bound: 0.8,
          declared: 0.1,
          facts: [
            "calls api:default/github-mcp's delete_repository, which may destroy",
          ],
        },
        {
          rule: 'talks-to-agents',
          factor: 'multi-agent-interactions',
          bound: 0.5,
          declared: 0.1,
          facts: ['reaches airesource:default/helper'],
        },
        {
          rule: 'keeps-state',
          factor: 'persistent-memory',
          bound: 0.5,
          declared: 0.1,
          facts: ['depends on resource:default/orders-db, a database'],
        },
        {
          rule: 'reaches-production',
          factor: 'contextual-awareness',
          bound: 0.5,
          declared: 0.1,
          facts: [
            'reaches airesource:default/helper (production)',
            'reaches api:default/github-mcp (production)',
          ],
        },
      ]);
      // The score stays the assessment's.
      const own = scoreEntity(catalog()[0]);
      expect(codegen.score).toBe(own.score);
      expect(codegen.factors['dynamic-tool-use']).toBe(0.1);
    });

    it('finds nothing where the declaration already says it, and reports an unauthenticated card without calling it understated', async () => {
      expect((await detail('careful')).evidence).toEqual([]);
      expect((await detail('plain')).evidence).toEqual([]);
      const card = await detail('card-bot');
      expect(card.understated).toBe(false);
      expect(card.evidence).toEqual([
        {
          rule: 'unauthenticated-card',
          factor: null,
          bound: null,
          declared: null,
          facts: ['its agent card declares no security scheme'],
        },
      ]);
    });

    it('filters the ranking by understated, with keyset paging intact', async () => {
      const first = await list(
        'understated=true&limit=1&orderBy=name&order=asc',
      );
      expect(first.totalCount).toBe(2);
      expect(first.items.map(i => [i.entityRef, i.understated])).toEqual([
        [ref('codegen'), true],
      ]);
      expect(first.nextCursor).not.toBeNull();
      const second = await list(
        `understated=true&limit=1&orderBy=name&order=asc&cursor=${encodeURIComponent(
          first.nextCursor!,
        )}`,
      );
      expect(second.items.map(i => i.entityRef)).toEqual([ref('codegen-two')]);
      expect(second.nextCursor).toBeNull();

      const rest = await list('understated=false&limit=500');
      expect(rest.items.map(i => i.entityRef).sort()).toEqual(
        [ref('card-bot'), ref('careful'), ref('helper'), ref('plain')].sort(),
      );
      expect(rest.items.every(i => i.understated === false)).toBe(true);
      await get('/agents?understated=maybe').expect(400);
    });

    it('writes the findings in words in the CSV', async () => {
      const csv = (await get('/agents.csv?understated=true').expect(200)).text;
      const [header, ...rows] = csv.trim().split('\r\n');
      expect(header.split(',')).toEqual(
        expect.arrayContaining(['understated', 'evidence']),
      );
      expect(rows).toHaveLength(2);
      expect(csv).toContain(
        "Declares dynamic tool use 0.1, but calls api:default/github-mcp's push_files, which may write (and 1 more fact): at least 0.5",
      );
    });

    it('follows the facts on the next sync although the agent did not change', async () => {
      backend.catalog.entities = catalog(READ_ONLY_TOOLS);
      await syncNow(backend);
      const two = await detail('codegen-two');
      expect(two.evidence).toEqual([
        expect.objectContaining({ rule: 'reaches-production' }),
      ]);
      expect(two.understated).toBe(true);
      const codegen = await detail('codegen');
      expect(codegen.evidence.map(f => f.rule)).toEqual([
        'talks-to-agents',
        'keeps-state',
        'reaches-production',
      ]);
      backend.catalog.entities = catalog();
      await syncNow(backend);
    });

    it("redraws a registry agent's findings when its owner saves the evidence-applied factors, audited with the reason", async () => {
      const entity = registryTestAgent({
        name: 'evidence-helper',
        factor: '0.1',
      });
      entity.spec = { ...entity.spec, dependsOn: ['api:default/github-mcp'] };
      await request(backend.server)
        .post('/api/agent-risk/registry/agents')
        .set('Authorization', userAuth())
        .send({ entity, reason: 'New agent' })
        .expect(201);
      const before = await detail('evidence-helper');
      expect(before.understated).toBe(true);
      expect(before.evidence.map(f => f.rule)).toEqual([
        'writes-through-tools',
        'destroys-through-tools',
        'reaches-production',
      ]);

      const raised = {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            'aivss.owasp.org/dynamic-tool-use': '0.8',
            'aivss.owasp.org/contextual-awareness': '0.5',
          },
        },
      };
      const reason =
        'Raised to what the evidence shows: dynamic tool use 0.1 → 0.8, contextual awareness 0.1 → 0.5';
      await request(backend.server)
        .put('/api/agent-risk/registry/agents/default/evidence-helper')
        .set('Authorization', userAuth())
        .send({ entity: raised, reason })
        .expect(200);
      const after = await detail('evidence-helper');
      expect(after.evidence).toEqual([]);
      expect(after.understated).toBe(false);
      expect(after.factors['dynamic-tool-use']).toBe(0.8);
      expect(after.score).toBe(scoreEntity(raised).score);
      const audit = await get(
        '/agents/airesource/default/evidence-helper/audit',
      ).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'update', reason });
    });

    it('keeps the stored findings when the facts cannot be read', async () => {
      const database = await createAgentRiskDatabase(backend.knex, {
        skipMigrations: true,
      });
      const warnings: string[] = [];
      const service = new EvidenceService({
        source: {
          factsFor: async () => {
            throw new Error('catalog unavailable');
          },
        },
        store: database.evidence,
        logger: { warn: (m: string) => warnings.push(m) } as any,
      });
      expect(await service.update([catalog()[0]])).toBe(0);
      expect(warnings[0]).toContain('catalog unavailable');
      expect((await detail('codegen')).evidence).toHaveLength(5);
      expect(await database.evidence.getEvidence(ref('codegen'))).toHaveLength(
        5,
      );
    });
  },
);
