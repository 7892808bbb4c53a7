import path from 'path';

/*
 * The HTTP contract's schemas (common), the router's typing and the actions
 * registry (backend-plugin-api) must share one copy of zod. With a second
 * copy nested under this package, tsc compares the two copies' types
 * structurally and fails with TS2589 ("excessively deep") at every route()
 * of http/router.ts and in actions/schemas.ts, and `.extend()` mixes
 * schemas of two libraries at run time. The lockfile keeps one copy; this
 * says so plainly when an install brings a second back.
 */
describe('zod', () => {
  it('resolves to one copy for this package, the common package and the actions registry', () => {
    const resolveFrom = (fromFile: string) =>
      require.resolve('zod/v3', { paths: [path.dirname(fromFile)] });
    const copies = new Set([
      resolveFrom(__filename),
      resolveFrom(require.resolve('@agent-risk/plugin-agent-risk-common')),
      resolveFrom(require.resolve('@backstage/backend-plugin-api')),
    ]);
    expect([...copies]).toHaveLength(1);
  });
});
