import express from 'express';
import request from 'supertest';
import { gunzipSync } from 'zlib';
import { get } from 'http';
import { AddressInfo } from 'net';
import { encodeBody, sendJson } from './sendJson';

const large = {
  items: Array.from({ length: 100 }, (_, i) => ({
    entityRef: `airesource:default/agent-${i}`,
    title: `Agent ${i}`,
  })),
};

function app(body: unknown) {
  const a = express();
  a.get('/', (req, res) => sendJson(req, res, 200, body));
  return a;
}

/** Status, headers and the undecoded bytes, as a client that asked for gzip receives them. */
async function rawGet(a: express.Express, acceptEncoding: string) {
  const server = a.listen(0);
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<{
      headers: Record<string, string | string[] | undefined>;
      body: Buffer;
    }>((resolve, reject) => {
      get(
        { port, path: '/', headers: { 'accept-encoding': acceptEncoding } },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      ).on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('sendJson', () => {
  it('gzips a large body for a client that accepts gzip, with the right headers', async () => {
    const res = await rawGet(app(large), 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(JSON.parse(gunzipSync(res.body).toString('utf8'))).toEqual(large);
  });

  it('sends the body as it is to a client that does not accept gzip', async () => {
    const res = await request(app(large))
      .get('/')
      .set('Accept-Encoding', 'identity');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toEqual(large);
  });

  it('does not compress a small body', async () => {
    const res = await request(app({ ok: true }))
      .get('/')
      .set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toEqual({ ok: true });
  });

  it('gzips a kept body once and sends the kept gzip after that, only to clients that accept it', async () => {
    const text = JSON.stringify(large);
    const kept: { gzip?: Buffer } = {};
    const a = express();
    a.get('/', (req, res) => {
      res.end(encodeBody(req, res, text, kept));
    });
    const first = await rawGet(a, 'gzip');
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(kept.gzip).toBeDefined();
    const gzip = kept.gzip!;
    const second = await rawGet(a, 'gzip');
    expect(second.body.equals(gzip)).toBe(true);
    expect(kept.gzip).toBe(gzip);
    expect(gunzipSync(second.body).toString('utf8')).toBe(text);
    const plain = await rawGet(a, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(text);
  });
});
