import http from 'http';
import { AddressInfo } from 'net';
import express from 'express';
import { mockServices } from '@backstage/backend-test-utils';
import { AgentCsvRow } from '@agent-risk/plugin-agent-risk-common';
import { AGENT_CSV_HEADER } from './csv';
import {
  CSV_EXPORT_FAILED_MARKER,
  CSV_EXPORT_STATUS_TRAILER,
  CsvExportOutcome,
  writeCsvExport,
} from './csvExport';
import { CsvExportCache } from './csvExportCache';

const item = (i: number): AgentCsvRow => ({
  entityRef: `airesource:default/agent-${i}`,
  title: `Agent ${i}`,
  owner: 'group:default/team',
  ownerTitle: 'Team',
  system: null,
  systemTitle: null,
  lifecycle: 'production',
  model: 'aivss-0.8',
  status: 'scored',
  score: 5,
  severity: 'medium',
  cvssBase: 5,
  cvssAssumed: false,
  factorSum: 5,
  reason: null,
  computedAt: '2026-01-01T00:00:00.000Z',
  acceptance: null,
  reviewedAt: null,
  reviewDue: null,
  reviewOverdue: true,
  ssvc: null,
  understated: false,
  discovered: false,
  assessed: true,
  topDrivers: '',
  errors: '',
  evidence: '',
});

/**
 * Serves one export from `rows`; resolves with how the handler ended, or
 * the error it threw (then answered 503, as the router's error handler does
 * for a database that cannot be reached).
 */
async function serve(
  rows: () => AsyncIterable<AgentCsvRow[]>,
  keep?: {
    cache: { exports: CsvExportCache; key: string | undefined };
    now: () => number;
  },
) {
  let finished!: (outcome: CsvExportOutcome | Error) => void;
  const outcome = new Promise<CsvExportOutcome | Error>(resolve => {
    finished = resolve;
  });
  let writes = 0;
  const app = express();
  app.get('/export', async (_req, res) => {
    const write = res.write.bind(res);
    res.write = ((...args: Parameters<typeof write>) => {
      writes += 1;
      return write(...args);
    }) as typeof res.write;
    try {
      finished(
        await writeCsvExport({
          res,
          rows,
          logger: mockServices.logger.mock(),
          filename: 'x.csv',
          ...keep,
        }),
      );
    } catch (error) {
      expect(res.headersSent).toBe(false);
      res.status(503).json({ error: String(error) });
      finished(error as Error);
    }
  });
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, outcome, writes: () => writes };
}

