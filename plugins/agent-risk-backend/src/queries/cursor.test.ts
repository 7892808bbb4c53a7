import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it('round-trips a keyset position', () => {
    const cursor = encodeCursor(
      { value: 7.8, entityRef: 'airesource:default/a' },
      'score',
      'desc',
    );
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'score', 'desc')).toEqual({
      value: 7.8,
      entityRef: 'airesource:default/a',
    });
  });

  it('rejects garbage and cursors made for another order', () => {
    expect(() => decodeCursor('%%%', 'score', 'desc')).toThrow(/cursor/);
    expect(() =>
      decodeCursor(Buffer.from('[]').toString('base64url'), 'score', 'desc'),
    ).toThrow(/cursor/);
    const byName = encodeCursor({ value: 'a', entityRef: 'x' }, 'name', 'asc');
    expect(() => decodeCursor(byName, 'name', 'desc')).toThrow(
      /another orderBy/,
    );
    expect(() => decodeCursor(byName, 'score', 'asc')).toThrow(/cursor/);
  });
});
