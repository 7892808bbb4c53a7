import http from 'http';
import { AddressInfo } from 'net';

/**
 * A local web server of documents by path, for the backend's URL reader to
 * read: `hostConfig` is what `backend.reading.allow` needs to allow it.
 */
export async function startDocumentServer(documents: Record<string, string>) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = documents[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
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
