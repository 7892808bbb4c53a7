import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  isAgentEntity,
  RiskSummary,
  RiskTrendResponse,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity, sampleCatalog } from '../__testUtils__/entities';
import { TestPolicy } from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests();
const results = sampleCatalog()
  .filter(e => isAgentEntity(e))
  .map(e => ({
    ...scoreEntity(e),
    owner: stringifyEntityRef(
      parseEntityRef(String(e.spec?.owner), {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ),
  }));

describe.each(databases.eachSupportedId())(
  'GET /trends and filtered GET /summary on %p',
  databaseId => {
    const { get, ...backend } = on(databaseId);
    const start = (policy?: TestPolicy, entities?: Entity[]) =>
      backend.start({ policy, entities });

    it('summarises only the agents that pass the ranking filters', async () => {
      const b = await start();
      const owner = 'group:default/payments';
      const summary = (
        await get(b, `/summary?owner=${owner}&status=scored`).expect(200)
      ).body as RiskSummary;
      const matching = results.filter(
        r => r.owner === owner && r.status === 'scored',
      );
      expect(matching.length).toBeGreaterThan(0);
      expect(matching.length).toBeLessThan(
        results.filter(r => r.owner === owner).length,
      );
      expect(summary.totalAgents).toBe(matching.length);
      expect(summary.byOwner.map(o => o.owner)).toEqual([owner]);
      expect(summary.histogram.reduce((n, h) => n + h.count, 0)).toBe(
        matching.length,
      );
      const severity = matching[0].severity!;
      const bySeverity = (
        await get(b, `/summary?severity=${severity}`).expect(200)
      ).body as RiskSummary;
      expect(bySeverity.totalAgents).toBe(
        results.filter(r => r.severity === severity).length,
      );
    });

    it('answers one point per day ending today, filtered like the ranking', async () => {
      const b = await start({ catalogRead: 'conditional' });
      const hidden = 'airesource:default/code-fixer';
      b.catalog.hiddenFromUsers = new Set([hidden]);
      const visible = results.filter(r => r.entityRef !== hidden);
      expect(visible.length).toBe(results.length - 1);
      const trend = (await get(b, '/trends?days=7').expect(200))
        .body as RiskTrendResponse;
      expect(trend.points.map(p => p.date)).toEqual(
        Array.from({ length: 7 }, (_, i) =>
          new Date(Date.now() - (6 - i) * 86_400_000)
            .toISOString()
            .slice(0, 10),
        ),
      );
      // Nothing was stored before today's sync.
      expect(trend.points.slice(0, 6).every(p => p.totalAgents === 0)).toBe(
        true,
      );
      const today = trend.points[6];
      expect(today.totalAgents).toBe(visible.length);
      expect(today.byStatus.scored).toBe(
        visible.filter(r => r.status === 'scored').length,
      );
      expect(today.bySeverity.critical).toBe(
        visible.filter(r => r.severity === 'critical').length,
      );

      const payments = (
        await get(b, '/trends?days=1&owner=group:default/payments').expect(200)
      ).body as RiskTrendResponse;
      expect(payments.points[0].totalAgents).toBe(
        visible.filter(r => r.owner === 'group:default/payments').length,
      );
      expect(
        ((await get(b, '/trends').expect(200)).body as RiskTrendResponse)
          .points,
      ).toHaveLength(90);
    });

    it('rolls a group up through its sub-groups and members with includeSubgroups', async () => {
      // Engineering is the parent of Payments; Ada, a member of Payments, owns an agent herself.
      const entities = sampleCatalog().map(e =>
        e.kind === 'Group' && e.metadata.name === 'payments'
          ? {
              ...e,
              relations: [
                { type: 'hasMember', targetRef: 'user:default/ada' },
                { type: 'childOf', targetRef: 'group:default/engineering' },
              ],
            }
          : e,
      );
      entities.push(
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'engineering', namespace: 'default' },
          spec: { type: 'department', children: ['payments'] },
          relations: [
            { type: 'parentOf', targetRef: 'group:default/payments' },
          ],
        },
        agentEntity({
          name: 'ada-agent',
          owner: 'user:default/ada',
          factor: '0.5',
          cvssBase: '5.0',
        }),
      );
      const b = await start(undefined, entities);
      const rolledUp = [
        ...results.filter(r => r.owner === 'group:default/payments'),
        { entityRef: 'airesource:default/ada-agent' },
      ]
        .map(r => r.entityRef)
        .sort();

      const direct = await get(b, '/agents?owner=group:default/engineering');
      expect(direct.body.totalCount).toBe(0);
      const agents = await get(
        b,
        '/agents?owner=group:default/engineering&includeSubgroups=true',
      ).expect(200);
      expect(
        agents.body.items.map((i: { entityRef: string }) => i.entityRef).sort(),
      ).toEqual(rolledUp);

      const summary = (
        await get(
          b,
          '/summary?owner=group:default/engineering&includeSubgroups=true',
        ).expect(200)
      ).body as RiskSummary;
      expect(summary.totalAgents).toBe(rolledUp.length);
      expect(summary.byOwner.map(o => o.owner).sort()).toEqual([
        'group:default/payments',
        'user:default/ada',
      ]);
      const trend = (
        await get(
          b,
          '/trends?days=1&owner=group:default/engineering&includeSubgroups=true',
        ).expect(200)
      ).body as RiskTrendResponse;
      expect(trend.points[0].totalAgents).toBe(rolledUp.length);
      const csv = (
        await get(
          b,
          '/agents.csv?owner=group:default/engineering&includeSubgroups=true',
        ).expect(200)
      ).text;
      expect(csv).toContain('ada-agent');
      expect(csv).toContain('code-fixer');
      expect(csv).not.toContain('support-bot');
      await get(b, '/agents?includeSubgroups=yes').expect(400);
    });

    it('answers 400 naming the bad parameter', async () => {
      const b = await start();
      for (const [query, field] of [
        ['days=0', 'days'],
        ['days=366', 'days'],
        ['days=1.5', 'days'],
        ['days=7&days=8', 'days'],
        ['severity=extreme', 'severity'],
        ['owner=group:', 'owner'],
        ['includeSubgroups=1', 'includeSubgroups'],
      ]) {
        for (const path of ['/trends', '/summary']) {
          if (path === '/summary' && field === 'days') continue;
          const res = await get(b, `${path}?${query}`).expect(400);
          expect(res.body.error.message).toContain(`"${field}"`);
        }
      }
    });
  },
);
