import http from 'http';
import { AddressInfo } from 'net';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { RegistryEntityProvider } from './RegistryEntityProvider';

const agent = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'AiResource',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'agent',
    owner: 'group:default/ai-platform',
    lifecycle: 'production',
  },
});

/** A registry backend over real HTTP: what the agent-risk plugin serves. */
async function startRegistry(state: {
  entities: Entity[];
  changes: Array<{ id: number; added: Entity[]; removed: string[] }>;
  failing?: boolean;
  seen: Array<{ url: string; auth?: string }>;
}) {
  const server = http.createServer((req, res) => {
    state.seen.push({ url: req.url!, auth: req.headers.authorization });
    if (state.failing) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { name: 'Error', message: 'down' } }));
      return;
    }
    const url = new URL(req.url!, 'http://x');
    let body: unknown;
    if (url.pathname === '/api/agent-risk/registry/entities') {
      body = {
        entities: state.entities,
        cursor: state.changes.length
          ? state.changes[state.changes.length - 1].id
          : 0,
      };
    } else if (url.pathname === '/api/agent-risk/registry/changes') {
      const after = Number(url.searchParams.get('after'));
      const newer = state.changes.filter(c => c.id > after);
      body = {
        added: newer.flatMap(c => c.added),
        removed: newer.flatMap(c => c.removed),
        cursor: newer.length ? newer[newer.length - 1].id : after,
      };
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}/api/agent-risk` };
}

describe('RegistryEntityProvider', () => {
  it('applies a full mutation first, then only the changes since its cursor, with a service token', async () => {
    const state = {
      entities: [agent('a'), agent('b')],
      changes: [{ id: 2, added: [] as Entity[], removed: [] as string[] }],
      seen: [] as Array<{ url: string; auth?: string }>,
      failing: true,
    };
    const { server, baseUrl } = await startRegistry(state);
    const mutations: EntityProviderMutation[] = [];
    const connection: EntityProviderConnection = {
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    };
    const logger = mockServices.logger.mock();
    const provider = new RegistryEntityProvider({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      // The catalog's own auth: the registry feed takes only its token.
      auth: mockServices.auth({ pluginId: 'catalog' }),
      logger,
    });
    try {
      await provider.connect(connection);
      // The backend is not up yet: nothing applied, a warning, no throw.
      await provider.poll();
      expect(mutations).toEqual([]);
      expect(logger.warn).toHaveBeenCalled();

      state.failing = false;
      await provider.poll();
      expect(mutations).toHaveLength(1);
      expect(mutations[0]).toMatchObject({ type: 'full' });
      expect(
        (mutations[0] as any).entities.map((e: any) => [
          e.entity.metadata.name,
          e.locationKey,
        ]),
      ).toEqual([
        ['a', 'agent-risk-registry'],
        ['b', 'agent-risk-registry'],
      ]);

      // Nothing new: no mutation at all.
      await provider.poll();
      expect(mutations).toHaveLength(1);

      state.changes.push({ id: 3, added: [agent('c')], removed: [] });
      state.changes.push({
        id: 4,
        added: [],
        removed: ['airesource:default/a'],
      });
      await provider.poll();
      expect(mutations[1]).toEqual({
        type: 'delta',
        added: [{ entity: agent('c'), locationKey: 'agent-risk-registry' }],
        removed: [
          {
            entityRef: 'airesource:default/a',
            locationKey: 'agent-risk-registry',
          },
        ],
      });
      // The cursor moved past both changes.
      await provider.poll();
      expect(mutations).toHaveLength(2);
      expect(state.seen[state.seen.length - 1].url).toBe(
        '/api/agent-risk/registry/changes?after=4&wait=20',
      );
      // Every request carries the catalog plugin's own service token, as
      // the agent-risk backend authenticates it.
      const agentRiskAuth = mockServices.auth({ pluginId: 'agent-risk' });
      const principals = await Promise.all(
        state.seen.map(
          async s =>
            (
              await agentRiskAuth.authenticate(s.auth!.replace(/^Bearer /, ''))
            ).principal,
        ),
      );
      expect(new Set(principals.map(p => JSON.stringify(p)))).toEqual(
        new Set([
          JSON.stringify({ type: 'service', subject: 'plugin:catalog' }),
        ]),
      );
    } finally {
      server.close();
    }
  });
});
