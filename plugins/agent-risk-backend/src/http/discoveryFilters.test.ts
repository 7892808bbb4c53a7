import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  AgentListItem,
  AgentListResponse,
  DISCOVERY_ANNOTATIONS,
  RiskSummary,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity } from '../__testUtils__/entities';
import { AgentRiskTestBackend, syncNow } from '../__testUtils__/testBackend';

const { databaseIds, on } = setUpBackendTests();

const CARD_URL = 'http://127.0.0.1:4801/.well-known/agent-card.json';
const discovered = (name: string) => ({
  [DISCOVERY_ANNOTATIONS.discoveredFrom]: `${CARD_URL}#${name}`,
});

/**
 * Seven agents: three discovered and never assessed (incomplete, no AIVSS
 * annotation), one discovered that an owner since assessed, two registered
 * and assessed, and one registered without any AIVSS annotation.
 */
function catalog() {
  return [
    ...['d1', 'd2', 'd3'].map(name =>
      agentEntity({ name, extraAnnotations: discovered(name) }),
    ),
    agentEntity({
      name: 'd4-assessed',
      factor: '0.5',
      cvssBase: '7.0',
      extraAnnotations: discovered('d4'),
    }),
    agentEntity({ name: 'r1', factor: '0.3', cvssBase: '5.0' }),
    agentEntity({ name: 'r2', factor: '0.6', cvssBase: '8.0' }),
    // Incomplete too, but registered: not discovered, not assessed.
    agentEntity({ name: 'r3-blank' }),
  ];
}

const ref = (name: string) => `airesource:default/${name}`;

describe.each(databaseIds)(
  'discovered and assessed filters on %p',
  databaseId => {
    const { start, get } = on(databaseId);

    async function allPages(b: AgentRiskTestBackend, query: string) {
      const items: AgentListItem[] = [];
      let cursor: string | null = null;
      let pages = 0;
      let totalCount = -1;
      do {
        const after: string = cursor
          ? `&cursor=${encodeURIComponent(cursor)}`
          : '';
        const body = (
          await get(b, `/agents?limit=1${query}${after}`).expect(200)
        ).body as AgentListResponse;
        items.push(...body.items);
        totalCount = body.totalCount;
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      return {
        refs: items.map(i => i.entityRef).sort(),
        flags: Object.fromEntries(
          items.map(i => [i.entityRef, [i.discovered, i.assessed]]),
        ),
        pages,
        totalCount,
      };
    }

    it('filters the ranking, its CSV and the summary in the database, paging intact', async () => {
      const b = await start({ entities: catalog() });

      const found = await allPages(b, '&discovered=true');
      expect(found.refs).toEqual(['d1', 'd2', 'd3', 'd4-assessed'].map(ref));
      expect(found.pages).toBe(4);
      expect(found.totalCount).toBe(4);
      // Each row says so itself: [discovered, assessed].
      expect(found.flags[ref('d1')]).toEqual([true, false]);
      expect(found.flags[ref('d4-assessed')]).toEqual([true, true]);
      const detail = (await get(b, '/agents/airesource/default/d1').expect(200))
        .body;
      expect([detail.discovered, detail.assessed]).toEqual([true, false]);
      expect((await allPages(b, '&discovered=false')).refs).toEqual(
        ['r1', 'r2', 'r3-blank'].map(ref),
      );
      const notAssessed = await allPages(b, '&assessed=false');
      expect(notAssessed.refs).toEqual(['d1', 'd2', 'd3', 'r3-blank'].map(ref));
      expect(notAssessed.totalCount).toBe(4);
      expect(notAssessed.flags[ref('r3-blank')]).toEqual([false, false]);
      expect((await allPages(b, '&assessed=true')).refs).toEqual(
        ['d4-assessed', 'r1', 'r2'].map(ref),
      );
      // Both: discovered and not yet assessed, by name too.
      const both = await allPages(
        b,
        '&discovered=true&assessed=false&orderBy=name&order=asc',
      );
      expect(both.refs).toEqual(['d1', 'd2', 'd3'].map(ref));

      const csv = (
        await get(b, '/agents.csv?discovered=true&assessed=false').expect(200)
      ).text;
      const rows = csv.trim().split('\n').slice(1);
      expect(rows.map(r => r.split(',')[0]).sort()).toEqual(
        ['d1', 'd2', 'd3'].map(ref),
      );

      const summary = (await get(b, '/summary?assessed=false').expect(200))
        .body as RiskSummary;
      expect(summary.totalAgents).toBe(4);
      const all = (await get(b, '/summary').expect(200)).body as RiskSummary;
      expect(all.totalAgents).toBe(7);
      const discoveredSummary = (
        await get(b, '/summary?discovered=true').expect(200)
      ).body as RiskSummary;
      expect(discoveredSummary.totalAgents).toBe(4);
    });

    it('follows the catalog: an owner assessing a discovered agent makes it assessed on the next sync', async () => {
      const b = await start({ entities: catalog() });
      const d1 = b.catalog.entities.find(e => e.metadata.name === 'd1')!;
      const assessed = agentEntity({
        name: 'd1',
        factor: '0.4',
        cvssBase: '6.0',
        extraAnnotations: discovered('d1'),
      });
      b.catalog.entities = b.catalog.entities.map(e =>
        e === d1 ? assessed : e,
      );
      await syncNow(b);
      expect(
        (await allPages(b, '&discovered=true&assessed=false')).refs,
      ).toEqual(['d2', 'd3'].map(ref));
      // Discovery's annotation gone (the agent now registered by hand): no
      // longer discovered.
      const registered = agentEntity({ name: 'd2' });
      b.catalog.entities = b.catalog.entities.map(e =>
        stringifyEntityRef(e) === ref('d2') ? registered : e,
      );
      await syncNow(b);
      expect((await allPages(b, '&discovered=true')).refs).toEqual(
        ['d1', 'd3', 'd4-assessed'].map(ref),
      );
    });

    it('names the field of a bad flag', async () => {
      const b = await start({ entities: catalog() });
      const res = await get(b, '/agents?discovered=maybe').expect(400);
      expect(JSON.stringify(res.body)).toContain('discovered');
      const summary = await get(b, '/summary?assessed=yes').expect(400);
      expect(JSON.stringify(summary.body)).toContain('assessed');
    });
  },
);
