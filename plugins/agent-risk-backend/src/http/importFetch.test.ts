import fs from 'fs';
import path from 'path';
import http from 'http';
import { AddressInfo } from 'net';
import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { agentRiskRoutes } from '@agent-risk/plugin-agent-risk-common';
import { importAgentDocument } from '@agent-risk/plugin-agent-risk-common/import';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { startDocumentServer } from '../__testUtils__/documentServer';
import { TestPolicy, userAuth } from '../__testUtils__/testBackend';
import { IMPORT_FETCH_MAX_BYTES } from './importFetch';

const { on } = setUpBackendTests();
const card = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../examples/threat-models/invoice-triage.agent-card.json',
  ),
  'utf8',
);
const FETCH = `/api/agent-risk${agentRiskRoutes.fetchImportDocument.path}`;

describe('POST /import/fetch', () => {
  let documents: Awaited<ReturnType<typeof startDocumentServer>>;
  let elsewhere: Awaited<ReturnType<typeof startDocumentServer>>;
  beforeAll(async () => {
    elsewhere = await startDocumentServer({ '/.well-known/agent.json': card });
    documents = await startDocumentServer({
      '/.well-known/agent.json': card,
      '/too-big.txt': 'x'.repeat(IMPORT_FETCH_MAX_BYTES + 1),
      '/broken.json': {
        status: 500,
        body: `upstream exploded: password=hunter2 ${'e'.repeat(2000)}`,
      },
      '/moved': {
        status: 302,
        body: '',
        headers: { Location: elsewhere.url('/.well-known/agent.json') },
      },
    });
  });
  afterAll(() => Promise.all([documents.close(), elsewhere.close()]));

  /** Backstage's URL reader (with every integration's credentials): must never be asked. */
  const urlReaderCalls: string[] = [];
  const urlReaderSpy = createServiceFactory({
    service: coreServices.urlReader,
    deps: {},
    factory: (): UrlReaderService => ({
      readUrl: async url => {
        urlReaderCalls.push(url);
        return {
          buffer: async () => Buffer.from('PRIVATE REPOSITORY CONTENT'),
          etag: 'x',
        } as any;
      },
      readTree: async () => {
        throw new Error('not used');
      },
      search: async () => {
        throw new Error('not used');
      },
    }),
  });
  beforeEach(() => {
    urlReaderCalls.length = 0;
  });
  afterEach(() => {
    if (urlReaderCalls.length > 0) {
      throw new Error(`Backstage's URL reader was asked for ${urlReaderCalls}`);
    }
  });

  async function startWithConfig(config: JsonObject, policy?: TestPolicy) {
    const backend = await on('SQLITE_3').start({
      sync: false,
      policy,
      config,
      features: [urlReaderSpy],
    });
    return request(backend.server);
  }

  const start = (policy?: TestPolicy, allowed = true) =>
    startWithConfig(allowed ? documents.fetchConfig : {}, policy);

  it('reads an agent card from an allowed host, as the importer then reads it', async () => {
    const res = await (
      await start()
    )
      .post(FETCH)
      .set('Authorization', userAuth())
      .send({ url: documents.url('/.well-known/agent.json') })
      .expect(200);
    expect(res.body).toEqual({ text: card, contentType: 'application/json' });
    const imported = importAgentDocument(res.body.text);
    expect(imported.ok && imported.format).toBe('agent-card');
  });

  it.each([
    [
      'a private GitHub file',
      'https://github.com/acme/private/blob/main/agent.json',
    ],
    [
      'a private S3 object',
      'https://acme-secrets.s3.us-east-1.amazonaws.com/agent.json',
    ],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
  ])(
    'refuses %s by the allow list, never reading it with an integration',
    async (_what, url) => {
      const res = await (await startWithConfig({ fetch: { allow: [] } }))
        .post(FETCH)
        .set('Authorization', userAuth())
        .send({ url })
        .expect(400);
      expect(res.body.error.message).toBe(
        `Invalid request body field "url": its host ${
          new URL(url).host
        } is not in agentRisk.fetch.allow`,
      );
      expect(urlReaderCalls).toEqual([]);
    },
  );

  it('allows nothing by default', async () => {
    const asked = documents.requests.length;
    const res = await (
      await start(undefined, false)
    )
      .post(FETCH)
      .set('Authorization', userAuth())
      .send({ url: documents.url('/.well-known/agent.json') })
      .expect(400);
    expect(res.body.error.message).toBe(
      `Invalid request body field "url": its host ${
        new URL(documents.url('/')).host
      } is not in agentRisk.fetch.allow`,
    );
    expect(documents.requests).toHaveLength(asked);
  });

  it.each([
    ['a URL with nothing there', '/missing.json', 'it answered HTTP 404'],
    [
      'a document over the size bound',
      '/too-big.txt',
      'it is larger than 1048576 bytes',
    ],
    [
      'a redirect to a host not allowed',
      '/moved',
      'it redirects to a host not allowed',
    ],
  ])('answers 400 naming url and the rule for %s', async (_what, at, rule) => {
    const res = await (
      await start()
    )
      .post(FETCH)
      .set('Authorization', userAuth())
      .send({ url: documents.url(at) })
      .expect(400);
    expect(res.body.error.message).toContain(
      `Invalid request body field "url": ${rule}`,
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it("answers 400 naming url, not 500 nor the server's own text, when the server there fails or cannot be reached", async () => {
    // A port that was just closed: nothing listens there.
    const gone = await startDocumentServer({});
    await gone.close();
    const agent = await startWithConfig({
      fetch: {
        allow: [
          ...documents.fetchConfig.fetch.allow,
          ...gone.fetchConfig.fetch.allow,
        ],
      },
    });
    for (const [url, message] of [
      [documents.url('/broken.json'), 'it answered HTTP 500'],
      [gone.url('/agent.json'), 'it could not be reached'],
    ]) {
      const res = await agent
        .post(FETCH)
        .set('Authorization', userAuth())
        .send({ url });
      expect({
        url,
        status: res.status,
        message: res.body.error.message,
      }).toEqual({
        url,
        status: 400,
        message: `Invalid request body field "url": ${message}`,
      });
    }
  });

  it('gives up after agentRisk.fetch.timeout on a server that never answers', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const agent = await startWithConfig({
        fetch: { allow: ['127.0.0.1'], timeout: { milliseconds: 300 } },
      });
      const started = Date.now();
      const res = await agent
        .post(FETCH)
        .set('Authorization', userAuth())
        .send({ url: `http://127.0.0.1:${port}/agent.json` })
        .expect(400);
      expect(res.body.error.message).toBe(
        'Invalid request body field "url": it did not answer within 0.3 s',
      );
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.closeAllConnections();
      await new Promise(resolve => silent.close(resolve));
    }
  });

  it.each([
    ['no url', {}],
    ['a relative url', { url: '/etc/passwd' }],
    ['a file url', { url: 'file:///etc/passwd' }],
    ['a data url', { url: 'data:application/json,{}' }],
  ])('answers 400 naming url for %s', async (_what, body) => {
    const res = await (await start())
      .post(FETCH)
      .set('Authorization', userAuth())
      .send(body)
      .expect(400);
    expect(res.body.error.message).toContain('"url"');
  });

  it('needs agent-risk.agent.create, and reads nothing without it', async () => {
    const res = await (
      await start({ agentCreate: false })
    )
      .post(FETCH)
      .set('Authorization', userAuth())
      .send({ url: documents.url('/.well-known/agent.json') });
    expect(res.status).toBe(403);
    expect(res.body.text).toBeUndefined();
  });

  it('needs a caller', async () => {
    const res = await (
      await start()
    )
      .post(FETCH)
      .set('Authorization', mockCredentials.none.header())
      .send({ url: documents.url('/.well-known/agent.json') });
    expect(res.status).toBe(401);
  });
});
