import http from 'http';
import { AddressInfo } from 'net';

/** A document's text, or an answer of another status (a redirect's Location among its headers). */
export type ServedDocument =
  | string
  | { status: number; body: string; headers?: Record<string, string> };

/**
 * A local web server of documents by path, for the plugin's fetch reader to
 * read: `fetchConfig` is the `agentRisk` config that allows it.
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
    const { status, body, headers } =
      typeof served === 'string'
        ? { status: 200, body: served, headers: {} }
        : served;
    res
      .writeHead(status, { 'Content-Type': 'application/json', ...headers })
      .end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    /** The paths read so far. */
    requests,
    url: (path: string) => `http://${host}${path}`,
    /** The `agentRisk.*` config that allows reading from this server. */
    fetchConfig: { fetch: { allow: [host] } },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
