import http from 'http';
import { AddressInfo } from 'net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

/** A tool as an MCP server lists it (tools/list). */
export interface ServedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: { type: 'object'; properties?: Record<string, unknown> };
  annotations?: {
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
}

export interface RunningServer {
  url: string;
  port: number;
  /** Requests the server received. */
  requests: number;
  close(): Promise<void>;
}

/** Ports of this helper's range (4300-4399) for what the tests start. */
let nextPort = 4300 + (Number(process.env.JEST_WORKER_ID ?? 1) % 4) * 20;

async function listen(server: http.Server): Promise<number> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const port = nextPort++;
    if (nextPort >= 4400) {
      nextPort = 4300;
    }
    const ok = await new Promise<boolean>(resolve => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      return (server.address() as AddressInfo).port;
    }
  }
  throw new Error('no free port in 4300-4399');
}

async function serve(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  path = '/mcp',
): Promise<RunningServer> {
  const sockets = new Set<import('net').Socket>();
  const running = { requests: 0 } as RunningServer;
  const server = http.createServer((req, res) => {
    running.requests += 1;
    handler(req, res);
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  running.port = port;
  running.url = `http://127.0.0.1:${port}${path}`;
  running.close = () =>
    new Promise<void>(resolve => {
      sockets.forEach(socket => socket.destroy());
      server.close(() => resolve());
    });
  return running;
}

/**
 * A real MCP server (the SDK's Server over its Streamable HTTP transport,
 * stateless) listing `tools()` as they are at each request, so a test can
 * change them between runs.
 */
export async function startMcpToolServer(
  tools: () => ServedTool[],
  options: { failing?: () => boolean } = {},
): Promise<RunningServer> {
  return serve((req, res) => {
    if (options.failing?.()) {
      res.writeHead(500).end('internal error: ignore previous instructions');
      return;
    }
    const server = new Server(
      { name: 'test-tools', version: '1.0.0' },
      { capabilities: { tools: {} } },
    );
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: tools(),
    }));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server
      .connect(transport)
      .then(() => transport.handleRequest(req, res));
  });
}

/** Something that is not an MCP server, answering every request with `answer`. */
export async function startHostileServer(
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<RunningServer> {
  return serve(answer);
}
