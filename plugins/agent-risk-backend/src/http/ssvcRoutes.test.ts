import request from 'supertest';
import { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import {
  AgentListItem,
  AgentListResponse,
  AgentRiskRecord,
  REVIEWED_AT_ANNOTATION,
  RiskSummary,
  RiskTrendResponse,
  SSVC_ANNOTATIONS,
} from '@agent-risk/plugin-agent-risk-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { agentEntity, registryTestAgent } from '../__testUtils__/entities';
import { SSVC_BY_OUTCOME } from '../__testUtils__/ssvc';
import {
  AgentRiskTestBackend,
  catalogAuth,
  startAgentRiskTestBackend,
  syncNow,
  TestPolicy,
  userAuth,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const DAY_MS = 24 * 60 * 60 * 1000;
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

/** A date `days` ago, as a YAML agent declares its review (date only). */
const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

const agent = (
  name: string,
  ssvc: Record<string, string>,
  extra: Record<string, string> = {},
  dependsOn?: string[],
): Entity => {
  const entity = agentEntity({
    name,
    factor: '0.5',
    cvssBase: '7.0',
    extraAnnotations: { ...ssvc, ...extra },
  });
  if (dependsOn) {
    entity.spec = { ...entity.spec, dependsOn };
  }
  return entity;
};

const filesMcp: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'files-mcp',
    title: 'Files MCP server',
    annotations: {
      'agent-risk.io/mcp-endpoint': 'https://mcp.example.com/files',
    },
  },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:default/ai-platform',
    definition: 'tools: [read_file]',
  },
};

/**
 * One agent per outcome, one whose Out-of-Cycle deadline passed while its
 * review (90-day cadence) is not yet due, one with an incomplete and one
 * without an SSVC assessment, and an MCP server.
 */
function catalog(): Entity[] {
  return [
    agent('immediate-bot', SSVC_BY_OUTCOME.Immediate, {}, [
      'api:default/files-mcp',
      'airesource:default/defer-bot',
    ]),
    agent('late-bot', SSVC_BY_OUTCOME['Out-of-Cycle'], {
      [REVIEWED_AT_ANNOTATION]: daysAgo(40),
    }),
    agent('scheduled-bot', SSVC_BY_OUTCOME.Scheduled),
    agent('defer-bot', SSVC_BY_OUTCOME.Defer),
    agent('partial-bot', { [SSVC_ANNOTATIONS.threat]: 'poc' }),
    agent('plain-bot', {}),
    filesMcp,
  ];
}

const ref = (name: string) => `airesource:default/${name}`;
const agentPath = (name: string) => `/agents/airesource/default/${name}`;

