import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ReadableRefs } from './ReadableRefs';

const system = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner },
});

/**
 * A catalog that returns to each user only what their team owns, as a
 * conditional "owner" policy would, and counts what it is asked.
 */
function setup(
  options: { cacheTtlMs?: number; maxRefsPerCaller?: number } = {},
) {
  const entities = [
    system('payments', 'group:default/alice-team'),
    system('search', 'group:default/bob-team'),
  ];
  const catalog = catalogServiceMock({ entities });
  let failNext = false;
  const asked = jest
    .spyOn(catalog, 'getEntitiesByRefs')
    .mockImplementation(async (request, opts) => {
      if (failNext) {
        failNext = false;
        throw new Error('catalog unavailable');
      }
      const user = (opts as any).credentials.principal.userEntityRef as string;
      const team = `group:default/${user.split('/')[1]}-team`;
      return {
        items: request.entityRefs.map(ref =>
          entities.find(
            e =>
              `system:default/${e.metadata.name}` === ref &&
              e.spec!.owner === team,
          ),
        ),
      };
    });
  const readable = new ReadableRefs({ catalog, ...options });
  return { readable, asked, failOnce: () => (failNext = true) };
}

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const refs = ['system:default/payments', 'system:default/search'];

describe('ReadableRefs', () => {
  it("answers with the catalog's decision for each caller", async () => {
    const { readable } = setup();
    expect(await readable.unreadable(refs, alice)).toEqual(
      new Set(['system:default/search']),
    );
    expect(await readable.unreadable(refs, bob)).toEqual(
      new Set(['system:default/payments']),
    );
  });

  it('asks the catalog once per caller while the answers are fresh, and only for refs it has not asked', async () => {
    const { readable, asked } = setup();
    await readable.unreadable([refs[0]], alice);
    await readable.unreadable(refs, alice);
    await readable.unreadable(refs, alice);
    expect(asked).toHaveBeenCalledTimes(2);
    expect(asked.mock.calls[1][0].entityRefs).toEqual([refs[1]]);
    // Another caller's answers are their own.
    await readable.unreadable(refs, bob);
    expect(asked).toHaveBeenCalledTimes(3);
  });

  it('shares one question among concurrent requests', async () => {
    const { readable, asked } = setup();
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => readable.unreadable(refs, alice)),
    );
    expect(asked).toHaveBeenCalledTimes(1);
    for (const answer of answers) {
      expect(answer).toEqual(new Set(['system:default/search']));
    }
  });

  it('asks again once the answers expire', async () => {
    const { readable, asked } = setup({ cacheTtlMs: 0 });
    await readable.unreadable(refs, alice);
    await readable.unreadable(refs, alice);
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('never keeps a failed question', async () => {
    const { readable, asked, failOnce } = setup();
    failOnce();
    await expect(readable.unreadable(refs, alice)).rejects.toThrow(
      'catalog unavailable',
    );
    expect(await readable.unreadable(refs, alice)).toEqual(
      new Set(['system:default/search']),
    );
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxRefsPerCaller answers, and still answers the rest', async () => {
    const { readable, asked } = setup({ maxRefsPerCaller: 1 });
    expect(await readable.unreadable(refs, alice)).toEqual(
      new Set(['system:default/search']),
    );
    await readable.unreadable(refs, alice);
    expect(asked).toHaveBeenCalledTimes(2);
    expect(asked.mock.calls[1][0].entityRefs).toEqual([refs[1]]);
  });

  it('does not cache a caller without a user or service principal', async () => {
    const { readable, asked } = setup();
    const none = mockCredentials.none();
    asked.mockResolvedValue({ items: [undefined, undefined] });
    await readable.unreadable(refs, none);
    await readable.unreadable(refs, none);
    expect(asked).toHaveBeenCalledTimes(2);
  });
});
