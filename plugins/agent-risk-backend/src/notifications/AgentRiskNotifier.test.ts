import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  AIVSS_ANNOTATIONS,
  scoreSsvc,
  SSVC_ANNOTATIONS,
  SSVC_FACTORS,
} from '@agent-risk/plugin-agent-risk-common';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity, TestAgentOptions } from '../__testUtils__/entities';
import { createAgentRiskDatabase } from '../database/AgentRiskDatabase';
import { readAgentRiskBackendOptions } from '../options';
import { AgentRiskSync } from '../sync/AgentRiskSync';
import { AgentRiskNotifier } from './AgentRiskNotifier';
import { AcceptanceService } from '../acceptance/AcceptanceService';

const { databases } = setUpBackendTests();
const REVIEWED_AT = 'agent-risk.io/reviewed-at';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A NotificationService that records what it was asked to send. */
class RecordedNotifications implements NotificationService {
  sent: NotificationSendOptions[] = [];
  failNext = 0;
  async send(options: NotificationSendOptions) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('notifications backend unavailable');
    }
    this.sent.push(options);
  }
  titles() {
    return this.sent.map(s => s.payload.title);
  }
}

describe.each(databases.eachSupportedId())(
  'owner notifications on %p',
  databaseId => {
    async function setUp(agents: TestAgentOptions[]) {
      const knex = await databases.init(databaseId);
      const database = await createAgentRiskDatabase(knex);
      let entities: Entity[] = agents.map(agentEntity);
      const catalog = catalogServiceMock.mock({
        queryEntities: async request =>
          catalogServiceMock({ entities }).queryEntities(request),
        getEntitiesByRefs: async request =>
          catalogServiceMock({ entities }).getEntitiesByRefs(request),
      });
      const clock = { now: new Date('2026-03-01T10:00:00.000Z') };
      const notifications = new RecordedNotifications();
      const options = readAgentRiskBackendOptions(
        new ConfigReader({
          agentRisk: { review: { interval: { days: 30 } } },
        }),
      );
      const notifier = new AgentRiskNotifier({
        outbox: database.notifications,
        notifications,
        logger: mockServices.logger.mock(),
        rules: {
          minimumSeverity: 'high',
          invalid: true,
          reviewOverdue: true,
          acceptanceExpiringDays: 14,
        },
        reviewInterval: options.review.interval,
        now: () => clock.now,
      });
      const sync = new AgentRiskSync({
        catalog,
        auth: mockServices.auth(),
        database,
        logger: mockServices.logger.mock(),
        options,
        now: () => clock.now,
        notifier,
      });
      return {
        sync,
        notifications,
        notifier,
        acceptances: new AcceptanceService({
          store: database.acceptance,
          scores: database.scores,
          logger: mockServices.logger.mock(),
          maxDays: 365,
          now: () => clock.now,
        }),
        /** Replaces an agent's entity, as an edit at its source would. */
        edit(agent: TestAgentOptions) {
          entities = entities
            .filter(e => e.metadata.name !== agent.name)
            .concat(agentEntity(agent));
        },
        /** Moves the clock on by whole days. */
        advance(days: number) {
          clock.now = new Date(clock.now.getTime() + days * DAY_MS);
        },
      };
    }

    const bot = {
      name: 'bot',
      title: 'Bot',
      owner: 'group:default/team-a',
    };

    it('an acceptance: told once 14 days before it expires, and once when it ends', async () => {
      const t = await setUp([{ ...bot, cvssBase: '6.0', factor: '0.3' }]);
      await t.sync.syncAll();
      const ref = 'airesource:default/bot';
      const sweep = async () => {
        const ended = await t.acceptances.sweep();
        await t.notifier.recordAcceptanceEvents({
          ended: await t.acceptances.endedNotices(ended),
          active: await t.acceptances.activeNotices(),
        });
        await t.notifier.deliver();
      };
      await t.acceptances.request(
        ref,
        { justification: 'sandboxed', expiresAt: '2026-04-30' },
        mockCredentials.user('user:default/guest'),
      );
      await t.acceptances.approve(
        ref,
        mockCredentials.user('user:default/erin'),
      );
      await sweep();
      expect(t.notifications.sent).toEqual([]);

      t.advance(47); // 2026-04-17: 13 days left
      await sweep();
      await sweep();
      expect(t.notifications.titles()).toEqual([
        'Bot: risk acceptance expires 2026-04-30',
      ]);
      expect(t.notifications.sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/team-a',
      });

      t.advance(14); // 2026-05-01: expired
      await sweep();
      await sweep();
      expect(t.notifications.titles()).toEqual([
        'Bot: risk acceptance expires 2026-04-30',
        'Bot: risk acceptance ended',
      ]);
      expect(t.notifications.sent[1].payload.description).toMatch(
        /reached its expiry/,
      );
    });

    it('a band rise sends exactly one notification, to the owner; a sync that changes nothing sends none', async () => {
      const t = await setUp([{ ...bot, cvssBase: '5.0', factor: '0.2' }]);
      await t.sync.syncAll();
      // Seen for the first time: nobody is told (a first sync would flood owners).
      expect(t.notifications.sent).toEqual([]);

      t.advance(1);
      t.edit({ ...bot, cvssBase: '6.0', factor: '0.3' });
      await t.sync.syncAll();
      expect(t.notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/team-a' },
          payload: expect.objectContaining({
            title: 'Bot rose to High (7.2)',
            description: 'Its AIVSS risk rose from Medium to High.',
            severity: 'high',
            link: '/catalog/default/airesource/bot',
            topic: 'Agent Risk',
          }),
        },
      ]);

      t.advance(1);
      await t.sync.syncAll();
      await t.sync.syncAll();
      expect(t.notifications.sent).toHaveLength(1);
    });

    it('an SSVC outcome that is set or rises is told once, with its deadline; Defer and a fall are not', async () => {
      // OWASP's worked example's capabilities (a Prime Mover) under three threat pictures.
      const ssvc = (threat: string, vulnerability: string, impact: string) => ({
        [SSVC_ANNOTATIONS.threat]: threat,
        [SSVC_ANNOTATIONS.vulnerability]: vulnerability,
        [SSVC_ANNOTATIONS.impact]: impact,
        ...Object.fromEntries(
          SSVC_FACTORS.map((f, i) => [
            f.annotation,
            String([4, 4, 4, 4, 3, 3, 3, 2, 3, 2][i]),
          ]),
        ),
      });
      const quiet = ssvc('none', 'hardened', 'contained');
      const urgent = ssvc('poc', 'moderate', 'critical');
      expect(scoreSsvc(urgent).outcome).toBe('Immediate');
      const quietOutcome = scoreSsvc(quiet).outcome;
      expect(quietOutcome).not.toBe('Immediate');

      const agent = { ...bot, cvssBase: '3.0', factor: '0.1' };
      const t = await setUp([{ ...agent, extraAnnotations: quiet }]);
      await t.sync.syncAll();
      expect(t.notifications.titles()).toEqual([]);

      t.advance(1);
      t.edit({ ...agent, extraAnnotations: urgent });
      await t.sync.syncAll();
      await t.sync.syncAll();
      expect(t.notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/team-a' },
          payload: expect.objectContaining({
            title: 'Bot: Immediate, due in 7 days',
            severity: 'critical',
          }),
        },
      ]);

      // Back down, and up again only to where it was: nothing new to tell.
      t.advance(1);
      t.edit({ ...agent, extraAnnotations: quiet });
      await t.sync.syncAll();
      expect(t.notifications.sent).toHaveLength(1);
    });

    it('becoming Critical and becoming invalid are each told once; a fall and a rise below the threshold are not', async () => {
      const t = await setUp([{ ...bot, cvssBase: '6.0', factor: '0.3' }]);
      await t.sync.syncAll();
      t.edit({ ...bot, cvssBase: '3.0', factor: '0.1' }); // high -> low
      await t.sync.syncAll();
      t.edit({ ...bot, cvssBase: '5.0', factor: '0.2' }); // low -> medium, below high
      await t.sync.syncAll();
      expect(t.notifications.titles()).toEqual([]);

      t.edit({ ...bot, cvssBase: '9.0', factor: '0.8' }); // medium -> critical
      await t.sync.syncAll();
      await t.sync.syncAll();
      t.edit({
        ...bot,
        cvssBase: '9.0',
        factor: '0.8',
        extraAnnotations: { [AIVSS_ANNOTATIONS.cvssBase]: 'very high' },
      });
      await t.sync.syncAll();
      await t.sync.syncAll();
      expect(t.notifications.titles()).toEqual([
        'Bot is now Critical (9.8)',
        'Bot is now invalid',
      ]);
    });

    it('a review that falls overdue is told once per review date, by the clock', async () => {
      const t = await setUp([
        {
          ...bot,
          cvssBase: '5.0',
          factor: '0.2',
          extraAnnotations: { [REVIEWED_AT]: '2026-02-20' },
        },
        // Never reviewed: not on a cadence, so never "falls" overdue.
        { name: 'other', cvssBase: '5.0', factor: '0.2' },
      ]);
      await t.sync.syncAll();
      expect(t.notifications.sent).toEqual([]);

      t.advance(20); // 2026-03-21: due 2026-03-22
      await t.sync.syncAll();
      expect(t.notifications.sent).toEqual([]);

      t.advance(2);
      await t.sync.syncAll();
      await t.sync.syncAll();
      expect(t.notifications.titles()).toEqual(['Bot: risk review overdue']);
      expect(t.notifications.sent[0].payload.description).toBe(
        'Last reviewed 2026-02-20; the next review was due 2026-03-22. Review the assessment and update agent-risk.io/reviewed-at.',
      );

      // A new review starts a new cadence; its own due date is told again.
      t.edit({
        ...bot,
        cvssBase: '5.0',
        factor: '0.2',
        extraAnnotations: { [REVIEWED_AT]: '2026-03-23' },
      });
      await t.sync.syncAll();
      t.advance(40);
      await t.sync.syncAll();
      expect(t.notifications.titles()).toEqual([
        'Bot: risk review overdue',
        'Bot: risk review overdue',
      ]);
    });

    it('a notification the backend refused is sent after the next sync, still once', async () => {
      const t = await setUp([{ ...bot, cvssBase: '6.0', factor: '0.3' }]);
      await t.sync.syncAll();
      t.notifications.failNext = 1;
      t.edit({ ...bot, cvssBase: '9.0', factor: '0.8' });
      await t.sync.syncAll();
      expect(t.notifications.sent).toEqual([]);
      await t.sync.syncAll();
      await t.sync.syncAll();
      expect(t.notifications.titles()).toEqual(['Bot is now Critical (9.8)']);
    });

    it('two replicas delivering at once send a notification once', async () => {
      const database = await createAgentRiskDatabase(
        await databases.init(databaseId),
      );
      const notifications = new RecordedNotifications();
      const replica = () =>
        new AgentRiskNotifier({
          outbox: database.notifications,
          notifications,
          logger: mockServices.logger.mock(),
          rules: {
            minimumSeverity: 'high',
            invalid: true,
            reviewOverdue: true,
            acceptanceExpiringDays: 14,
          },
          reviewInterval: { days: 90 },
        });
      await database.notifications.record(
        ['a', 'b', 'c'].map(name => ({
          entityRef: `airesource:default/${name}`,
          kind: 'became-critical',
          subject: '2026-03-01T10:00:00.000Z',
          recipient: 'group:default/team-a',
          payload: { title: `${name} is now Critical` },
        })),
        '2026-03-01T10:00:00.000Z',
      );
      const [first, second] = await Promise.all([
        replica().deliver(),
        replica().deliver(),
      ]);
      expect(first + second).toBe(3);
      expect(notifications.titles().sort()).toEqual([
        'a is now Critical',
        'b is now Critical',
        'c is now Critical',
      ]);
      expect(await replica().deliver()).toBe(0);
    });
  },
);
