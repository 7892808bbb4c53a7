import { JsonObject } from '@backstage/types';
import { Entity } from '@backstage/catalog-model';
import {
  AgentRiskRecord,
  ReachedByResponse,
  RiskSummary,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity } from '../__testUtils__/entities';
import request from 'supertest';
import {
  AgentRiskTestBackend,
  syncNow,
  userAuth,
} from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests();

type Rel = [type: string, target: string];

function entity(
  kind: string,
  name: string,
  spec: JsonObject,
  relations: Rel[] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

function agent(
  name: string,
  factor: string,
  cvssBase: string,
  relations: Rel[],
): Entity {
  return {
    ...agentEntity({ name, factor, cvssBase }),
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

const CODEGEN = 'airesource:default/codegen';
const HELPER = 'airesource:default/helper';
const LONER = 'airesource:default/loner';
const GITHUB_MCP = 'api:default/github-mcp';
const GITHUB_SERVER = 'component:default/github-mcp-server';
const DEVTOOLS = 'system:default/devtools';
const VECTORS = 'resource:default/vectors';
const PAYMENTS = 'system:default/payments';
const GHOST = 'component:default/ghost';

/**
 * Codegen uses the GitHub MCP server (provided by a production component of
 * devtools), a vector store of payments, a component the catalog does not
 * hold, and Helper, which uses Codegen back (a cycle). Loner reaches only
 * its own database.
 */
function catalog(): Entity[] {
  return [
    agent('codegen', '1', '9.8', [
      ['dependsOn', GITHUB_MCP],
      ['dependsOn', VECTORS],
      ['dependsOn', GHOST],
      ['dependsOn', HELPER],
    ]),
    agent('helper', '0.3', '4.0', [
      ['dependsOn', CODEGEN],
      ['consumesApi', GITHUB_MCP],
    ]),
    agent('loner', '0.5', '7.0', [['dependsOn', 'resource:default/loner-db']]),
    entity(
      'API',
      'github-mcp',
      { type: 'mcp-server', lifecycle: 'production' },
      [
        ['apiProvidedBy', GITHUB_SERVER],
        ['partOf', DEVTOOLS],
      ],
    ),
    entity(
      'Component',
      'github-mcp-server',
      { type: 'service', lifecycle: 'production' },
      [
        ['partOf', DEVTOOLS],
        ['providesApi', GITHUB_MCP],
      ],
    ),
    entity('System', 'devtools', {}),
    entity('Resource', 'vectors', { type: 'vector-store' }, [
      ['partOf', PAYMENTS],
    ]),
    entity('System', 'payments', {}),
    entity('Resource', 'loner-db', { type: 'database' }),
  ];
}

describe.each(databases.eachSupportedId())('reach on %p', databaseId => {
  const { get, start } = on(databaseId);
  const reachOf = async (
    b: AgentRiskTestBackend,
    name: string,
    user?: string,
  ) =>
    (
      (await get(b, `/agents/airesource/default/${name}`, user).expect(200))
        .body as AgentRiskRecord
    ).reach;
  const computedAt = async (b: AgentRiskTestBackend) =>
    Object.fromEntries(
      (await b.knex('agent_risk_reach').select('agent_ref', 'computed_at')).map(
        (r: { agent_ref: string; computed_at: string }) => [
          r.agent_ref,
          r.computed_at,
        ],
      ),
    );
  const tick = () => new Promise(resolve => setTimeout(resolve, 10));

  it('walks dependsOn, consumesApi, apiProvidedBy and partOf to the depth, one shortest path each, through cycles and past missing targets', async () => {
    const b = await start({ entities: catalog() });
    const reach = await reachOf(b, 'codegen');
    expect(reach).not.toBeNull();
    const paths = Object.fromEntries(
      reach!.entities.map(e => [e.entityRef, e.path]),
    );
    expect(paths).toEqual({
      [GITHUB_MCP]: [GITHUB_MCP],
      [VECTORS]: [VECTORS],
      [HELPER]: [HELPER],
      [GITHUB_SERVER]: [GITHUB_MCP, GITHUB_SERVER],
      [PAYMENTS]: [VECTORS, PAYMENTS],
      [DEVTOOLS]: [GITHUB_MCP, GITHUB_SERVER, DEVTOOLS],
    });
    // Nearest first; the missing component is not named, the cycle back to Codegen not followed.
    expect(reach!.entities.map(e => e.path.length)).toEqual([1, 1, 1, 2, 2, 3]);
    expect(reach!.agents).toEqual([HELPER]);
    expect(reach!.production.sort()).toEqual([
      HELPER,
      GITHUB_MCP,
      GITHUB_SERVER,
    ]);
    expect(reach!.hidden).toBe(0);
    expect(reach!.bySystem).toEqual([
      { system: DEVTOOLS, entities: [GITHUB_MCP, GITHUB_SERVER, DEVTOOLS] },
      { system: PAYMENTS, entities: [VECTORS, PAYMENTS] },
      { system: null, entities: [HELPER] },
    ]);
    const server = reach!.entities.find(e => e.entityRef === GITHUB_SERVER)!;
    expect(server).toMatchObject({
      kind: 'component',
      type: 'service',
      lifecycle: 'production',
      system: DEVTOOLS,
    });
    // Helper's walk goes through Codegen (an agent it depends on) and stops at its start.
    const helper = await reachOf(b, 'helper');
    expect(helper!.entities.map(e => e.entityRef)).toEqual([
      CODEGEN,
      GITHUB_MCP,
      VECTORS,
      GITHUB_SERVER,
      PAYMENTS,
      DEVTOOLS,
    ]);
  });

  it('stops at agentRisk.reach.depth', async () => {
    const b = await start({
      entities: catalog(),
      config: { reach: { depth: 1 } },
    });
    const reach = await reachOf(b, 'codegen');
    expect(reach!.entities.map(e => e.entityRef).sort()).toEqual(
      [GITHUB_MCP, HELPER, VECTORS].sort(),
    );
  });

  it('lists the agents that reach an entity, riskiest first, with their paths', async () => {
    const b = await start({ entities: catalog() });
    const res = (
      await get(b, '/reached-by/system/default/devtools').expect(200)
    ).body as ReachedByResponse;
    expect(res.entityRef).toBe(DEVTOOLS);
    expect(res.totalCount).toBe(2);
    expect(res.hidden).toBe(0);
    expect(res.items.map(i => [i.entityRef, i.severity, i.path])).toEqual([
      [CODEGEN, 'critical', [GITHUB_MCP, GITHUB_SERVER, DEVTOOLS]],
      [HELPER, expect.any(String), [GITHUB_MCP, GITHUB_SERVER, DEVTOOLS]],
    ]);
    expect(res.items[0].score!).toBeGreaterThan(res.items[1].score!);
    const one = (
      await get(b, '/reached-by/system/default/devtools?limit=1').expect(200)
    ).body as ReachedByResponse;
    expect(one.items.map(i => i.entityRef)).toEqual([CODEGEN]);
    expect(one.totalCount).toBe(2);
    await get(b, '/reached-by/system/default/devtools?limit=0').expect(400);
    const nobody = (
      await get(b, '/reached-by/resource/default/nothing').expect(200)
    ).body as ReachedByResponse;
    expect(nobody).toMatchObject({ totalCount: 0, items: [] });
  });

  it('the summary lists the systems Critical and High agents reach, with counts', async () => {
    const b = await start({ entities: catalog() });
    const summary = (await get(b, '/summary').expect(200)).body as RiskSummary;
    const helperSeverity = (
      (await get(b, '/agents/airesource/default/helper').expect(200))
        .body as AgentRiskRecord
    ).severity;
    const lonerSeverity = (
      (await get(b, '/agents/airesource/default/loner').expect(200))
        .body as AgentRiskRecord
    ).severity;
    expect(lonerSeverity).toBe('high');
    expect(['critical', 'high']).not.toContain(helperSeverity);
    // Loner's database is in no system: no row for it.
    expect(summary.exposure).toEqual([
      { system: DEVTOOLS, critical: 1, high: 0 },
      { system: PAYMENTS, critical: 1, high: 0 },
    ]);
  });

  it('counts entities the caller may not read, never names them', async () => {
    const b = await start({
      entities: catalog(),
      policy: { catalogRead: 'conditional' },
    });
    b.catalog.hiddenFromUsers.add(GITHUB_SERVER);
    b.catalog.hiddenFromUsers.add(PAYMENTS);
    const reach = await reachOf(b, 'codegen');
    const text = JSON.stringify(reach);
    expect(text).not.toContain(GITHUB_SERVER);
    expect(text).not.toContain(PAYMENTS);
    // The server, devtools behind it, and payments.
    expect(reach!.hidden).toBe(3);
    expect(reach!.entities.map(e => e.entityRef)).toEqual([
      HELPER,
      GITHUB_MCP,
      VECTORS,
    ]);
    expect(reach!.entities.find(e => e.entityRef === VECTORS)!.system).toBe(
      null,
    );
    // The reverse: a hidden entity is not found; a path through one is withheld.
    await get(b, '/reached-by/component/default/github-mcp-server').expect(404);
    const devtools = (
      await get(b, '/reached-by/system/default/devtools').expect(200)
    ).body as ReachedByResponse;
    expect(devtools.items).toEqual([]);
    expect(devtools.hidden).toBe(2);
    const summary = (await get(b, '/summary').expect(200)).body as RiskSummary;
    expect(summary.exposure.map(e => e.system)).toEqual([DEVTOOLS]);
  });

  it("recomputes a refreshed agent's reach at once, as the sync would, and leaves the others", async () => {
    const b = await start({ entities: catalog() });
    const before = await computedAt(b);
    const loner = b.catalog.entities.find(e => e.metadata.name === 'loner')!;
    loner.relations = [
      ...(loner.relations ?? []),
      { type: 'consumesApi', targetRef: GITHUB_MCP },
      // Not a kind reach reads: missing, as in the sync.
      { type: 'dependsOn', targetRef: 'group:default/team' },
    ];
    await tick();
    await request(b.server)
      .post('/api/agent-risk/agents/airesource/default/loner/refresh')
      .set('Authorization', userAuth())
      .expect(200);
    const refreshed = (await reachOf(b, 'loner'))!;
    expect(refreshed.entities.map(e => e.entityRef)).toEqual(
      expect.arrayContaining([GITHUB_MCP, GITHUB_SERVER, DEVTOOLS]),
    );
    const after = await computedAt(b);
    expect(after[LONER]).not.toBe(before[LONER]);
    expect(after[CODEGEN]).toBe(before[CODEGEN]);
    // The API's reverse view knows at once too.
    const reachedBy = (
      await get(b, '/reached-by/api/default/github-mcp').expect(200)
    ).body as ReachedByResponse;
    expect(reachedBy.items.map(i => i.entityRef)).toContain(LONER);
    // What the sync computes for it is the same.
    await syncNow(b);
    const synced = (await reachOf(b, 'loner'))!;
    expect({ ...synced, computedAt: undefined }).toEqual({
      ...refreshed,
      computedAt: undefined,
    });
  });

  it('recomputes only the agents whose reach a change is on, within one sync', async () => {
    const entities = catalog();
    const b = await start({ entities });
    const first = await computedAt(b);
    expect(Object.keys(first).sort()).toEqual([CODEGEN, HELPER, LONER]);

    // Nothing changed: nothing recomputed.
    await tick();
    await syncNow(b);
    expect(await computedAt(b)).toEqual(first);

    // The server leaves production: both agents reaching it, not Loner.
    await tick();
    const server = b.catalog.entities.find(
      e => e.metadata.name === 'github-mcp-server',
    )!;
    server.spec = { ...server.spec, lifecycle: 'experimental' };
    await syncNow(b);
    const second = await computedAt(b);
    expect(second[CODEGEN]).not.toBe(first[CODEGEN]);
    expect(second[HELPER]).not.toBe(first[HELPER]);
    expect(second[LONER]).toBe(first[LONER]);
    expect((await reachOf(b, 'codegen'))!.production).toEqual([
      HELPER,
      GITHUB_MCP,
    ]);

    // The missing component appears: Codegen, which names it, picks it up.
    await tick();
    b.catalog.entities.push(
      entity('Component', 'ghost', {
        type: 'service',
        lifecycle: 'production',
      }),
    );
    await syncNow(b);
    const third = await computedAt(b);
    expect(third[CODEGEN]).not.toBe(second[CODEGEN]);
    expect(third[HELPER]).not.toBe(second[HELPER]); // it reaches Codegen's uses too
    expect(third[LONER]).toBe(second[LONER]);
    expect(
      (await reachOf(b, 'codegen'))!.entities.map(e => e.entityRef),
    ).toContain(GHOST);

    // One relation added to Loner: only Loner.
    await tick();
    const loner = b.catalog.entities.find(e => e.metadata.name === 'loner')!;
    loner.relations = [
      ...(loner.relations ?? []),
      { type: 'consumesApi', targetRef: GITHUB_MCP },
    ];
    await syncNow(b);
    const fourth = await computedAt(b);
    expect(fourth[LONER]).not.toBe(third[LONER]);
    expect(fourth[CODEGEN]).toBe(third[CODEGEN]);
    expect(fourth[HELPER]).toBe(third[HELPER]);
    const reachedBy = (
      await get(b, '/reached-by/api/default/github-mcp').expect(200)
    ).body as ReachedByResponse;
    expect(reachedBy.items.map(i => i.entityRef)).toEqual([
      CODEGEN,
      LONER,
      HELPER,
    ]);

    // An entity leaves the catalog: the agents reaching it lose it.
    b.catalog.entities = b.catalog.entities.filter(
      e => e.metadata.name !== 'vectors',
    );
    await syncNow(b);
    const codegen = await reachOf(b, 'codegen');
    expect(codegen!.entities.map(e => e.entityRef)).not.toContain(VECTORS);
    expect(codegen!.entities.map(e => e.entityRef)).not.toContain(PAYMENTS);
    // An agent leaves: its reach goes.
    b.catalog.entities = b.catalog.entities.filter(
      e => e.metadata.name !== 'loner',
    );
    await syncNow(b);
    expect(Object.keys(await computedAt(b)).sort()).toEqual([CODEGEN, HELPER]);
  });
});
