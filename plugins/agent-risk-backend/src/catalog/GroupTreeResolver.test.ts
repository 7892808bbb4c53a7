import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GroupTreeResolver } from './GroupTreeResolver';

function group(name: string, children: string[], members: string[] = []) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: [
      ...children.map(c => ({
        type: 'parentOf',
        targetRef: `group:default/${c}`,
      })),
      ...members.map(m => ({
        type: 'hasMember',
        targetRef: `user:default/${m}`,
      })),
    ],
  } as Entity;
}

describe('GroupTreeResolver', () => {
  const entities = [
    group('engineering', ['ai-platform', 'payments'], ['cto']),
    group('ai-platform', ['ml-infra'], ['ada']),
    group('payments', [], ['bob']),
    // A cycle in the org data: ml-infra claims engineering as a child.
    group('ml-infra', ['engineering']),
  ];

  it('expands a group to its sub-groups at any depth and their members, once each', async () => {
    const catalog = catalogServiceMock({ entities });
    const resolver = new GroupTreeResolver({
      catalog,
      auth: mockServices.auth(),
    });
    expect(
      (await resolver.expand(['group:default/engineering'])).sort(),
    ).toEqual(
      [
        'group:default/engineering',
        'group:default/ai-platform',
        'group:default/payments',
        'group:default/ml-infra',
        'user:default/cto',
        'user:default/ada',
        'user:default/bob',
      ].sort(),
    );
    expect((await resolver.expand(['group:default/payments'])).sort()).toEqual([
      'group:default/payments',
      'user:default/bob',
    ]);
  });

  it('keeps users and unknown groups as they are', async () => {
    const resolver = new GroupTreeResolver({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    });
    expect(
      await resolver.expand(['user:default/eve', 'group:default/nobody']),
    ).toEqual(['user:default/eve', 'group:default/nobody']);
  });

  it('reuses a tree within its time to live', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: async request =>
        catalogServiceMock({ entities }).getEntitiesByRefs(request),
    });
    const resolver = new GroupTreeResolver({
      catalog,
      auth: mockServices.auth(),
    });
    await resolver.expand(['group:default/payments']);
    await resolver.expand(['group:default/payments']);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });
});
