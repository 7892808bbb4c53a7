import { scoreReason } from '@agent-risk/plugin-agent-risk-common';
import { createTestDatabases } from '../../__testUtils__/databases';
import { agentEntity } from '../../__testUtils__/entities';
import { toScoreWrite } from '../../sync/toScoreWrite';
import { createAgentRiskDatabase } from '../AgentRiskDatabase';
import { AgentOrder } from '../types';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** Display names as the sync resolves them from the catalog. */
const displayNames = new Map([
  ['group:default/aaa-platform', 'Zulu Platform'],
  ['group:default/zz-search', 'Alpha Search'],
]);

/** owner, CVSS base (absent: incomplete), factor value. */
const AGENTS: Array<[string, string, string | undefined, string]> = [
  ['a1', 'group:default/aaa-platform', '9.5', '0.9'], // critical
  ['a2', 'group:default/zz-search', '5', '0'], // medium
  ['a3', 'user:default/bob', '8', '0.2'], // high
  ['a4', 'group:default/zz-search', '8', '0.8'], // critical
  ['a5', 'user:default/bob', undefined, '0.5'], // incomplete
  ['a6', 'group:default/aaa-platform', '2', '0'], // low
];

describe.each(databases.eachSupportedId())(
  'ranking orders on %p',
  databaseId => {
    async function setUp() {
      const db = await createAgentRiskDatabase(
        await databases.init(databaseId),
      );
      const writes = AGENTS.map(([name, owner, cvssBase, factor]) =>
        toScoreWrite(
          agentEntity({ name, owner, cvssBase, factor }),
          { model: 'aivss-0.8' },
          { displayNames, mcpTools: new Map() },
        ),
      );
      await db.scores.writeScores(writes, new Date().toISOString());
      // Pages of two, so every order crosses keyset boundaries.
      const walk = async (order: AgentOrder) => {
        const names: string[] = [];
        let after;
        do {
          const page = await db.scores.listAgents({
            filter: {},
            order,
            limit: 2,
            after,
          });
          names.push(...page.items.map(i => i.entityRef.split('/')[1]));
          after = page.next ?? undefined;
        } while (after);
        return names;
      };
      return { db, writes, walk };
    }

    it('orders owners by the name shown (display name, else the ref name), not by ref', async () => {
      const { walk } = await setUp();
      // Alpha Search, bob, Zulu Platform: by ref it would be aaa, zz, user.
      expect(await walk({ field: 'owner', direction: 'asc' })).toEqual([
        'a2',
        'a4',
        'a3',
        'a5',
        'a1',
        'a6',
      ]);
      expect(await walk({ field: 'owner', direction: 'desc' })).toEqual([
        'a1',
        'a6',
        'a3',
        'a5',
        'a2',
        'a4',
      ]);
    });

    it('orders by severity band, unscored lowest, ties by entity ref', async () => {
      const { walk } = await setUp();
      expect(await walk({ field: 'severity', direction: 'desc' })).toEqual([
        'a1',
        'a4',
        'a3',
        'a2',
        'a6',
        'a5',
      ]);
      expect(await walk({ field: 'severity', direction: 'asc' })).toEqual([
        'a5',
        'a6',
        'a2',
        'a3',
        'a1',
        'a4',
      ]);
    });

    it('orders by CVSS base, agents without one lowest', async () => {
      const { walk } = await setUp();
      expect(await walk({ field: 'cvssBase', direction: 'desc' })).toEqual([
        'a1',
        'a3',
        'a4',
        'a2',
        'a6',
        'a5',
      ]);
    });

    it('serves the one-line reason the common core derives, null when not scored', async () => {
      const { db, writes } = await setUp();
      const page = await db.scores.listAgents({
        filter: {},
        order: { field: 'name', direction: 'asc' },
        limit: 10,
      });
      const byRef = new Map(page.items.map(i => [i.entityRef, i.reason]));
      for (const w of writes) {
        expect(byRef.get(w.record.entityRef)).toBe(
          scoreReason({ ...w.record, factors: w.record.factors }),
        );
      }
      expect(byRef.get('airesource:default/a1')).toBe(
        'CVSS base 9.5, autonomy, planning, self-modification and 7 more high, no mitigation',
      );
      expect(byRef.get('airesource:default/a5')).toBeNull();
      expect((await db.scores.getAgent('airesource:default/a1'))?.reason).toBe(
        byRef.get('airesource:default/a1'),
      );
    });
  },
);