describe.each(databases.eachSupportedId())(
  'AIVSS-SSVC decisions and the CycloneDX export on %p',
  databaseId => {
    async function start(policy?: TestPolicy, entities = catalog()) {
      const backend = await startAgentRiskTestBackend({
        databases,
        databaseId,
        entities,
        policy,
      });
      await syncNow(backend);
      return backend;
    }
    const get = (b: AgentRiskTestBackend, path: string) =>
      request(b.server)
        .get(`/api/agent-risk${path}`)
        .set('Authorization', userAuth());
    const list = async (b: AgentRiskTestBackend, query = '') =>
      (await get(b, `/agents?limit=500${query}`).expect(200))
        .body as AgentListResponse;
    const byName = (items: AgentListItem[]) =>
      new Map(items.map(i => [i.entityRef.split('/')[1], i]));

    it('stores each decision with its dates; a sync keeps the date while the SSVC inputs stay', async () => {
      const before = new Date().toISOString();
      const b = await start();
      const after = new Date().toISOString();
      const items = byName((await list(b)).items);

      const immediate = items.get('immediate-bot')!.ssvc!;
      expect(immediate).toMatchObject({
        status: 'scored',
        outcome: 'Immediate',
        agentClass: 'Prime Mover',
        riskScore: 57.6,
        overdue: false,
      });
      // No reviewedAt: assessed when the backend first saw the inputs.
      expect(immediate.assessedAt! >= before).toBe(true);
      expect(immediate.assessedAt! <= after).toBe(true);
      expect(Date.parse(immediate.dueAt!)).toBe(
        Date.parse(immediate.assessedAt!) + 7 * DAY_MS,
      );

      const late = items.get('late-bot')!;
      expect(late.ssvc).toMatchObject({
        outcome: 'Out-of-Cycle',
        assessedAt: `${daysAgo(40)}T00:00:00.000Z`,
        dueAt: new Date(
          Date.parse(`${daysAgo(40)}T00:00:00.000Z`) + 30 * DAY_MS,
        ).toISOString(),
        overdue: true,
      });
      // Reviewed 40 days ago on a 90-day cadence: overdue by its SSVC deadline alone.
      expect(Date.parse(late.reviewDue!)).toBeGreaterThan(Date.now());
      expect(late.reviewOverdue).toBe(true);

      expect(items.get('defer-bot')!.ssvc).toMatchObject({
        outcome: 'Defer',
        dueAt: null,
        overdue: false,
      });
      expect(items.get('partial-bot')!.ssvc).toMatchObject({
        status: 'incomplete',
        outcome: null,
        agentClass: null,
        dueAt: null,
      });
      expect(items.get('plain-bot')!.ssvc).toBeNull();

      const detail = (await get(b, agentPath('immediate-bot')).expect(200))
        .body as AgentRiskRecord;
      expect(detail.ssvc).toEqual({
        ...immediate,
        categoryAverages: { A: 5, B: 5, C: 5 },
        exposure: 8,
        likelihood: 0.72,
        errors: [],
      });
      const partial = (await get(b, agentPath('partial-bot')).expect(200))
        .body as AgentRiskRecord;
      expect(partial.ssvc!.errors).toContainEqual(
        expect.objectContaining({ field: SSVC_ANNOTATIONS.impact }),
      );

      // A change elsewhere keeps the assessment date; a new SSVC input moves it.
      b.catalog.entities = b.catalog.entities.map(e =>
        e.metadata.name === 'immediate-bot'
          ? { ...e, metadata: { ...e.metadata, title: 'Renamed' } }
          : e,
      );
      await syncNow(b);
      const renamed = byName((await list(b)).items).get('immediate-bot')!;
      expect(renamed.title).toBe('Renamed');
      expect(renamed.ssvc!.assessedAt).toBe(immediate.assessedAt);

      b.catalog.entities = b.catalog.entities.map(e =>
        e.metadata.name === 'immediate-bot'
          ? {
              ...e,
              metadata: {
                ...e.metadata,
                annotations: {
                  ...e.metadata.annotations,
                  [SSVC_ANNOTATIONS.impact]: 'significant',
                },
              },
            }
          : e,
      );
      await syncNow(b);
      const reassessed = byName((await list(b)).items).get('immediate-bot')!;
      expect(reassessed.ssvc!.outcome).toBe('Immediate');
      expect(reassessed.ssvc!.assessedAt! > immediate.assessedAt!).toBe(true);
    });

    it('filters by outcome and pages through the ranking by due date', async () => {
      const b = await start();
      const names = async (query: string) =>
        (await list(b, query)).items.map(i => i.entityRef.split('/')[1]).sort();
      expect(await names('&ssvcOutcome=Immediate')).toEqual(['immediate-bot']);
      expect(await names('&ssvcOutcome=Scheduled&ssvcOutcome=Defer')).toEqual([
        'defer-bot',
        'scheduled-bot',
      ]);
      expect(await names('&ssvcOutcome=none')).toEqual([
        'partial-bot',
        'plain-bot',
      ]);
      expect(await names('&reviewOverdue=false')).toEqual([]);
      const bad = await get(b, '/agents?ssvcOutcome=Soon').expect(400);
      expect(bad.body.error.message).toContain('"ssvcOutcome"');

      // Earliest due first, agents without a due date last, by keyset pages of one.
      const seen: AgentListItem[] = [];
      let cursor: string | null = null;
      do {
        const page: AgentListResponse = (
          await get(
            b,
            `/agents?orderBy=dueAt&order=asc&limit=1${
              cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
            }`,
          ).expect(200)
        ).body;
        expect(page.totalCount).toBe(6);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.map(i => i.entityRef.split('/')[1])).toEqual([
        'late-bot',
        'immediate-bot',
        'scheduled-bot',
        // No due date: by entity ref.
        'defer-bot',
        'partial-bot',
        'plain-bot',
      ]);
      const descending = await list(b, '&orderBy=dueAt&order=desc');
      // Ties keep entity ref order in both directions.
      expect(descending.items.map(i => i.entityRef)).toEqual([
        ref('defer-bot'),
        ref('partial-bot'),
        ref('plain-bot'),
        ref('scheduled-bot'),
        ref('immediate-bot'),
        ref('late-bot'),
      ]);

      const csv = await get(
        b,
        '/agents.csv?orderBy=dueAt&order=asc&ssvcOutcome=Out-of-Cycle',
      ).expect(200);
      const [header, row] = csv.text.split('\r\n');
      const column = header.split(',').indexOf('ssvc');
      expect(column).toBeGreaterThan(-1);
      expect(row).toContain(ref('late-bot'));
      expect(row).toContain(
        `Out-of-Cycle, due ${new Date(
          Date.parse(`${daysAgo(40)}T00:00:00Z`) + 30 * DAY_MS,
        )
          .toISOString()
          .slice(0, 10)} (overdue)`,
      );
    });

    it('counts outcomes and overdue decisions in the summary and the trends', async () => {
      const b = await start();
      const summary = (await get(b, '/summary').expect(200))
        .body as RiskSummary;
      const counts = {
        Immediate: 1,
        'Out-of-Cycle': 1,
        Scheduled: 1,
        Defer: 1,
        none: 2,
      };
      expect(summary.bySsvcOutcome).toEqual(counts);
      expect(summary.ssvcOverdue).toBe(1);
      const filtered = (
        await get(b, '/summary?ssvcOutcome=Immediate').expect(200)
      ).body as RiskSummary;
      expect(filtered.totalAgents).toBe(1);
      expect(filtered.ssvcOverdue).toBe(0);

      const trends = (await get(b, '/trends?days=3').expect(200))
        .body as RiskTrendResponse;
      expect(trends.points[2].bySsvcOutcome).toEqual(counts);
      expect(trends.points[0].bySsvcOutcome.Immediate).toBe(0);
    });

    it('exports what the caller may read as a CycloneDX 1.6 BOM', async () => {
      const hidden = agent('hidden-bot', SSVC_BY_OUTCOME.Immediate);
      const team: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'ai-platform', title: 'AI Platform' },
        spec: { type: 'team', children: [] },
      };
      const b = await start({ catalogRead: 'conditional' }, [
        ...catalog(),
        hidden,
        team,
      ]);
      b.catalog.hiddenFromUsers = new Set(['airesource:default/hidden-bot']);
      // A registry agent that depends on a YAML agent, as the catalog serves it.
      await request(b.server)
        .post('/api/agent-risk/registry/agents')
        .set('Authorization', userAuth())
        .send({
          entity: {
            ...registryTestAgent({
              extraAnnotations: SSVC_BY_OUTCOME.Scheduled,
            }),
            spec: {
              ...registryTestAgent().spec,
              dependsOn: ['airesource:default/immediate-bot'],
            },
          },
          reason: 'registered for the BOM test',
        })
        .expect(res => expect(res.body.error?.message).toBeUndefined())
        .expect(201);
      const snapshot = await request(b.server)
        .get('/api/agent-risk/registry/entities')
        .set('Authorization', catalogAuth())
        .expect(200);
      b.catalog.entities.push(...snapshot.body.entities);
      await syncNow(b);

      const res = await get(b, '/export/cyclonedx').expect(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.cyclonedx+json; version=1.6',
      );
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="agent-risk-bom-${new Date()
          .toISOString()
          .slice(0, 10)}.cdx.json"`,
      );
      expect(await validator.validate(res.text)).toBeNull();
      const bom = JSON.parse(res.text);
      const components = new Map<string, any>(
        bom.components.map((c: any) => [c['bom-ref'], c]),
      );
      const property = (c: any, name: string) =>
        c.properties.find((p: any) => p.name === name)?.value;
      const refs = [...components.keys()].map(r => r.toLowerCase()).sort();
      expect(refs).toEqual([
        ref('defer-bot'),
        ref('immediate-bot'),
        ref('invoice-helper'),
        ref('late-bot'),
        ref('partial-bot'),
        ref('plain-bot'),
        ref('scheduled-bot'),
      ]);
      const byRef = (r: string) =>
        [...components.values()].find(c => c['bom-ref'].toLowerCase() === r);
      const registered = byRef(ref('invoice-helper'));
      expect(property(registered, 'agent-risk:source')).toBe('registry');
      expect(property(registered, 'agent-risk:ssvc:outcome')).toBe('Scheduled');
      const immediate = byRef(ref('immediate-bot'));
      expect(property(immediate, 'agent-risk:source')).toBe('catalog');
      expect(property(immediate, 'agent-risk:ssvc:outcome')).toBe('Immediate');

      expect(bom.services.map((s: any) => s['bom-ref'])).toEqual([
        'api:default/files-mcp',
      ]);
      expect(bom.services[0].endpoints).toEqual([
        'https://mcp.example.com/files',
      ]);
      // The tools its entity lists, one property each.
      expect(
        bom.services[0].properties
          .filter((p: any) => p.name === 'agent-risk:mcp:tool')
          .map((p: any) => p.value),
      ).toEqual(['read_file']);
      const dependsOn = (r: string) =>
        bom.dependencies
          .find((d: any) => d.ref.toLowerCase() === r)
          ?.dependsOn?.map((d: string) => d.toLowerCase())
          .sort();
      expect(dependsOn(ref('immediate-bot'))).toEqual([
        ref('defer-bot'),
        'api:default/files-mcp',
      ]);
      expect(dependsOn(ref('invoice-helper'))).toEqual([ref('immediate-bot')]);
      expect(res.text).not.toContain('hidden-bot');

      // The ranking's filters apply: only Immediate agents, and the server one reaches.
      const filtered = await get(
        b,
        '/export/cyclonedx?ssvcOutcome=Immediate',
      ).expect(200);
      expect(await validator.validate(filtered.text)).toBeNull();
      const only = JSON.parse(filtered.text);
      expect(only.components.map((c: any) => c['bom-ref'])).toEqual([
        expect.stringMatching(/immediate-bot$/i),
      ]);
      expect(only.services.map((s: any) => s['bom-ref'])).toEqual([
        'api:default/files-mcp',
      ]);

      await get(b, '/export/cyclonedx?orderBy=soon').expect(400);
      await request(b.server)
        .get('/api/agent-risk/export/cyclonedx')
        .expect(401);
    });

    it('MCP actions return the outcome and due date, and validate SSVC annotations', async () => {
      const b = await start();
      const user = mockCredentials.user('user:default/guest');
      const { output: ranking } = await b.actions.invoke({
        id: 'test:list-riskiest-agents',
        input: { orderBy: 'dueAt', limit: 2 },
        credentials: user,
      });
      expect((ranking as any).items.map((i: any) => i.ssvc.outcome)).toEqual([
        'Out-of-Cycle',
        'Immediate',
      ]);
      expect((ranking as any).items[0].ssvc.overdue).toBe(true);
      const { output: outcomes } = await b.actions.invoke({
        id: 'test:list-riskiest-agents',
        input: { ssvcOutcome: ['Defer'] },
        credentials: user,
      });
      expect((outcomes as any).items.map((i: any) => i.entityRef)).toEqual([
        ref('defer-bot'),
      ]);

      const { output: detail } = await b.actions.invoke({
        id: 'test:get-agent-risk',
        input: { entityRef: ref('partial-bot') },
        credentials: user,
      });
      const ssvc = (detail as any).agent.ssvc;
      expect(ssvc.status).toBe('incomplete');
      expect(ssvc.errors[0].message).toEqual({
        untrustedText: expect.any(String),
        truncated: false,
      });
      const { output: immediate } = await b.actions.invoke({
        id: 'test:get-agent-risk',
        input: { entityRef: ref('immediate-bot') },
        credentials: user,
      });
      expect((immediate as any).agent.ssvc).toMatchObject({
        outcome: 'Immediate',
        dueAt: expect.any(String),
      });

      const { output: validation } = await b.actions.invoke({
        id: 'test:validate-agent-annotations',
        input: {
          annotations: {
            ...SSVC_BY_OUTCOME.Defer,
            [SSVC_ANNOTATIONS.threat]: 'rumoured',
          },
        },
        credentials: user,
      });
      expect(validation).toMatchObject({
        valid: false,
        problems: [expect.objectContaining({ field: SSVC_ANNOTATIONS.threat })],
      });
      const { output: whatIf } = await b.actions.invoke({
        id: 'test:score-agent-annotations',
        input: { annotations: SSVC_BY_OUTCOME['Out-of-Cycle'] },
        credentials: user,
      });
      expect((whatIf as any).result.ssvc).toMatchObject({
        status: 'scored',
        outcome: 'Out-of-Cycle',
        agentClass: 'Copilot',
      });
    });
  },
);
