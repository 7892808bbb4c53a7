import request from 'supertest';
import knexFactory from 'knex';
import { mockCredentials } from '@backstage/backend-test-utils';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { syncNow } from '../__testUtils__/testBackend';
import { isDatabaseUnavailableError } from './databaseUnavailable';

const pgError = (code: string, message = 'from the server') =>
  Object.assign(new Error(message), { code });

describe('isDatabaseUnavailableError', () => {
  it.each([
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED')],
    ['an admin shutdown (pg_terminate_backend)', pgError('57P01')],
    ['a server that cannot accept connections now', pgError('57P03')],
    ['a connection failure', pgError('08006')],
    [
      'a database that refuses connections',
      pgError('55000', 'database "x" is not currently accepting connections'),
    ],
    [
      'a connection cut under a query',
      new Error('Connection terminated unexpectedly'),
    ],
    [
      'a pooled client whose connection had failed',
      new Error(
        'Client has encountered a connection error and is not queryable',
      ),
    ],
    [
      'an exhausted pool',
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), {
        name: 'KnexTimeoutError',
      }),
    ],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a syntax error', pgError('42601')],
    ['bad input bytes (NUL on PostgreSQL)', pgError('22021')],
    ['a value too long', pgError('22001')],
    ['another state error', pgError('55000', 'something else')],
    ['a plain error', new Error('boom')],
    ['a non-error', 'ECONNREFUSED'],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});

const { databases, on } = setUpBackendTests();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

// Runs wherever PostgreSQL does (always in CI): SQLite cannot be cut off.
describe.each(postgres)('a database that cannot be reached, on %p', id => {
  it('gives 503 on reads while it lasts and 200 with the same scores after', async () => {
    const b = await on(id).start({
      sync: false,
    });
    const get = (path: string) =>
      request(b.server)
        .get(`/api/agent-risk${path}`)
        .set('Authorization', mockCredentials.user.header());
    await syncNow(b);
    const before = (await get('/agents').expect(200)).body;

    const { database, ...connection } = (b.knex.client as any).config
      .connection;
    const admin = knexFactory({
      client: 'pg',
      connection: { ...connection, database: 'postgres' },
    });
    try {
      await admin.raw(
        `ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`,
      );
      await admin.raw(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?',
        [database],
      );
      // The CSV export too: it reads its first rows before sending anything.
      for (const path of [
        '/agents',
        '/agents/airesource/default/code-fixer',
        '/agents.csv',
      ]) {
        const res = await get(path);
        expect(res.status).toBe(503);
        expect(res.body.error).toMatchObject({
          name: 'ServiceUnavailableError',
          message: expect.stringMatching(/database cannot be reached/),
        });
      }
    } finally {
      await admin.raw(
        `ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`,
      );
      await admin.destroy();
    }
    expect((await get('/agents').expect(200)).body).toEqual(before);
  });
});
