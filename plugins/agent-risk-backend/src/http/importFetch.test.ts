import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import {
  agentRiskRoutes,
  importAgentDocument,
} from '@agent-risk/plugin-agent-risk-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { startDocumentServer } from '../__testUtils__/documentServer';
import { sampleCatalog } from '../__testUtils__/entities';
import {
  startAgentRiskTestBackend,
  TestPolicy,
  userAuth,
} from '../__testUtils__/testBackend';
import { IMPORT_FETCH_MAX_BYTES } from './importFetch';

jest.setTimeout(60_000);

const databases = createTestDatabases();
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
  beforeAll(async () => {
    documents = await startDocumentServer({
      '/.well-known/agent.json': card,
      '/too-big.txt': 'x'.repeat(IMPORT_FETCH_MAX_BYTES + 1),
      '/broken.json': { status: 500, body: 'upstream exploded' },
    });
  });
  afterAll(() => documents.close());

  async function startWithReading(rootConfig: JsonObject, policy?: TestPolicy) {
    const backend = await startAgentRiskTestBackend({
      databases,
      databaseId: 'SQLITE_3',
      entities: sampleCatalog(),
      policy,
      rootConfig,
    });
    return request(backend.server);
  }

  const start = (policy?: TestPolicy, allowed = true) =>
    startWithReading(allowed ? documents.readingConfig : {}, policy);

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

  it('refuses a host that backend.reading.allow does not allow, naming url', async () => {
    const res = await (
      await start(undefined, false)
    )
      .post(FETCH)
      .set('Authorization', userAuth())
      .send({ url: documents.url('/.well-known/agent.json') })
      .expect(400);
    expect(res.body.error.message).toMatch(
      /"url": its host is not allowed; .*backend\.reading\.allow/,
    );
  });

  it.each([
    ['a URL with nothing there', '/missing.json', /"url": nothing was found/],
    [
      'a document over the size bound',
      '/too-big.txt',
      /"url": the document is larger than 1048576 bytes/,
    ],
  ])('answers 400 naming url for %s', async (_what, at, message) => {
    const res = await (
      await start()
    )
      .post(FETCH)
      .set('Authorization', userAuth())
      .send({ url: documents.url(at) })
      .expect(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 400 naming url, not 500, when the server there fails or cannot be reached', async () => {
    // A port that was just closed: nothing listens there.
    const gone = await startDocumentServer({});
    await gone.close();
    const agent = await startWithReading({
      backend: {
        reading: {
          allow: [
            ...documents.readingConfig.backend.reading.allow,
            ...gone.readingConfig.backend.reading.allow,
          ],
        },
      },
    });
    for (const url of [
      documents.url('/broken.json'),
      gone.url('/agent.json'),
    ]) {
      const res = await agent
        .post(FETCH)
        .set('Authorization', userAuth())
        .send({ url });
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.error.message).toMatch(
        /^Invalid request body field "url": it could not be read: .+/,
      );
    }
  });

  it.each([
    ['no url', {}],
    ['a relative url', { url: '/etc/passwd' }],
    ['a file url', { url: 'file:///etc/passwd' }],
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
