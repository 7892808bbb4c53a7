import { PromiseLru } from './PromiseLru';

describe('PromiseLru', () => {
  it('shares one promise per key, evicts the least recently used, and forgets rejections', async () => {
    const lru = new PromiseLru<number>(2);
    let computed = 0;
    const compute = (value: number) => () => {
      computed++;
      return Promise.resolve(value);
    };
    expect(await lru.get('a', compute(1))).toBe(1);
    expect(await lru.get('a', compute(99))).toBe(1);
    expect(computed).toBe(1);

    await lru.get('b', compute(2));
    await lru.get('a', compute(99)); // a is now the most recently used
    await lru.get('c', compute(3)); // evicts b
    expect(computed).toBe(3);
    expect(await lru.get('a', compute(99))).toBe(1);
    expect(await lru.get('b', compute(20))).toBe(20);
    expect(computed).toBe(4);

    await expect(
      lru.get('d', () => Promise.reject(new Error('database down'))),
    ).rejects.toThrow('database down');
    expect(await lru.get('d', compute(4))).toBe(4);
  });
});
