import http from 'http';
import { AddressInfo } from 'net';

/** A document's text, or an answer of another status. */
export type ServedDocument = string | { status: number; body: string };

/**
 * A local web server of documents by path, for the backend's URL reader to
 * read: `hostConfig` is what `backend.reading.allow` needs to allow it.
 */
export async function startDocumentServer(
  documents: Record<string, ServedDocument>,
) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const served = documents[req.url ?? ''] ?? {
      status: 404,
      body: 'not found',
    };
    const { status, body } =
      typeof served === 'string' ? { status: 200, body: served } : served;
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    /** The paths read so far. */
    requests,
    url: (path: string) => `http://${host}${path}`,
    /** The config that allows reading from this server. */
    readingConfig: { backend: { reading: { allow: [{ host }] } } },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
