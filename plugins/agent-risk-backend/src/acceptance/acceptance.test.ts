import request from 'supertest';
import { AIVSS_ANNOTATIONS } from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import {
  AgentRiskTestBackend,
  catalogAuth,
  syncNow,
  TestPolicy,
  userAuth,
} from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests();

const OWNER = 'user:default/guest';
const APPROVER = 'user:default/sam';
const SUPPORT_BOT = 'airesource/default/support-bot';
const SUPPORT_BOT_REF = 'airesource:default/support-bot';
const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-06-01T09:00:00.000Z');

/** Only Date is faked: the databases' drivers keep their real timers. */
function controlClock() {
  jest.useFakeTimers({
    now: START,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();

describe.each(databases.eachSupportedId())(
  'risk acceptance on %p',
  databaseId => {
    beforeEach(controlClock);
    afterEach(() => jest.useRealTimers());

    const sync = syncNow;

    const backend = on(databaseId);
    const start = (policy: TestPolicy = {}) =>
      backend.start({
        policy: { acceptanceApprovers: [APPROVER], ...policy },
        config: { acceptance: { maxDays: 90 } },
      });

    const api = (b: AgentRiskTestBackend, path = SUPPORT_BOT) => ({
      ask: (body: object, user = OWNER) =>
        request(b.server)
          .post(`/api/agent-risk/agents/${path}/acceptance`)
          .set('Authorization', userAuth(user))
          .send(body),
      approve: (user = APPROVER) =>
        request(b.server)
          .post(`/api/agent-risk/agents/${path}/acceptance/approve`)
          .set('Authorization', userAuth(user))
          .send({}),
      revoke: (reason: string, user = OWNER) =>
        request(b.server)
          .delete(
            `/api/agent-risk/agents/${path}/acceptance?reason=${encodeURIComponent(
              reason,
            )}`,
          )
          .set('Authorization', userAuth(user)),
      record: () =>
        request(b.server)
          .get(`/api/agent-risk/agents/${path}`)
          .set('Authorization', userAuth()),
      list: (query: string) =>
        request(b.server)
          .get(`/api/agent-risk/agents?${query}`)
          .set('Authorization', userAuth()),
      audit: () =>
        request(b.server)
          .get(`/api/agent-risk/agents/${path}/audit`)
          .set('Authorization', userAuth()),
      /** The CSV export's lines (no cell of the sample agents spans lines). */
      csvLines: async () =>
        (
          await request(b.server)
            .get('/api/agent-risk/agents.csv')
            .set('Authorization', userAuth())
            .expect(200)
        ).text
          .split('\r\n')
          .filter(line => line !== ''),
    });

    it('an owner asks, an approver approves: the record and the ranking say accepted until when and by whom, filtered in the database, every step audited', async () => {
      const b = await start();
      const expiresAt = inDays(30);
      const asked = await api(b)
        .ask({ justification: 'Sandboxed; reviewed by AppSec', expiresAt })
        .expect(201);
      expect(asked.body).toEqual({
        entityRef: SUPPORT_BOT_REF,
        acceptance: expect.objectContaining({
          state: 'pending',
          requestedBy: OWNER,
          expiresAt,
          severityAtRequest: 'high',
          approvedBy: null,
        }),
      });
      // One at a time.
      await api(b).ask({ justification: 'again', expiresAt }).expect(409);

      const approved = await api(b).approve().expect(200);
      expect(approved.body.acceptance).toMatchObject({
        state: 'accepted',
        approvedBy: APPROVER,
        approvedAt: START.toISOString(),
      });

      const record = await api(b).record().expect(200);
      expect(record.body.acceptance).toMatchObject({
        state: 'accepted',
        justification: 'Sandboxed; reviewed by AppSec',
        expiresAt,
        requestedBy: OWNER,
        approvedBy: APPROVER,
      });
      const accepted = await api(b).list('acceptance=accepted').expect(200);
      expect(accepted.body.items.map((i: any) => i.entityRef)).toEqual([
        SUPPORT_BOT_REF,
      ]);
      expect(accepted.body.totalCount).toBe(1);
      const pending = await api(b).list('acceptance=pending').expect(200);
      expect(pending.body.items).toEqual([]);
      const all = await api(b).list('limit=50').expect(200);
      const others = all.body.items.filter(
        (i: any) => i.entityRef !== SUPPORT_BOT_REF,
      );
      expect(others.every((i: any) => i.acceptance === null)).toBe(true);
      const csv = await api(b).csvLines();
      const isBot = (line: string) => line.startsWith(`${SUPPORT_BOT_REF},`);
      expect(csv.filter(isBot)).toEqual([
        expect.stringContaining(
          `,accepted until ${expiresAt.slice(0, 10)} by ${APPROVER},`,
        ),
      ]);
      expect(csv.filter(line => !isBot(line)).join('\n')).not.toMatch(
        /accepted until|pending \(/,
      );

      const audit = await api(b).audit().expect(200);
      expect(audit.body.items.map((e: any) => [e.action, e.actor])).toEqual([
        ['accept-approve', APPROVER],
        ['accept-request', OWNER],
      ]);
      expect(audit.body.items[1].reason).toBe('Sandboxed; reviewed by AppSec');

      // The catalog's registry feed is not disturbed by acceptance entries.
      const feed = await request(b.server)
        .get('/api/agent-risk/registry/changes?after=0')
        .set('Authorization', catalogAuth())
        .expect(200);
      expect(feed.body).toEqual({ added: [], removed: [], cursor: 0 });
    });

    it('reads acceptances only for the agents that have one: none for a page or export without any', async () => {
      const b = await start();
      /** The refs of each acceptance lookup (the store's latest()). */
      const lookups: unknown[][] = [];
      b.knex.on('query', (q: { sql: string; bindings: unknown[] }) => {
        if (/^select \* from [`"]agent_risk_acceptance[`"]/i.test(q.sql)) {
          lookups.push(q.bindings);
        }
      });
      await api(b).list('limit=50').expect(200);
      await api(b).csvLines();
      expect(lookups).toEqual([]);

      await api(b)
        .ask({ justification: 'Sandboxed', expiresAt: inDays(30) })
        .expect(201);
      lookups.length = 0;
      const page = await api(b).list('limit=50').expect(200);
      await api(b).csvLines();
      expect(lookups).toEqual([[SUPPORT_BOT_REF], [SUPPORT_BOT_REF]]);
      expect(
        page.body.items.find((i: any) => i.entityRef === SUPPORT_BOT_REF)
          .acceptance,
      ).toMatchObject({ state: 'pending', requestedBy: OWNER });
    });

    it('four eyes and permissions: the requester may not approve, approving needs agent-risk.acceptance.approve, asking needs agent-risk.acceptance.request on the agent', async () => {
      const b = await start({ acceptanceRequest: [SUPPORT_BOT_REF] });
      await api(b)
        .ask({ justification: 'ok', expiresAt: inDays(10) })
        .expect(201);
      const self = await api(b).approve(OWNER).expect(403);
      expect(self.body.error.message).toMatch(
        /agent-risk\.acceptance\.approve/,
      );
      // An approver who asked for it themselves would be refused too.
      const b2 = await start({ acceptanceApprovers: true });
      await api(b2)
        .ask({ justification: 'mine', expiresAt: inDays(10) }, APPROVER)
        .expect(201);
      const own = await api(b2).approve(APPROVER).expect(403);
      expect(own.body.error.message).toMatch(/may not approve it themselves/);

      const other = await api(b, 'airesource/default/code-fixer')
        .ask({ justification: 'not mine', expiresAt: inDays(10) })
        .expect(403);
      expect(other.body.error.message).toMatch(
        /agent-risk\.acceptance\.request on airesource:default\/code-fixer/,
      );
    });

    it('refuses bad input naming the field, an agent without a score, and one it cannot find', async () => {
      const b = await start();
      const missing = await api(b)
        .ask({ expiresAt: inDays(10) })
        .expect(400);
      expect(missing.body.error.message).toMatch(/justification/);
      const past = await api(b)
        .ask({ justification: 'x', expiresAt: inDays(-1) })
        .expect(400);
      expect(past.body.error.message).toMatch(/expiresAt.*future/);
      const far = await api(b)
        .ask({ justification: 'x', expiresAt: inDays(91) })
        .expect(400);
      expect(far.body.error.message).toMatch(/within 90 days/);
      const garbled = await api(b)
        .ask({ justification: 'x', expiresAt: 'next tuesday' })
        .expect(400);
      expect(garbled.body.error.message).toMatch(/expiresAt/);
      await api(b, 'airesource/default/nobody')
        .ask({ justification: 'x', expiresAt: inDays(5) })
        .expect(404);
      const unscored = await start();
      unscored.catalog.entities[0].metadata.annotations![
        AIVSS_ANNOTATIONS.cvssBase
      ] = 'eleven';
      await sync(unscored);
      const invalid = await api(unscored)
        .ask({ justification: 'x', expiresAt: inDays(5) })
        .expect(409);
      expect(invalid.body.error.message).toMatch(/no score to accept/);
    });

    it('revoking keeps the record and allows a new request; nothing to revoke is a 409', async () => {
      const b = await start();
      await api(b).revoke('nothing there').expect(409);
      await api(b)
        .ask({ justification: 'first', expiresAt: inDays(20) })
        .expect(201);
      await api(b).approve().expect(200);
      await api(b).revoke('A new tool widened its reach').expect(204);
      const record = await api(b).record().expect(200);
      expect(record.body.acceptance).toMatchObject({
        state: 'revoked',
        endedReason: 'A new tool widened its reach',
        approvedBy: APPROVER,
      });
      await api(b)
        .ask({ justification: 'second', expiresAt: inDays(20) })
        .expect(201);
      const audit = await api(b).audit().expect(200);
      expect(audit.body.items.map((e: any) => e.action)).toEqual([
        'accept-request',
        'accept-revoke',
        'accept-approve',
        'accept-request',
      ]);
    });

    it('ends by itself at its expiry: expired at once in reads and filters, then recorded by the sweep with an audit entry', async () => {
      const b = await start();
      await api(b)
        .ask({ justification: 'until the fix ships', expiresAt: inDays(2) })
        .expect(201);
      await api(b).approve().expect(200);
      jest.setSystemTime(new Date(START.getTime() + 3 * DAY));

      const record = await api(b).record().expect(200);
      expect(record.body.acceptance.state).toBe('expired');
      // The export says so too, before the sweep has recorded it.
      expect(
        (await api(b).csvLines()).find(line =>
          line.startsWith(`${SUPPORT_BOT_REF},`),
        ),
      ).toContain(
        `,expired ${inDays(-1).slice(
          0,
          10,
        )}: The acceptance reached its expiry,`,
      );
      expect(
        (await api(b).list('acceptance=accepted').expect(200)).body.items,
      ).toEqual([]);
      expect(
        (await api(b).list('acceptance=expired').expect(200)).body.items.map(
          (i: any) => i.entityRef,
        ),
      ).toEqual([SUPPORT_BOT_REF]);

      await sync(b);
      const audit = await api(b).audit().expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'accept-end',
        actor: 'plugin:agent-risk',
        reason: expect.stringMatching(/reached its expiry/),
      });
      // Ended once: another sweep adds nothing.
      await sync(b);
      const again = await api(b).audit().expect(200);
      expect(again.body.items).toHaveLength(audit.body.items.length);
      // A new request may follow.
      await api(b)
        .ask({ justification: 'next quarter', expiresAt: inDays(30) })
        .expect(201);
    });

    it('ends when the severity rises, not when it falls', async () => {
      const b = await start();
      await api(b)
        .ask({ justification: 'High is tolerable', expiresAt: inDays(30) })
        .expect(201);
      await api(b).approve().expect(200);
      const bot = b.catalog.entities.find(
        e => e.metadata.name === 'support-bot',
      )!;
      // Lower: still accepted.
      bot.metadata.annotations![AIVSS_ANNOTATIONS.cvssBase] = '6.0';
      await sync(b);
      expect((await api(b).record()).body.acceptance.state).toBe('accepted');
      // Higher than at the request (High): ended.
      bot.metadata.annotations![AIVSS_ANNOTATIONS.cvssBase] = '10.0';
      await sync(b);
      const record = await api(b).record().expect(200);
      expect(record.body.severity).toBe('critical');
      expect(record.body.acceptance).toMatchObject({
        state: 'expired',
        endedReason: expect.stringMatching(/rose from High to Critical/),
      });
    });
  },
);
