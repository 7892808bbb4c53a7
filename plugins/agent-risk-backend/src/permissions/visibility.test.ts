import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_AGENT_SELECTORS } from '@agent-risk/plugin-agent-risk-common';
import { AgentVisibilityResolver } from './visibility';

const agent = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'AiResource',
  metadata: { name, namespace: 'default' },
  spec: { type: 'agent', owner: 'group:default/team' },
});

function setup(options: {
  maxCachedRefs?: number;
  cacheTtlMs?: number;
  /** Users who see more agents than the others' three. */
  seesMore?: Record<string, number>;
}) {
  const { seesMore = {}, ...resolverOptions } = options;
  const agents = [agent('a'), agent('b'), agent('c')];
  const catalog = catalogServiceMock({ entities: agents });
  const queryEntities = jest
    .spyOn(catalog, 'queryEntities')
    .mockImplementation(async (request, opts) => {
      const user = (opts as any)?.credentials?.principal?.userEntityRef;
      const extra = Array.from({ length: seesMore[user] ?? 0 }, (_, i) =>
        agent(`extra-${i}`),
      );
      return catalogServiceMock({
        entities: [...agents, ...extra],
      }).queryEntities(request);
    });
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async () =>
      [
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: {},
          },
        },
      ] as any,
  });
  const resolver = new AgentVisibilityResolver({
    permissions,
    catalog,
    agentSelectors: DEFAULT_AGENT_SELECTORS,
    ...resolverOptions,
  });
  /** Catalog reads made for one user so far. */
  const readsFor = (ref: string) =>
    queryEntities.mock.calls.filter(
      ([, opts]) =>
        (opts as any)?.credentials?.principal?.userEntityRef === ref,
    ).length;
  return { resolver, readsFor };
}

describe('AgentVisibilityResolver', () => {
  it('bounds the cache by the refs it holds, dropping the oldest sets first', async () => {
    // Each user sees 3 refs; 7 fit, so two users' sets can be cached at once.
    const { resolver, readsFor } = setup({ maxCachedRefs: 7 });
    const users = ['user:default/u1', 'user:default/u2', 'user:default/u3'];
    for (const ref of users) {
      expect(await resolver.resolve(mockCredentials.user(ref))).toEqual({
        type: 'some',
        refs: expect.arrayContaining(['airesource:default/a']),
        fingerprint: expect.any(String),
      });
    }
    // u1 was evicted to fit u3; u2 and u3 are still cached.
    await resolver.resolve(mockCredentials.user(users[1]));
    await resolver.resolve(mockCredentials.user(users[2]));
    expect(readsFor(users[1])).toBe(1);
    expect(readsFor(users[2])).toBe(1);
    await resolver.resolve(mockCredentials.user(users[0]));
    expect(readsFor(users[0])).toBe(2);
  });

  it('does not cache a set larger than the whole bound', async () => {
    const { resolver, readsFor } = setup({ maxCachedRefs: 2 });
    const user = mockCredentials.user('user:default/u1');
    await resolver.resolve(user);
    await resolver.resolve(user);
    expect(readsFor('user:default/u1')).toBe(2);
  });

  it("does not evict other users' sets for one too large to cache", async () => {
    const { resolver, readsFor } = setup({
      maxCachedRefs: 7,
      seesMore: { 'user:default/big': 10 },
    });
    const small = mockCredentials.user('user:default/small');
    const big = mockCredentials.user('user:default/big');
    await resolver.resolve(small);
    expect(await resolver.resolve(big)).toMatchObject({ type: 'some' });
    expect(((await resolver.resolve(big)) as any).refs).toHaveLength(13);
    expect(readsFor('user:default/big')).toBe(2);
    // The small set stayed cached.
    await resolver.resolve(small);
    expect(readsFor('user:default/small')).toBe(1);
  });

  it('evicts by age and on request', async () => {
    const { resolver, readsFor } = setup({ cacheTtlMs: 50 });
    const user = mockCredentials.user('user:default/u1');
    await resolver.resolve(user);
    await resolver.resolve(user);
    expect(readsFor('user:default/u1')).toBe(1);
    await new Promise(resolve => setTimeout(resolve, 80));
    await resolver.resolve(user);
    expect(readsFor('user:default/u1')).toBe(2);
    resolver.forget(user);
    await resolver.resolve(user);
    expect(readsFor('user:default/u1')).toBe(3);
  });
});
