import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import {
  createAgentRiskDatabase,
  McpInventory,
  readAgentRiskBackendOptions,
} from '../../plugins/agent-risk-backend/src/testUtils';

const PORT = 4380;

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export async function main(args: string[]) {
  const servers = flag(args, 'servers', 200);
  const toolsPerServer = flag(args, 'tools', 50);
  const concurrency = flag(args, 'concurrency', 8);
  // The description version of each server: bumped to change one tool.
  const versions = new Array(servers).fill(0);
  const toolsOf = (server: number) =>
    Array.from({ length: toolsPerServer }, (_, i) => ({
      name: `tool_${i}`,
      title: `Tool ${i}`,
      description: `Tool ${i} of server ${server}${
        i === 0 && versions[server] ? ` (v${versions[server]})` : ''
      }: does something useful with its input.`,
      inputSchema: {
        type: 'object' as const,
        properties: { id: { type: 'string' }, limit: { type: 'number' } },
      },
      annotations:
        i % 3 === 0 ? { destructiveHint: true } : { readOnlyHint: true },
    }));

  let requests = 0;
  const listener = http.createServer((req, res) => {
    requests += 1;
    const match = /^\/mcp\/(\d+)$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const server = Number(match[1]);
    const mcp = new Server(
      { name: `bench-${server}`, version: '1' },
      { capabilities: { tools: {} } },
    );
    mcp.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: toolsOf(server),
    }));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    void mcp.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>(resolve =>
    listener.listen(PORT, '127.0.0.1', () => resolve()),
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-mcp-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const database = await createAgentRiskDatabase(knex);
    const entities = Array.from({ length: servers }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: `bench-mcp-${i}`, namespace: 'default' },
      spec: {
        type: 'mcp-server',
        remotes: [
          { type: 'streamable-http', url: `http://127.0.0.1:${PORT}/mcp/${i}` },
        ],
      },
      relations: [],
    }));
    const catalog = {
      queryEntities: async () => ({
        items: entities,
        totalItems: entities.length,
        pageInfo: {},
      }),
    };
    const inventory = new McpInventory({
      catalog: catalog as any,
      auth: { getOwnServiceCredentials: async () => ({}) } as any,
      database,
      logger: console as any,
      options: readAgentRiskBackendOptions(
        new ConfigReader({
          agentRisk: {
            fetch: { allow: [`127.0.0.1:${PORT}`] },
            discovery: { mcpServers: { concurrency } },
          },
        }),
      ),
    });
    const writes: string[] = [];
    knex.on('query', (q: { sql: string }) => {
      if (/^\s*(insert|update|delete)/i.test(q.sql)) {
        writes.push(q.sql);
      }
    });
    const timed = async (label: string) => {
      writes.length = 0;
      requests = 0;
      const started = process.hrtime.bigint();
      const result = await inventory.run();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const inventoryWrites = writes.filter(
        sql => !/agent_risk_mcp_run/.test(sql),
      );
      console.log(
        `${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s  listed ${
          result.listed
        }/${result.servers}  failed ${
          result.failed + result.notAllowed
        }  tool changes ${String(result.toolChanges).padStart(
          5,
        )}  HTTP requests ${String(requests).padStart(4)}  writes ${String(
          inventoryWrites.length,
        ).padStart(4)} (+ ${writes.length - inventoryWrites.length} run row)`,
      );
      return { result, ms, inventoryWrites };
    };
    console.log(
      `MCP tool inventory: ${servers} servers x ${toolsPerServer} tools, concurrency ${concurrency}, SQLite file, Node ${process.version}`,
    );
    await timed('first run (baseline listing)');
    const same = await timed('no change');
    for (let i = 0; i < servers; i += 10) versions[i] += 1;
    await timed('1 description changed on 10%');
    if (same.inventoryWrites.length > 0) {
      console.log('FAIL: the no-change run wrote to the inventory');
      process.exitCode = 1;
    }
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    listener.close();
    listener.closeAllConnections();
  }
}
