import http from 'http';
import { AddressInfo } from 'net';
import { FetchRefusedError } from './FetchRefusedError';
import { HttpFetchReader, HttpFetchReaderOptions } from './FetchReader';

jest.setTimeout(20_000);

/** A real local server; records what it was asked, headers included. */
async function startServer(handler: http.RequestListener) {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    host: `127.0.0.1:${port}`,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
type Server = Awaited<ReturnType<typeof startServer>>;

const reader = (options: Partial<HttpFetchReaderOptions> = {}) =>
  new HttpFetchReader({ allow: [], timeoutMs: 5000, ...options });

/** The refusal a fetch ends in: its rule and message. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('the fetch was not refused');
    },
    e => e,
  );
  expect(error).toBeInstanceOf(FetchRefusedError);
  return { rule: error.rule, message: error.message };
}

describe('HttpFetchReader', () => {
  const servers: Server[] = [];
  const serve = async (handler: http.RequestListener) => {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  /** Answers JSON at /card.json, redirects as `redirects` says, else 404. */
  const documents = (redirects: Record<string, string> = {}) =>
    serve((req, res) => {
      const to = redirects[req.url ?? ''];
      if (to) {
        res.writeHead(302, { Location: to }).end();
      } else if (req.url === '/card.json') {
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end('{"name":"card"}');
      } else {
        res.writeHead(404).end('not here');
      }
    });

  it('reads an allowed host without any credentials', async () => {
    const server = await documents();
    const read = await reader({ allow: [server.host] }).fetch(
      server.url('/card.json'),
    );
    expect(read).toMatchObject({
      url: server.url('/card.json'),
      status: 200,
      contentType: 'application/json',
    });
    expect(read.json()).toEqual({ name: 'card' });
    expect(read.text()).toBe('{"name":"card"}');
    const { headers } = server.requests[0];
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers['user-agent']).toBe('agent-risk-backend');
  });

  it('allows nothing by default, and refuses before connecting', async () => {
    const server = await documents();
    for (const url of [
      server.url('/card.json'),
      'https://github.com/acme/private/blob/main/agent.json',
      'https://raw.githubusercontent.com/acme/private/main/agent.json',
      'https://acme-secrets.s3.us-east-1.amazonaws.com/agent.json',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      expect(await refusal(reader().fetch(url))).toEqual({
        rule: 'not-allowed',
        message: `its host ${
          new URL(url).host
        } is not in agentRisk.fetch.allow`,
      });
    }
    expect(server.requests).toHaveLength(0);
  });

  it('matches every port with a pattern without one, only its port with one', async () => {
    const one = await documents();
    const two = await documents();
    for (const server of [one, two]) {
      await expect(
        reader({ allow: ['127.0.0.1'] }).fetch(server.url('/card.json')),
      ).resolves.toMatchObject({ status: 200 });
    }
    expect(
      await refusal(reader({ allow: [one.host] }).fetch(two.url('/card.json'))),
    ).toEqual({
      rule: 'not-allowed',
      message: `its host ${two.host} is not in agentRisk.fetch.allow`,
    });
  });

  it('lets a wildcard allow subdomains, not the domain itself', async () => {
    const wildcard = reader({ allow: ['*.agents.localhost'], timeoutMs: 2000 });
    expect(
      await refusal(wildcard.fetch('http://agents.localhost/card.json')),
    ).toMatchObject({ rule: 'not-allowed' });
    // Allowed: it gets as far as looking the name up (which finds nothing here).
    expect(
      (await refusal(wildcard.fetch('http://a.agents.localhost/card.json')))
        .rule,
    ).not.toBe('not-allowed');
  });

  it('follows a redirect to an allowed host, and says where it ended', async () => {
    const target = await documents();
    const start = await documents({ '/go': target.url('/card.json') });
    const read = await reader({ allow: ['127.0.0.1'] }).fetch(start.url('/go'));
    expect(read.url).toBe(target.url('/card.json'));
    expect(read.json()).toEqual({ name: 'card' });
  });

  it('refuses a redirect to a host not allowed, without asking it', async () => {
    const elsewhere = await documents();
    const start = await documents({ '/go': elsewhere.url('/card.json') });
    expect(
      await refusal(reader({ allow: [start.host] }).fetch(start.url('/go'))),
    ).toEqual({
      rule: 'redirect',
      message: `it redirects to a host not allowed: ${elsewhere.host} is not in agentRisk.fetch.allow`,
    });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses a redirect loop and a redirect chain longer than the bound', async () => {
    const loop = await documents({ '/a': '/b', '/b': '/a' });
    const allow = [loop.host];
    expect(await refusal(reader({ allow }).fetch(loop.url('/a')))).toEqual({
      rule: 'redirect',
      message: 'it redirects in a loop',
    });
    const chain = await serve((req, res) => {
      res.writeHead(302, { Location: `${req.url}x` }).end();
    });
    expect(
      await refusal(
        reader({ allow: [chain.host], maxRedirects: 3 }).fetch(chain.url('/')),
      ),
    ).toEqual({ rule: 'redirect', message: 'it redirects more than 3 times' });
    expect(chain.requests).toHaveLength(4);
  });

  it.each([
    ['file:///etc/passwd', 'file:'],
    ['ftp://127.0.0.1/agent.json', 'ftp:'],
    ['data:application/json,{}', 'data:'],
    ['ws://127.0.0.1/agent.json', 'ws:'],
  ])('refuses %s: only http and https', async (url, scheme) => {
    expect(await refusal(reader({ allow: ['127.0.0.1'] }).fetch(url))).toEqual({
      rule: 'scheme',
      message: `it is a ${scheme} URL; only http and https are read`,
    });
  });

  it('refuses a redirect to another scheme, and a URL with credentials', async () => {
    const start = await documents({ '/go': 'file:///etc/passwd' });
    const allowed = reader({ allow: [start.host] });
    expect(await refusal(allowed.fetch(start.url('/go')))).toEqual({
      rule: 'scheme',
      message: 'it redirects to a file: URL; only http and https are read',
    });
    expect(
      await refusal(
        allowed.fetch(`http://user:secret@${start.host}/card.json`),
      ),
    ).toMatchObject({ rule: 'credentials' });
    expect(await refusal(allowed.fetch('not a url'))).toMatchObject({
      rule: 'invalid-url',
    });
  });

  it('refuses a body over the bound, announced or not, and stops reading it', async () => {
    const big = 'x'.repeat(2000);
    let streamed: Promise<number> | undefined;
    const server = await serve((req, res) => {
      if (req.url === '/announced') {
        res.writeHead(200, { 'Content-Length': big.length }).end(big);
        return;
      }
      // No length: chunk after chunk, far more than the bound.
      res.writeHead(200);
      let sent = 0;
      streamed = new Promise(resolve => res.on('close', () => resolve(sent)));
      const more = () => {
        while (sent < 10_000_000 && res.write('y'.repeat(1000))) {
          sent += 1000;
        }
        if (sent < 10_000_000 && !res.destroyed) res.once('drain', more);
        else res.end();
      };
      more();
    });
    const bounded = reader({ allow: [server.host], maxBytes: 1000 });
    for (const path of ['/announced', '/streamed']) {
      expect(await refusal(bounded.fetch(server.url(path)))).toEqual({
        rule: 'too-large',
        message: 'it is larger than 1000 bytes',
      });
    }
    // The connection was closed long before the server was done.
    expect(await streamed).toBeLessThan(10_000_000);
    // A caller may bound lower than the reader, never higher.
    const wide = reader({ allow: [server.host] });
    expect(
      await refusal(wide.fetch(server.url('/announced'), { maxBytes: 100 })),
    ).toMatchObject({ message: 'it is larger than 100 bytes' });
    expect(
      await refusal(
        bounded.fetch(server.url('/announced'), { maxBytes: 1_000_000 }),
      ),
    ).toMatchObject({ message: 'it is larger than 1000 bytes' });
  });

  it('times out on a server that never answers, and on one that trickles bytes', async () => {
    const timers: NodeJS.Timeout[] = [];
    const server = await serve((req, res) => {
      if (req.url === '/silent') return;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // A byte every 50 ms, for ever: each read is quick, the whole is not.
      timers.push(setInterval(() => res.write(' '), 50));
    });
    try {
      const slow = reader({ allow: [server.host], timeoutMs: 500 });
      for (const path of ['/silent', '/trickle']) {
        const started = Date.now();
        expect(await refusal(slow.fetch(server.url(path)))).toEqual({
          rule: 'timeout',
          message: 'it did not answer within 0.5 s',
        });
        expect(Date.now() - started).toBeLessThan(2000);
      }
    } finally {
      timers.forEach(clearInterval);
    }
  });

  it('says the status of an error answer, never its text', async () => {
    const server = await serve((_req, res) => {
      res
        .writeHead(500, { 'Content-Type': 'text/plain' })
        .end(`database password is hunter2 ${'e'.repeat(5000)}`);
    });
    const error = await reader({ allow: [server.host] })
      .fetch(server.url('/'))
      .catch(e => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect(error).toMatchObject({
      rule: 'status',
      status: 500,
      message: 'it answered HTTP 500',
    });
  });

  it('says only that a host could not be reached', async () => {
    const gone = await serve(() => {});
    await gone.close();
    expect(
      await refusal(reader({ allow: [gone.host] }).fetch(gone.url('/'))),
    ).toEqual({ rule: 'unreachable', message: 'it could not be reached' });
  });

  it('reads a URL named in config without the allow list, but not where it redirects', async () => {
    const elsewhere = await documents();
    const named = await documents({
      '/same': '/card.json',
      '/away': elsewhere.url('/card.json'),
    });
    const configured = reader({ allow: [] });
    await expect(
      configured.fetch(named.url('/card.json'), { trust: 'config' }),
    ).resolves.toMatchObject({ status: 200 });
    await expect(
      configured.fetch(named.url('/same'), { trust: 'config' }),
    ).resolves.toMatchObject({ url: named.url('/card.json') });
    expect(
      await refusal(configured.fetch(named.url('/away'), { trust: 'config' })),
    ).toMatchObject({ rule: 'redirect' });
    expect(
      await refusal(configured.fetch(named.url('/card.json'))),
    ).toMatchObject({ rule: 'not-allowed' });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("sends config headers to the named URL's origin only", async () => {
    const elsewhere = await documents();
    const named = await documents({ '/away': elsewhere.url('/card.json') });
    await reader({ allow: [elsewhere.host] }).fetch(named.url('/away'), {
      trust: 'config',
      headers: { 'x-source-token': 'from-config' },
    });
    expect(named.requests[0].headers['x-source-token']).toBe('from-config');
    expect(elsewhere.requests[0].headers['x-source-token']).toBeUndefined();
  });

  it('refuses an answer that is not JSON when asked for JSON', async () => {
    const server = await serve((_req, res) => res.end('<html>'));
    const read = await reader({ allow: [server.host] }).fetch(server.url());
    expect(() => read.json()).toThrow(
      new FetchRefusedError('not-json', 'its answer is not JSON'),
    );
  });

  it('refuses an allow entry that is not a host pattern', () => {
    expect(() => reader({ allow: ['https://agents.example.com'] })).toThrow(
      'Invalid agentRisk.fetch.allow entry "https://agents.example.com"',
    );
  });
});
