import request from 'supertest';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { agentEntity, TestAgentOptions } from '../__testUtils__/entities';
import { syncNow } from '../__testUtils__/testBackend';

const { databases, on } = setUpBackendTests({ timeoutMs: 90_000 });

const teamA: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'hasMember', targetRef: 'user:default/alice' }],
};

describe.each(databases.eachSupportedId())(
  'notifications through the notifications backend on %p',
  databaseId => {
    it('a band rise reaches the owner group’s member once, read back through the notifications API', async () => {
      const bot: TestAgentOptions = {
        name: 'bot',
        title: 'Bot',
        owner: 'group:default/team-a',
      };
      const b = await on(databaseId).start({
        sync: false,
        entities: [
          teamA,
          agentEntity({ ...bot, cvssBase: '5.0', factor: '0.2' }),
        ],
        config: { notifications: { enabled: true } },
        features: [notificationsPlugin],
      });
      const sync = () => syncNow(b);
      const alicesNotifications = async () =>
        (
          await request(b.server)
            .get('/api/notifications/notifications')
            .set(
              'Authorization',
              mockCredentials.user.header('user:default/alice'),
            )
            .expect(200)
        ).body.notifications as Array<{
          user: string;
          origin: string;
          payload: { title: string; link?: string; topic?: string };
        }>;

      await sync();
      expect(await alicesNotifications()).toEqual([]);

      b.catalog.entities = [
        teamA,
        agentEntity({ ...bot, cvssBase: '6.0', factor: '0.3' }),
      ];
      await sync();
      await sync();
      const received = await alicesNotifications();
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        user: 'user:default/alice',
        origin: 'plugin:agent-risk',
        payload: {
          title: 'Bot rose to High (7.2)',
          link: '/catalog/default/airesource/bot',
          topic: 'Agent Risk',
        },
      });
    });
  },
);
