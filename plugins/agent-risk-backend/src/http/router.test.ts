import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AgentListItem,
  AgentListResponse,
  AgentRiskRecord,
  isAgentEntity,
  RiskSummary,
  scoreEntity,
  scoreReason,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity, sampleCatalog } from '../__testUtils__/entities';
import {
  AgentRiskTestBackend,
  TestPolicy,
  userAuth,
} from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests();
const entities = sampleCatalog();
const agents = entities.filter(e => isAgentEntity(e));
/** What the common core says each agent scores: the oracle for every number below. */
const expected = new Map(
  agents.map(e => [scoreEntity(e).entityRef, scoreEntity(e)]),
);

describe.each(databases.eachSupportedId())(
  'agent-risk router on %p',
  databaseId => {
    const { get, ...backend } = on(databaseId);
    const start = (policy?: TestPolicy, config?: any) =>
      backend.start({ policy, config });

    async function allPages(
      b: AgentRiskTestBackend,
      query: string,
      limit: number,
    ) {
      const items: AgentListItem[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const cursorParam: string = cursor
          ? `&cursor=${encodeURIComponent(cursor)}`
          : '';
        const res = await get(
          b,
          `/agents?limit=${limit}${query}${cursorParam}`,
        ).expect(200);
        const body = res.body as AgentListResponse;
        items.push(...body.items);
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      return { items, pages };
    }

    it('lists every agent by score desc, unscored last, ties by entity ref, with the common core’s numbers', async () => {
      const b = await start();
      const res = await get(b, '/agents').expect(200);
      const body = res.body as AgentListResponse;
      expect(body.totalCount).toBe(agents.length);
      expect(body.nextCursor).toBeNull();
      expect(body.items.map(i => i.entityRef).sort()).toEqual(
        [...expected.keys()].sort(),
      );

      for (const item of body.items) {
        const oracle = expected.get(item.entityRef)!;
        expect(item).toMatchObject({
          status: oracle.status,
          score: oracle.score,
          severity: oracle.severity,
          model: 'aivss-0.8',
          cvssBase: oracle.cvssBase,
          factorSum: oracle.factorSum,
          reason: scoreReason({
            ...oracle,
            factors: oracle.assessment.factors,
          }),
        });
        expect(Object.keys(item).sort()).toEqual(
          [
            'entityRef',
            'title',
            'owner',
            'ownerTitle',
            'system',
            'systemTitle',
            'lifecycle',
            'model',
            'status',
            'score',
            'severity',
            'cvssBase',
            'cvssAssumed',
            'factorSum',
            'reason',
            'computedAt',
            'acceptance',
            'reviewedAt',
            'reviewDue',
            'reviewOverdue',
            'ssvc',
            'understated',
            'discovered',
            'assessed',
          ].sort(),
        );
      }
      // Unscored agents count as -1: after every scored one.
      const sortKey = (i: AgentListItem) => i.score ?? -1;
      const expectedOrder = [...body.items].sort(
        (x, y) =>
          sortKey(y) - sortKey(x) || (x.entityRef < y.entityRef ? -1 : 1),
      );
      expect(body.items.map(i => i.entityRef)).toEqual(
        expectedOrder.map(i => i.entityRef),
      );
      expect(body.items[body.items.length - 1].score).toBeNull();
      // support-bot and triage-agent have the same inputs, so they tie; the ref decides.
      const tieScore = expected.get('airesource:default/support-bot')!.score;
      const tied = body.items
        .filter(i => i.score === tieScore)
        .map(i => i.entityRef);
      expect(tied).toEqual(
        expect.arrayContaining([
          'airesource:default/support-bot',
          'component:default/triage-agent',
        ]),
      );
      expect(tied).toEqual([...tied].sort());

      const support = body.items.find(
        i => i.entityRef === 'airesource:default/support-bot',
      )!;
      // Display names come from the owner and system entities in the catalog.
      expect(support).toMatchObject({
        title: 'Support Bot',
        owner: 'group:default/ai-platform',
        ownerTitle: 'AI Platform',
        system: 'system:default/helpdesk',
        systemTitle: 'Help Desk',
        lifecycle: 'production',
      });
      expect(
        body.items.find(i => i.entityRef === 'airesource:default/code-fixer'),
      ).toMatchObject({
        owner: 'group:default/payments',
        ownerTitle: 'Payments',
        systemTitle: null,
      });
      // An owner without an entity has no display name.
      expect(
        body.items.find(i => i.entityRef === 'component:default/triage-agent'),
      ).toMatchObject({ owner: 'group:default/security', ownerTitle: null });
      const record = (
        await get(b, '/agents/airesource/default/support-bot').expect(200)
      ).body as AgentRiskRecord;
      expect(record).toMatchObject({
        ownerTitle: 'AI Platform',
        systemTitle: 'Help Desk',
      });
    });

    it('pages with an opaque keyset cursor without duplicates or gaps, in every order', async () => {
      const b = await start();
      const full = (await get(b, '/agents?limit=500').expect(200))
        .body as AgentListResponse;
      const { items, pages } = await allPages(b, '', 3);
      expect(pages).toBe(Math.ceil(agents.length / 3));
      expect(items.map(i => i.entityRef)).toEqual(
        full.items.map(i => i.entityRef),
      );

      for (const orderBy of [
        'name',
        'owner',
        'computedAt',
        'score',
        'cvssBase',
        'severity',
      ]) {
        for (const order of ['asc', 'desc']) {
          const one = (
            await get(
              b,
              `/agents?limit=500&orderBy=${orderBy}&order=${order}`,
            ).expect(200)
          ).body as AgentListResponse;
          const paged = await allPages(
            b,
            `&orderBy=${orderBy}&order=${order}`,
            2,
          );
          expect(paged.items.map(i => i.entityRef)).toEqual(
            one.items.map(i => i.entityRef),
          );
          expect(new Set(paged.items.map(i => i.entityRef)).size).toBe(
            agents.length,
          );
        }
      }
      const byOwner = (
        await get(b, '/agents?orderBy=owner&order=asc').expect(200)
      ).body as AgentListResponse;
      // By the name shown (the display name, else the ref's name), not the ref.
      const owners = byOwner.items.map(i =>
        (i.ownerTitle ?? i.owner?.split('/')[1] ?? '').toLocaleLowerCase(
          'en-US',
        ),
      );
      expect(owners).toEqual([...owners].sort());
      const byCvss = (
        await get(b, '/agents?orderBy=cvssBase&order=desc').expect(200)
      ).body as AgentListResponse;
      const bases = byCvss.items.map(i => i.cvssBase ?? -1);
      expect(bases).toEqual([...bases].sort((x, y) => y - x));
    });

    it('filters in the database, reading a repeated parameter as any of', async () => {
      const b = await start();
      const list = async (query: string) =>
        (await get(b, `/agents?${query}`).expect(200))
          .body as AgentListResponse;

      const payments = await list('owner=group:default/payments');
      expect(payments.items.map(i => i.entityRef).sort()).toEqual([
        'airesource:default/code-fixer',
        'airesource:default/draft-agent',
        'airesource:default/ops-pilot',
      ]);
      expect(payments.totalCount).toBe(3);
      // A bare name means a group in the default namespace.
      expect((await list('owner=payments')).totalCount).toBe(3);
      const either = await list('owner=payments&owner=group:default/security');
      expect(either.totalCount).toBe(5);

      const incomplete = await list('status=incomplete');
      expect(incomplete.items.map(i => i.entityRef)).toEqual([
        'airesource:default/draft-agent',
      ]);
      const invalid = await list('status=invalid&status=incomplete');
      expect(invalid.totalCount).toBe(2);

      const critical = [...expected.values()].filter(
        r => r.severity === 'critical',
      ).length;
      const high = [...expected.values()].filter(
        r => r.severity === 'high',
      ).length;
      expect((await list('severity=critical')).totalCount).toBe(critical);
      expect((await list('severity=critical&severity=high')).totalCount).toBe(
        critical + high,
      );

      expect(
        (await list('system=helpdesk')).items.map(i => i.entityRef),
      ).toEqual(['airesource:default/support-bot']);
      expect(
        (await list('lifecycle=experimental')).items.map(i => i.entityRef),
      ).toEqual(['airesource:default/report-writer']);
      // Free text: case-insensitive on name, title and ref; LIKE wildcards are literal.
      expect(
        (await list('q=SUPPORT%20bot')).items.map(i => i.entityRef),
      ).toEqual(['airesource:default/support-bot']);
      expect((await list('q=component:')).items.map(i => i.entityRef)).toEqual([
        'component:default/triage-agent',
      ]);
      expect((await list('q=%25')).totalCount).toBe(0);
      // Filters combine with paging.
      const paged = await allPages(b, '&owner=payments&owner=security', 2);
      expect(paged.items).toHaveLength(5);
    });

    it('filters in the words the page shows: titles and any case', async () => {
      const b = await start();
      const refs = async (query: string) =>
        (
          (await get(b, `/agents?${query}`).expect(200))
            .body as AgentListResponse
        ).items
          .map(i => i.entityRef)
          .sort();
      // Lifecycle in any case.
      expect(await refs('lifecycle=Experimental')).toEqual([
        'airesource:default/report-writer',
      ]);
      expect(await refs('lifecycle=PRODUCTION&lifecycle=experimental')).toEqual(
        [...expected.keys()].sort(),
      );
      // System by ref in any case, or by its title in any case.
      for (const system of [
        'helpdesk',
        'System:Default/HelpDesk',
        'Help%20Desk',
        'help%20desk',
      ]) {
        expect(await refs(`system=${system}`)).toEqual([
          'airesource:default/support-bot',
        ]);
      }
      expect(await refs('system=Help')).toEqual([]);
      // Free text matches the owner's and the system's display names.
      expect(await refs('q=ai%20platform')).toEqual(
        [...expected.keys()]
          .filter(ref =>
            ['support-bot', 'report-writer', 'low-agent'].some(n =>
              ref.endsWith(`/${n}`),
            ),
          )
          .sort(),
      );
      expect(await refs('q=HELP%20DESK')).toEqual([
        'airesource:default/support-bot',
      ]);
      // Keyset paging stays exact under the title filters.
      const paged = await allPages(
        b,
        '&q=ai%20platform&orderBy=name&order=asc',
        1,
      );
      expect(paged.items.map(i => i.entityRef).sort()).toEqual(
        await refs('q=ai%20platform'),
      );
      expect(paged.pages).toBe(3);
    });

    it('answers 400 naming the bad parameter, never 500', async () => {
      const b = await start();
      const cases: Array<[string, string]> = [
        ['limit=abc', 'limit'],
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['limit=1&limit=2', 'limit'],
        ['orderBy=x', 'orderBy'],
        ['order=sideways', 'order'],
        ['severity=extreme', 'severity'],
        ['status=done', 'status'],
        ['owner=group:', 'owner'],
        // NUL, control characters and lone surrogates never reach the database.
        // (Percent-encoded surrogates decode to U+FFFD; JSON in a cursor can hold them.)
        ['q=%00', 'q'],
        ['q=a%01b', 'q'],
        ['lifecycle=%00', 'lifecycle'],
        ['owner=a%00', 'owner'],
        ['system=x%00', 'system'],
        [
          `orderBy=name&order=asc&cursor=${Buffer.from(
            JSON.stringify({ o: 'name', d: 'asc', v: 'x\u0000', r: 'y' }),
          ).toString('base64url')}`,
          'cursor',
        ],
        [
          `orderBy=name&order=asc&cursor=${Buffer.from(
            JSON.stringify({ o: 'name', d: 'asc', v: 'x', r: 'y\u0000' }),
          ).toString('base64url')}`,
          'cursor',
        ],
        [
          `orderBy=name&order=asc&cursor=${Buffer.from(
            '{"o":"name","d":"asc","v":"\\ud800","r":"y"}',
          ).toString('base64url')}`,
          'cursor',
        ],
        ['cursor=not-a-cursor', 'cursor'],
        [
          `cursor=${Buffer.from(
            '{"o":"name","d":"asc","v":"x","r":"y"}',
          ).toString('base64url')}`,
          'cursor',
        ],
      ];
      for (const [query, field] of cases) {
        const res = await get(b, `/agents?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toContain(
          `Invalid query parameter "${field}"`,
        );
      }
      const csv = await get(b, '/agents.csv?severity=extreme');
      expect(csv.status).toBe(400);
      expect((await get(b, '/agents.csv?q=%00')).status).toBe(400);

      for (const [path, named] of [
        ['/agents/airesource/default/a%00', /path parameter "name"/],
        ['/agents/airesource/default/a%07b', /path parameter "name"/],
        ['/agents/airesource/default%00/a', /path parameter "namespace"/],
        // Express itself refuses an undecodable one, naming it too.
        ['/agents/airesource/default/%ED%A0%80', /decode param '%ED%A0%80'/],
      ] as const) {
        const res = await get(b, path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.message).toMatch(named);
      }
      const refresh = await request(b.server)
        .post('/api/agent-risk/agents/airesource/default/a%00/refresh')
        .set('Authorization', userAuth());
      expect(refresh.status).toBe(400);
    });

    it('needs a user or service token (401) and the read permission (403)', async () => {
      const b = await start();
      for (const path of [
        '/agents',
        '/summary',
        '/agents.csv',
        '/agents/airesource/default/support-bot',
      ]) {
        const res = await request(b.server).get(`/api/agent-risk${path}`);
        expect(res.status).toBe(401);
      }
      expect(
        (
          await request(b.server)
            .post('/api/agent-risk/score')
            .send({ entity: agents[0] })
        ).status,
      ).toBe(401);
      const service = await request(b.server)
        .get('/api/agent-risk/agents')
        .set('Authorization', mockCredentials.service.header());
      expect(service.status).toBe(200);

      const denied = await start({ read: false });
      for (const path of [
        '/agents',
        '/summary',
        '/agents.csv',
        '/agents/airesource/default/support-bot',
      ]) {
        const res = await get(denied, path);
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
      }

      // Without agent-risk.read, a conditional catalog reader costs no catalog reads.
      const deniedConditional = await start({
        read: false,
        catalogRead: 'conditional',
      });
      deniedConditional.catalog.service.queryEntities.mockClear();
      expect((await get(deniedConditional, '/agents')).status).toBe(403);
      expect((await get(deniedConditional, '/summary')).status).toBe(403);
      expect(
        deniedConditional.catalog.service.queryEntities,
      ).not.toHaveBeenCalled();
    });

    it('returns the full record with rank, percentile and history; 404 for unknown or non-agents', async () => {
      const b = await start();
      const res = await get(b, '/agents/AiResource/default/code-fixer').expect(
        200,
      );
      const record = res.body as AgentRiskRecord;
      const oracle = expected.get('airesource:default/code-fixer')!;
      const scored = [...expected.values()].filter(r => r.status === 'scored');
      expect(record).toMatchObject({
        entityRef: 'airesource:default/code-fixer',
        score: oracle.score,
        aars: oracle.aars,
        contributions: oracle.contributions,
        threatMultiplier: oracle.threatMultiplier,
        mitigationFactor: oracle.mitigationFactor,
        errors: [],
        rank: scored.filter(r => r.score! > oracle.score!).length + 1,
      });
      expect(record.percentile).toBeCloseTo(
        (scored.filter(r => r.score! < oracle.score!).length / scored.length) *
          100,
        1,
      );
      expect(record.layers).toHaveLength(8);
      expect(record.layers[2]).toMatchObject({
        id: 'l3',
        confidence: 'uncertain',
        threats: [{ id: 'ASI02' }, { id: 'T2' }],
      });
      expect(Object.keys(record.factors)).toHaveLength(10);
      expect(record.history).toEqual([
        expect.objectContaining({
          status: 'scored',
          score: oracle.score,
          severity: oracle.severity,
          model: 'aivss-0.8',
        }),
      ]);

      const draft = (
        await get(b, '/agents/airesource/default/draft-agent').expect(200)
      ).body as AgentRiskRecord;
      expect(draft).toMatchObject({
        status: 'incomplete',
        score: null,
        rank: null,
        percentile: null,
      });
      expect(draft.errors.length).toBeGreaterThan(0);

      for (const path of [
        '/agents/component/default/plain-service',
        '/agents/airesource/default/nope',
        '/agents/api/default/search-mcp',
      ]) {
        const missing = await get(b, path);
        expect(missing.status).toBe(404);
        expect(missing.body.error.name).toBe('NotFoundError');
      }
    });

    it('summarises counts, owners riskiest first and a ten-bucket histogram', async () => {
      const b = await start();
      const summary = (await get(b, '/summary').expect(200))
        .body as RiskSummary;
      const results = [...expected.values()];
      expect(summary.model).toBe('aivss-0.8');
      expect(summary.totalAgents).toBe(results.length);
      expect(summary.lastSyncAt).toEqual(expect.any(String));
      for (const s of ['critical', 'high', 'medium', 'low', 'none'] as const) {
        expect(summary.bySeverity[s]).toBe(
          results.filter(r => r.severity === s).length,
        );
      }
      for (const s of ['scored', 'incomplete', 'invalid'] as const) {
        expect(summary.byStatus[s]).toBe(
          results.filter(r => r.status === s).length,
        );
      }
      expect(summary.histogram.map(h => [h.from, h.to])).toEqual(
        Array.from({ length: 10 }, (_, i) => [i, i + 1]),
      );
      for (const bucket of summary.histogram) {
        const inBucket = results.filter(
          r =>
            r.score !== null &&
            Math.min(Math.floor(r.score), 9) === bucket.from,
        );
        expect(bucket.count).toBe(inBucket.length);
      }
      const maxScores = summary.byOwner.map(o => o.maxScore ?? -1);
      expect(maxScores).toEqual([...maxScores].sort((x, y) => y - x));
      const payments = summary.byOwner.find(
        o => o.owner === 'group:default/payments',
      )!;
      const paymentScores = ['code-fixer', 'ops-pilot'].map(
        n => expected.get(`airesource:default/${n}`)!.score!,
      );
      expect(payments).toEqual({
        owner: 'group:default/payments',
        ownerTitle: 'Payments',
        agents: 3,
        maxScore: Math.max(...paymentScores),
        meanScore:
          Math.round(((paymentScores[0] + paymentScores[1]) / 2) * 100) / 100,
        critical: ['code-fixer', 'ops-pilot'].filter(
          n => expected.get(`airesource:default/${n}`)!.severity === 'critical',
        ).length,
        high: ['code-fixer', 'ops-pilot'].filter(
          n => expected.get(`airesource:default/${n}`)!.severity === 'high',
        ).length,
      });
    });

    it('exports the ranking as streamed CSV with quoting and no formula injection', async () => {
      const b = await start();
      const res = await get(
        b,
        '/agents.csv?owner=payments&owner=group:default/ai-platform',
      ).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text.split('\r\n').filter(l => l !== '');
      expect(lines[0]).toBe(
        'entityRef,title,owner,ownerTitle,system,systemTitle,lifecycle,model,status,score,severity,cvssBase,cvssAssumed,factorSum,reason,computedAt,acceptance,reviewedAt,reviewDue,reviewOverdue,ssvc,understated,discovered,assessed,topDrivers,errors,evidence',
      );
      expect(res.headers.trailer).toBe('X-Agent-Risk-Export-Status');
      // Named by the day and the filter, so two views' exports do not collide.
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="agent-risk-${new Date()
          .toISOString()
          .slice(0, 10)}-owner-payments-ai-platform.csv"`,
      );
      expect(res.text).toContain(
        'airesource:default/support-bot,Support Bot,group:default/ai-platform,AI Platform,system:default/helpdesk,Help Desk,',
      );
      const list = (
        await get(
          b,
          '/agents?owner=payments&owner=group:default/ai-platform',
        ).expect(200)
      ).body as AgentListResponse;
      expect(lines.slice(1).map(l => l.split(',')[0])).toEqual(
        list.items.map(i => i.entityRef),
      );
      expect(res.text).toContain(
        `airesource:default/ops-pilot,"'=HYPERLINK(""http://evil"")"`,
      );
      expect(res.text).toContain('"Low, ""quiet"" agent"');
      const codeFixer = lines.find(l =>
        l.startsWith('airesource:default/code-fixer'),
      )!;
      // One decimal, as the ranking shows them: 8 is "8.0", never "8".
      const fixer = expected.get('airesource:default/code-fixer')!;
      expect(codeFixer).toContain(
        `,${fixer.score!.toFixed(1)},critical,${fixer.cvssBase!.toFixed(1)},`,
      );
      expect(codeFixer).toContain(
        `,"${scoreReason({ ...fixer, factors: fixer.assessment.factors })}",`,
      );
      // The reasons: never reviewed, its largest drivers, and an incomplete agent's problems.
      // …reviewOverdue, an empty ssvc (no SSVC annotations), not understated
      // (no evidence), not discovered, assessed, topDrivers, no errors, no
      // evidence findings.
      expect(codeFixer).toMatch(
        /,,,true,,false,false,true,[^,]+ \+\d\.\d\d; [^,]+,,$/,
      );
      const draft = lines.find(l =>
        l.startsWith('airesource:default/draft-agent'),
      )!;
      expect(draft).toMatch(/aivss\.owasp\.org\/[a-z-]+: /);
    });

    it('scores a posted entity without storing it, and rejects malformed bodies with the field named', async () => {
      const b = await start();
      const entity = agentEntity({
        name: 'what-if',
        factor: '0.3',
        cvssBase: '8.2',
        mitigationFactor: '0.6',
      });
      const post = (body: unknown) =>
        request(b.server)
          .post('/api/agent-risk/score')
          .set('Authorization', userAuth())
          .send(body as object);

      const res = await post({ entity }).expect(200);
      const { assessment, ...oracle } = scoreEntity(entity);
      expect(res.body).toMatchObject({
        ...oracle,
        factors: assessment.factors,
      });
      expect(res.body.score).toBe(5.2); // spec worked example 2
      const floor = await post({ entity, model: 'aivss-0.8-floor' }).expect(
        200,
      );
      expect(floor.body).toMatchObject({
        model: 'aivss-0.8-floor',
        score: scoreEntity(entity, { model: 'aivss-0.8-floor' }).score,
      });
      expect((await get(b, '/agents/airesource/default/what-if')).status).toBe(
        404,
      );

      const bad: Array<[unknown, string]> = [
        [{}, 'entity'],
        [{ entity: 'x' }, 'entity'],
        [
          { entity: { kind: 'AiResource', metadata: {} } },
          'entity.metadata.name',
        ],
        [
          {
            entity: {
              ...entity,
              metadata: { ...entity.metadata, annotations: { a: 1 } },
            },
          },
          'entity.metadata.annotations.a',
        ],
        [{ entity, model: 'aivss-9' }, 'model'],
      ];
      for (const [body, field] of bad) {
        const r = await post(body);
        expect({ field, status: r.status }).toEqual({ field, status: 400 });
        expect(r.body.error.message).toContain(`"${field}"`);
      }
      const malformed = await request(b.server)
        .post('/api/agent-risk/score')
        .set('Authorization', userAuth())
        .set('Content-Type', 'application/json')
        .send('{"entity":');
      expect(malformed.status).toBe(400);
    });

    it('hides agents the catalog does not let the user read, everywhere', async () => {
      const b = await start({ catalogRead: 'conditional' });
      b.catalog.hiddenFromUsers = new Set([
        'airesource:default/code-fixer',
        'component:default/triage-agent',
      ]);
      const list = (await get(b, '/agents?limit=500').expect(200))
        .body as AgentListResponse;
      expect(list.totalCount).toBe(agents.length - 2);
      expect(list.items.map(i => i.entityRef)).not.toContain(
        'airesource:default/code-fixer',
      );
      expect(list.items.map(i => i.entityRef)).not.toContain(
        'component:default/triage-agent',
      );

      const summary = (await get(b, '/summary').expect(200))
        .body as RiskSummary;
      expect(summary.totalAgents).toBe(agents.length - 2);
      expect(
        summary.byOwner.find(o => o.owner === 'group:default/security')!.agents,
      ).toBe(1);

      const csv = (await get(b, '/agents.csv').expect(200)).text;
      expect(csv).not.toContain('code-fixer');
      expect(csv).not.toContain('triage-agent');
      expect(csv).toContain('support-bot');

      expect(
        (await get(b, '/agents/airesource/default/code-fixer')).status,
      ).toBe(404);
      const visible = (
        await get(b, '/agents/airesource/default/support-bot').expect(200)
      ).body as AgentRiskRecord;
      // Rank among what the user can see: the hidden critical agent does not count.
      const visibleScored = list.items.filter(i => i.status === 'scored');
      expect(visible.rank).toBe(
        visibleScored.filter(i => i.score! > visible.score!).length + 1,
      );

      // A service sees everything; a catalog DENY sees nothing.
      const asService = await request(b.server)
        .get('/api/agent-risk/agents')
        .set('Authorization', mockCredentials.service.header());
      expect(asService.body.totalCount).toBe(agents.length);
      const none = await start({ catalogRead: 'deny' });
      expect(
        ((await get(none, '/agents').expect(200)).body as AgentListResponse)
          .totalCount,
      ).toBe(0);
      expect(
        ((await get(none, '/summary').expect(200)).body as RiskSummary)
          .totalAgents,
      ).toBe(0);
    });
  },
);
