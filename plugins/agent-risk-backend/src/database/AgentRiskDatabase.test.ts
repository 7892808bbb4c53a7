import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity } from '../__testUtils__/entities';
import { toScoreWrite } from '../sync/toScoreWrite';
import { createAgentRiskDatabase } from './AgentRiskDatabase';

const { databases } = setUpBackendTests();

describe.each(databases.eachSupportedId())(
  'AgentRiskDatabase on %p',
  databaseId => {
    it('restricts every read to a large visible set passed as one parameter', async () => {
      const db = await createAgentRiskDatabase(
        await databases.init(databaseId),
      );
      const writes = Array.from({ length: 1200 }, (_, i) =>
        toScoreWrite(
          agentEntity({
            name: `agent-${String(i).padStart(4, '0')}`,
            factor: String((i % 11) / 10),
            cvssBase: String((i % 100) / 10),
            owner: `team-${i % 7}`,
          }),
          { model: 'aivss-0.8' },
        ),
      );
      const first = await db.scores.writeScores(
        writes,
        new Date().toISOString(),
      );
      expect({ ...first, changes: first.changes.length }).toEqual({
        written: 1200,
        historyAppended: 1200,
        storedAsProblem: [],
        failed: [],
        changes: 1200,
      });
      // New agents are changes without a previous state.
      expect(first.changes.every(c => c.previous === null)).toBe(true);
      expect(
        await db.scores.writeScores(writes, new Date().toISOString()),
      ).toEqual({
        written: 0,
        historyAppended: 0,
        storedAsProblem: [],
        failed: [],
        changes: [],
      });

      const visibleRefs = writes
        .filter((_, i) => i % 2 === 0)
        .map(w => w.record.entityRef);
      expect(visibleRefs.length).toBeGreaterThan(500);
      expect(await db.scores.countAgents({ visibleRefs })).toBe(600);
      expect(
        await db.scores.countAgents({
          visibleRefs,
          owner: ['group:default/team-0'],
        }),
      ).toBe(
        writes.filter(
          (w, i) => i % 2 === 0 && w.record.owner === 'group:default/team-0',
        ).length,
      );

      const seen: string[] = [];
      for await (const batch of db.scores.iterateAgentsWithReasons({
        filter: { visibleRefs },
        order: { field: 'score', direction: 'desc' },
        batchSize: 250,
      })) {
        seen.push(...batch.map(({ agent }) => agent.entityRef));
      }
      expect(seen).toHaveLength(600);
      expect(new Set(seen)).toEqual(new Set(visibleRefs));

      const aggregates = await db.scores.aggregate({ visibleRefs });
      expect(aggregates.byOwner.reduce((n, o) => n + o.agents, 0)).toBe(600);
      expect(aggregates.byScore.reduce((n, s) => n + s.count, 0)).toBe(
        writes.filter((w, i) => i % 2 === 0 && w.record.status === 'scored')
          .length,
      );
    });

    it("shows this process's score changes in the data version at once, and another replica's within the state's short lifetime", async () => {
      const knex = await databases.init(databaseId);
      const here = await createAgentRiskDatabase(knex);
      const replica = await createAgentRiskDatabase(knex);
      const write = (name: string) =>
        toScoreWrite(agentEntity({ name, factor: '0.5', cvssBase: '7' }), {
          model: 'aivss-0.8',
        });
      const before = await here.syncState.getState();
      await here.scores.writeScores([write('a')], new Date().toISOString());
      const afterOwn = await here.syncState.getState();
      expect(afterOwn.dataVersion).toBeGreaterThan(before.dataVersion);

      // The replica's write is not seen while the read state is kept...
      await replica.syncState.getState();
      await replica.scores.writeScores([write('b')], new Date().toISOString());
      const replicaVersion = (await replica.syncState.getState()).dataVersion;
      expect(replicaVersion).toBeGreaterThan(afterOwn.dataVersion);
      expect((await here.syncState.getState()).dataVersion).toBe(
        afterOwn.dataVersion,
      );
      // ...and is once it has expired (at most a second).
      await new Promise(r => setTimeout(r, 1100));
      expect((await here.syncState.getState()).dataVersion).toBe(
        replicaVersion,
      );

      // A sync time this process stores shows at once.
      await here.syncState.setLastSyncAt('2026-12-07T10:00:00.000Z');
      expect((await here.syncState.getState()).lastSyncAt).toBe(
        '2026-12-07T10:00:00.000Z',
      );
    });

    it('migrates a store made by the first release: keys from stored values, records without display names, any length', async () => {
      const knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@agent-risk/plugin-agent-risk-backend',
        'migrations',
      );
      await knex.migrate.up({ directory, name: '20260101000000_init.js' });
      const old = toScoreWrite(
        agentEntity({
          name: 'veteran',
          factor: '0.5',
          cvssBase: '5.0',
          system: 'system:default/HelpDesk',
          lifecycle: 'Production',
        }),
        { model: 'aivss-0.8' },
      );
      // A row as the first release wrote it: no display names anywhere.
      const { ownerTitle, systemTitle, ...oldRecord } = old.record;
      await knex('agent_risk_scores').insert({
        entity_ref: oldRecord.entityRef,
        kind: old.kind,
        namespace: old.namespace,
        name: old.name,
        title: oldRecord.title,
        sort_name: oldRecord.title,
        owner: oldRecord.owner,
        system: oldRecord.system,
        lifecycle: oldRecord.lifecycle,
        model: oldRecord.model,
        status: oldRecord.status,
        score: oldRecord.score,
        score_sort: oldRecord.score,
        severity: oldRecord.severity,
        cvss_base: oldRecord.cvssBase,
        cvss_assumed: oldRecord.cvssAssumed,
        factor_sum: oldRecord.factorSum,
        computed_at: '2026-01-01T00:00:00.000Z',
        input_hash: old.inputHash,
        record_hash: old.recordHash,
        search_text: oldRecord.entityRef,
        record: JSON.stringify(oldRecord),
      });

      const db = await createAgentRiskDatabase(knex);
      expect(await db.scores.getAgent(oldRecord.entityRef)).toMatchObject({
        entityRef: oldRecord.entityRef,
        ownerTitle: null,
        systemTitle: null,
      });
      // The record moved to a table of its own; the scores row is narrow.
      expect(await knex.schema.hasColumn('agent_risk_scores', 'record')).toBe(
        false,
      );
      expect(
        await knex('agent_risk_records').where({
          entity_ref: oldRecord.entityRef,
        }),
      ).toEqual([
        {
          entity_ref: oldRecord.entityRef,
          record: JSON.stringify(oldRecord),
          reasons: JSON.stringify({
            contributions: oldRecord.contributions,
            errors: oldRecord.errors,
          }),
          // Added by the evidence migration: none until the next sync.
          evidence: '[]',
        },
      ]);
      const withReasons = [];
      for await (const batch of db.scores.iterateAgentsWithReasons({
        filter: {},
        order: { field: 'score', direction: 'desc' },
      })) {
        withReasons.push(
          ...batch.map(({ agent, reasons }) => [agent.entityRef, reasons]),
        );
      }
      expect(withReasons).toEqual([
        [
          oldRecord.entityRef,
          {
            contributions: oldRecord.contributions,
            errors: oldRecord.errors,
          },
        ],
      ]);
      // The free-text index still finds the row (SQLite keys it by rowid).
      expect(await db.scores.countAgents({ q: 'veteran' })).toBe(1);
      const list = await db.scores.listAgents({
        filter: {
          lifecycle: ['production'],
          system: ['system:default/helpdesk'],
        },
        order: { field: 'score', direction: 'desc' },
        limit: 10,
      });
      expect(list.items.map(i => i.entityRef)).toEqual([oldRecord.entityRef]);
      // The old varchar limits are gone.
      await knex('agent_risk_scores').update({
        title: 't'.repeat(2000),
        lifecycle: 'l'.repeat(2000),
      });
      // And the migration can be rolled back (after the later ones, newest first).
      const applied = async () =>
        ((await knex.migrate.list({ directory }))[0] as any[]).map(m =>
          typeof m === 'string' ? m : m.name,
        );
      while ((await applied()).includes('20261101000000_records_table.js')) {
        await knex.migrate.down({ directory });
      }
      expect(await knex.schema.hasTable('agent_risk_records')).toBe(false);
      const [restored] = await knex('agent_risk_scores').select('record');
      expect(JSON.parse(restored.record)).toEqual(oldRecord);
      while (
        (await applied()).includes(
          '20260301000000_text_columns_titles_tombstones.js',
        )
      ) {
        await knex.migrate.down({ directory });
      }
      expect(await knex.schema.hasTable('agent_risk_notifications')).toBe(
        false,
      );
      expect(
        await knex.schema.hasColumn('agent_risk_scores', 'reviewed_at'),
      ).toBe(false);
      expect(await knex.schema.hasTable('agent_risk_removed')).toBe(false);
      expect(
        await knex.schema.hasColumn('agent_risk_scores', 'owner_title'),
      ).toBe(false);
    });

    it('finds agents by free text through an index: case-insensitive substrings of ref, title, owner and system titles; wildcards literal; in step with every write', async () => {
      const knex = await databases.init(databaseId);
      const store = (await createAgentRiskDatabase(knex)).scores;
      const names = new Map([
        ['group:default/team-a', 'Payments Crew'],
        ['system:default/helpdesk', 'Help Desk Ünits'],
      ]);
      const agent = (name: string, title: string, owner = 'team-b') =>
        toScoreWrite(
          agentEntity({
            name,
            title,
            owner,
            ...(owner === 'team-a' ? { system: 'helpdesk' } : {}),
            factor: '0.5',
            cvssBase: '5.0',
          }),
          { model: 'aivss-0.8' },
          { displayNames: names, mcpTools: new Map() },
        );
      const at = new Date().toISOString();
      await store.writeScores(
        [
          agent('ledger-bot', 'Ledger Bot', 'team-a'),
          agent('discount-agent', 'Discount 50% Agent'),
          agent('snake-agent', 'Snake a_b Agent'),
          agent('other-agent', 'Axb Agent'),
        ],
        at,
      );
      const find = async (q: string) =>
        (
          await store.listAgents({
            filter: { q },
            order: { field: 'name', direction: 'asc' },
            limit: 50,
          })
        ).items.map(i => i.entityRef.replace('airesource:default/', ''));

      expect(await find('LEDGER')).toEqual(['ledger-bot']);
      expect(await find('er-b')).toEqual(['ledger-bot']); // inside the name
      expect(await find('payments crew')).toEqual(['ledger-bot']); // owner title
      expect(await find('desk ÜNITS')).toEqual(['ledger-bot']); // system title
      expect(await find('airesource:default/snake')).toEqual(['snake-agent']);
      expect(await find('50%')).toEqual(['discount-agent']);
      expect(await find('a_b')).toEqual(['snake-agent']);
      // Two letters: too short for a trigram, still a correct answer.
      expect(await find('ag')).toEqual([
        'other-agent', // "Axb Agent" sorts first by title
        'discount-agent',
        'snake-agent',
      ]);
      expect(await find('nothing like it')).toEqual([]);
      expect(await store.countAgents({ q: 'agent' })).toBe(3);

      // Renamed: the old title no longer matches, the new one does.
      await store.writeScores(
        [agent('ledger-bot', 'Invoice Bot', 'team-a')],
        at,
      );
      expect(await find('ledger bot')).toEqual([]);
      expect(await find('invoice')).toEqual(['ledger-bot']);
      const ledgerRef = 'airesource:default/ledger-bot';
      expect((await store.getAgent(ledgerRef))?.title).toBe('Invoice Bot');
      // Deleted: gone from the index too, and its stored record with it.
      await store.deleteAgents([ledgerRef]);
      expect(await find('invoice')).toEqual([]);
      expect(await find('payments')).toEqual([]);
      expect(await store.getAgent(ledgerRef)).toBeUndefined();
      expect(
        await knex('agent_risk_records').where({ entity_ref: ledgerRef }),
      ).toEqual([]);

      // The index that answers: pg_trgm on PostgreSQL, FTS5 on SQLite.
      const index = databaseId.startsWith('POSTGRES')
        ? (
            await knex.raw(
              "SELECT indexdef FROM pg_indexes WHERE indexname = 'agent_risk_scores_search_trgm_idx'",
            )
          ).rows[0]?.indexdef
        : `fts rows ${
            (
              await knex.raw(
                "SELECT rowid FROM agent_risk_scores_search WHERE search_text LIKE '%invoice%' OR search_text LIKE '%snake%'",
              )
            ).length
          }`;
      expect(index).toMatch(/gin_trgm_ops|^fts rows 1$/);
    });

    it('exports every row in ranking order with its reasons, in batches', async () => {
      const db = await createAgentRiskDatabase(
        await databases.init(databaseId),
      );
      const writes = Array.from({ length: 7 }, (_, i) =>
        toScoreWrite(
          agentEntity({
            name: `export-${i}`,
            factor: String(i / 10),
            cvssBase: String(i + 1),
          }),
          { model: 'aivss-0.8' },
        ),
      );
      await db.scores.writeScores(writes, new Date().toISOString());
      const rows = [];
      const batches = [];
      for await (const batch of db.scores.iterateAgentsWithReasons({
        filter: {},
        order: { field: 'score', direction: 'desc' },
        batchSize: 3,
      })) {
        batches.push(batch.length);
        rows.push(...batch);
      }
      expect(batches).toEqual([3, 3, 1]);
      const ranked = (
        await db.scores.listAgents({
          filter: {},
          order: { field: 'score', direction: 'desc' },
          limit: 10,
        })
      ).items.map(item => item.entityRef);
      expect(rows.map(row => row.agent.entityRef)).toEqual(ranked);
      for (const write of writes) {
        expect(
          rows.find(row => row.agent.entityRef === write.record.entityRef)
            ?.reasons,
        ).toEqual({
          contributions: write.record.contributions,
          errors: write.record.errors,
        });
      }
    });

    it('appends one history entry when a refresh and a sync write the same change at once', async () => {
      const knex = await databases.init(databaseId);
      const db = await createAgentRiskDatabase(knex);
      const write = (cvssBase: string) =>
        toScoreWrite(agentEntity({ name: 'racer', factor: '0.5', cvssBase }), {
          model: 'aivss-0.8',
        });
      await db.scores.writeScores([write('5.0')], new Date().toISOString());
      // Both read the stored hashes; only one may conclude the inputs changed.
      await Promise.all([
        db.scores.writeScores([write('9.0')], new Date().toISOString()),
        db.scores.writeScores([write('9.0')], new Date().toISOString()),
      ]);
      expect(
        (await db.history.getHistory('airesource:default/racer')).map(
          h => h.score,
        ),
      ).toEqual([write('5.0').record.score, write('9.0').record.score]);
    });

    it('appends one history entry when two writers store the same brand-new agent at once', async () => {
      const knex = await databases.init(databaseId);
      const db = await createAgentRiskDatabase(knex);
      // No stored row to lock: each pair races on an agent never seen before.
      const names = Array.from({ length: 20 }, (_, i) => `newcomer-${i}`);
      const write = (name: string) =>
        toScoreWrite(agentEntity({ name, factor: '0.5', cvssBase: '7.0' }), {
          model: 'aivss-0.8',
        });
      await Promise.all(
        names.flatMap(name => [
          db.scores.writeScores([write(name)], new Date().toISOString()),
          db.scores.writeScores([write(name)], new Date().toISOString()),
        ]),
      );
      for (const name of names) {
        expect(
          await db.history.getHistory(`airesource:default/${name}`),
        ).toHaveLength(1);
      }
    });

    it('pages every order through ties without duplicates or gaps, before and after analyze()', async () => {
      const db = await createAgentRiskDatabase(
        await databases.init(databaseId),
      );
      // Few distinct scores and owners: lots of ties for the keyset to break.
      const writes = Array.from({ length: 120 }, (_, i) =>
        toScoreWrite(
          agentEntity({
            name: `agent-${String(i).padStart(3, '0')}`,
            factor: String((i % 3) / 10),
            cvssBase: String(5 + (i % 2)),
            owner: `team-${i % 4}`,
          }),
          { model: 'aivss-0.8' },
        ),
      );
      await db.scores.writeScores(writes, new Date().toISOString());
      const byScoreDesc = writes
        .map(w => ({ ref: w.record.entityRef, score: w.record.score ?? -1 }))
        .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref, 'en'))
        .map(r => r.ref);

      const walk = async (
        order: Parameters<typeof db.scores.listAgents>[0]['order'],
      ) => {
        const refs: string[] = [];
        let after;
        do {
          const page = await db.scores.listAgents({
            filter: {},
            order,
            limit: 7,
            after,
          });
          refs.push(...page.items.map(i => i.entityRef));
          after = page.next ?? undefined;
        } while (after);
        return refs;
      };

      for (const pass of ['before', 'after'] as const) {
        if (pass === 'after') {
          await db.analyze();
        }
        expect(await walk({ field: 'score', direction: 'desc' })).toEqual(
          byScoreDesc,
        );
        for (const field of ['score', 'name', 'owner', 'computedAt'] as const) {
          for (const direction of ['asc', 'desc'] as const) {
            const refs = await walk({ field, direction });
            expect(refs).toHaveLength(writes.length);
            expect(new Set(refs).size).toBe(writes.length);
          }
        }
      }
    });
  },
);

// The trigram index's pending list exists on PostgreSQL only (FTS5 on SQLite has none).
describe.each(
  databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES')),
)('AgentRiskDatabase on %p after a bulk write', databaseId => {
  it('leaves no pending trigram entries after analyze (the planner prices them above a full scan)', async () => {
    const knex = await databases.init(databaseId);
    const db = await createAgentRiskDatabase(knex);
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const pending = async () =>
      Number(
        (
          await knex.raw(
            "SELECT pending_tuples FROM pgstatginindex('agent_risk_scores_search_trgm_idx')",
          )
        ).rows[0].pending_tuples,
      );
    await db.scores.writeScores(
      Array.from({ length: 300 }, (_, i) =>
        toScoreWrite(agentEntity({ name: `pending-${i}`, factor: '0.5' }), {
          model: 'aivss-0.8',
        }),
      ),
      '2026-11-01T00:00:00.000Z',
    );
    expect(await pending()).toBeGreaterThan(0);
    await db.analyze();
    expect(await pending()).toBe(0);
    expect(await db.scores.countAgents({ q: 'pending-29' })).toBe(11);
  });
});