/** Reads a whole response, body and trailers. */
function fetchAll(port: number) {
  return new Promise<{
    status?: number;
    body: string;
    trailers: NodeJS.Dict<string>;
  }>((resolve, reject) => {
    http
      .get({ port, host: '127.0.0.1', path: '/export' }, res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode, body, trailers: res.trailers }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('writeCsvExport', () => {
  it('streams an export of several batches, ending with a complete trailer', async () => {
    const { server, port, outcome, writes } = await serve(
      async function* rows() {
        yield [item(1), item(2)];
        yield [item(3)];
        yield [item(4)];
      },
    );
    const { status, body, trailers } = await fetchAll(port);
    expect(status).toBe(200);
    expect(body.split('\r\n').filter(Boolean)).toEqual([
      AGENT_CSV_HEADER.trimEnd(),
      ...[1, 2, 3, 4].map(i =>
        expect.stringMatching(`^airesource:default/agent-${i},`),
      ),
    ]);
    expect(trailers[CSV_EXPORT_STATUS_TRAILER.toLowerCase()]).toBe('complete');
    expect(await outcome).toBe('complete');
    expect(writes()).toBeGreaterThan(1);
    server.close();
  });

  it('sends an export of one batch in a single write, with the same trailer', async () => {
    const { server, port, outcome, writes } = await serve(
      async function* rows() {
        yield [item(1), item(2)];
      },
    );
    const { status, body, trailers } = await fetchAll(port);
    expect(status).toBe(200);
    expect(body.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(trailers[CSV_EXPORT_STATUS_TRAILER.toLowerCase()]).toBe('complete');
    expect(await outcome).toBe('complete');
    expect(writes()).toBe(0);
    server.close();
  });

  it('sends the header alone when there are no rows', async () => {
    const { server, port, outcome } = await serve(async function* rows() {});
    const { body, trailers } = await fetchAll(port);
    expect(body).toBe(AGENT_CSV_HEADER);
    expect(trailers[CSV_EXPORT_STATUS_TRAILER.toLowerCase()]).toBe('complete');
    expect(await outcome).toBe('complete');
    server.close();
  });

  it.each([
    ['its first batch', 0],
    ['the batch after the first', 1],
  ])(
    'sends nothing and lets the route answer the error when the database fails reading %s',
    async (_, batchesBefore) => {
      const { server, port, outcome } = await serve(async function* rows() {
        for (let i = 0; i < batchesBefore; i++) {
          yield [item(i)];
        }
        throw new Error('connection terminated');
      });
      const { status, body } = await fetchAll(port);
      expect(status).toBe(503);
      expect(body).toContain('connection terminated');
      expect(await outcome).toEqual(new Error('connection terminated'));
      server.close();
    },
  );

  it('says the file is incomplete when the database fails after the headers', async () => {
    const { server, port, outcome } = await serve(async function* rows() {
      yield [item(1)];
      yield [item(2)];
      throw new Error('connection terminated');
    });
    const { body, trailers } = await fetchAll(port);
    const lines = body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(
      new RegExp(`^${CSV_EXPORT_FAILED_MARKER},.*incomplete`),
    );
    expect(trailers[CSV_EXPORT_STATUS_TRAILER.toLowerCase()]).toBe('failed');
    expect(await outcome).toBe('failed');
    server.close();
  });

  it('ends the handler and closes the row source when the client goes away', async () => {
    let batches = 0;
    let closed = false;
    const { server, port, outcome } = await serve(async function* rows() {
      try {
        // Endless: only the client going away can stop it.
        for (;;) {
          batches += 1;
          yield Array.from({ length: 1000 }, (_, i) => item(i));
        }
      } finally {
        closed = true;
      }
    });
    await new Promise<void>(resolve => {
      const req = http.get(
        { port, host: '127.0.0.1', path: '/export' },
        res => {
          // Read one chunk, then stop reading and hang up.
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => {});
    });
    expect(await outcome).toBe('aborted');
    expect(closed).toBe(true);
    const seen = batches;
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(batches).toBe(seen);
    server.close();
  });

  it('serves a kept one-batch export again without reading, until a cell would read differently', async () => {
    let reads = 0;
    let now = Date.parse('2026-06-01T00:00:00.000Z');
    const dueSoon = {
      ...item(2),
      reviewOverdue: false,
      reviewDue: '2026-06-02T00:00:00.000Z',
    };
    const exports = new CsvExportCache();
    const { server, port } = await serve(
      async function* rows() {
        reads += 1;
        yield [item(1), { ...dueSoon, title: `Read ${reads}` }];
      },
      { cache: { exports, key: 'v1:all:team' }, now: () => now },
    );
    try {
      const first = await fetchAll(port);
      expect(first.body).toContain('Read 1');
      expect((await fetchAll(port)).body).toBe(first.body);
      expect(reads).toBe(1);

      // The review falls due: the kept export would now be wrong.
      now = Date.parse('2026-06-02T00:00:00.000Z');
      expect((await fetchAll(port)).body).toContain('Read 2');
      expect(reads).toBe(2);
      expect((await fetchAll(port)).body).toContain('Read 2');
      expect(reads).toBe(2);
    } finally {
      server.close();
    }
  });

  it('reads afresh every time without a key (a filter that depends on the time)', async () => {
    let reads = 0;
    const exports = new CsvExportCache();
    const { server, port } = await serve(
      async function* rows() {
        reads += 1;
        yield [item(1)];
      },
      { cache: { exports, key: undefined }, now: Date.now },
    );
    try {
      await fetchAll(port);
      await fetchAll(port);
      expect(reads).toBe(2);
    } finally {
      server.close();
    }
  });
});
