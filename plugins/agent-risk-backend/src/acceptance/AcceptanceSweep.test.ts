import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity } from '../__testUtils__/entities';
import { createAgentRiskDatabase } from '../database/AgentRiskDatabase';
import { AgentRiskNotifier } from '../notifications/AgentRiskNotifier';
import { toScoreWrite } from '../sync/toScoreWrite';
import { AcceptanceService } from './AcceptanceService';
import { AcceptanceSweep } from './AcceptanceSweep';

const { databases } = setUpBackendTests();
const DAY_MS = 24 * 60 * 60 * 1000;
const OWNER = 'group:default/team-a';

/** A NotificationService that records what it was asked to send. */
class RecordedNotifications implements NotificationService {
  sent: NotificationSendOptions[] = [];
  async send(options: NotificationSendOptions) {
    this.sent.push(options);
  }
  titles() {
    return this.sent.map(s => s.payload.title).sort();
  }
}

describe.each(databases.eachSupportedId())(
  'the acceptance sweep on %p',
  databaseId => {
    async function setUp(options: { notify: boolean }) {
      const knex = await databases.init(databaseId);
      const database = await createAgentRiskDatabase(knex);
      const clock = { now: new Date('2026-03-01T10:00:00.000Z') };
      const logger = mockServices.logger.mock();
      const acceptances = new AcceptanceService({
        store: database.acceptance,
        scores: database.scores,
        registry: database.registry,
        logger,
        maxDays: 365,
        now: () => clock.now,
      });
      const notifications = new RecordedNotifications();
      const notifier = options.notify
        ? new AgentRiskNotifier({
            outbox: database.notifications,
            notifications,
            logger,
            rules: {
              minimumSeverity: 'high',
              invalid: true,
              reviewOverdue: true,
              acceptanceExpiringDays: 14,
            },
            reviewInterval: { days: 90 },
            now: () => clock.now,
          })
        : undefined;
      /** Two scored agents of OWNER, each with an approved acceptance. */
      const names = ['short', 'long'];
      await database.scores.writeScores(
        names.map(name =>
          toScoreWrite(
            agentEntity({
              name,
              title: `Bot ${name}`,
              owner: OWNER,
              cvssBase: '6.0',
              factor: '0.3',
            }),
            { model: 'aivss-0.8' },
          ),
        ),
        clock.now.toISOString(),
      );
      const expiries = { short: '2026-03-20', long: '2026-04-10' };
      for (const name of names) {
        const ref = `airesource:default/${name}`;
        await acceptances.request(
          ref,
          {
            justification: 'sandboxed',
            expiresAt: expiries[name as keyof typeof expiries],
          },
          mockCredentials.user('user:default/guest'),
        );
        await acceptances.approve(
          ref,
          mockCredentials.user('user:default/erin'),
        );
      }
      const sweep = new AcceptanceSweep({ acceptances, notifier, logger });
      /** The states as stored (the public view shows "expired" by the clock alone). */
      const states = async () =>
        Object.fromEntries(
          [
            ...(await database.acceptance.latest(
              names.map(n => `airesource:default/${n}`),
            )),
          ].map(([ref, a]) => [ref, a.state]),
        );
      return {
        knex,
        sweep,
        logger,
        notifications,
        states,
        advance(days: number) {
          clock.now = new Date(clock.now.getTime() + days * DAY_MS);
        },
      };
    }

    it('ends the acceptance that ran out and tells its owner, with the one that runs out soon, once', async () => {
      const t = await setUp({ notify: true });
      await t.sweep.run();
      expect(t.notifications.sent).toEqual([]);

      t.advance(30); // 2026-03-31: short ran out, long has 10 days left
      await t.sweep.run();
      await t.sweep.run();
      expect(await t.states()).toEqual({
        'airesource:default/short': 'expired',
        'airesource:default/long': 'accepted',
      });
      expect(t.notifications.titles()).toEqual([
        'Bot long: risk acceptance expires 2026-04-10',
        'Bot short: risk acceptance ended',
      ]);
      expect(t.notifications.sent.map(s => s.recipients)).toEqual([
        { type: 'entity', entityRef: OWNER },
        { type: 'entity', entityRef: OWNER },
      ]);
    });

    it('with notifications off, still ends what ran out and tells nobody', async () => {
      const t = await setUp({ notify: false });
      t.advance(30);
      await t.sweep.run();
      expect(await t.states()).toEqual({
        'airesource:default/short': 'expired',
        'airesource:default/long': 'accepted',
      });
      expect(t.notifications.sent).toEqual([]);
    });

    it('after a sync, a sweep that fails is logged and not thrown; on schedule it throws', async () => {
      const t = await setUp({ notify: true });
      // The database goes away.
      await t.knex.destroy();
      await expect(t.sweep.afterSync()).resolves.toBeUndefined();
      expect(t.logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^Acceptance sweep after sync failed: /),
      );
      await expect(t.sweep.run()).rejects.toThrow();
      expect(t.logger.warn).toHaveBeenCalledTimes(1);
    });
  },
);
