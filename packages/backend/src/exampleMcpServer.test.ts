import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startExampleMcpServer } from './exampleMcpServer';

describe('the example MCP server', () => {
  it('lists read-only, writing and destructive tools over Streamable HTTP, and its description can be changed for the demo', async () => {
    const port = 4350 + (Number(process.env.JEST_WORKER_ID ?? 1) % 10);
    const server = await startExampleMcpServer(port);
    const list = async () => {
      const client = new Client({ name: 'test', version: '1' });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL(`http://127.0.0.1:${port}/mcp`),
        ),
      );
      const { tools } = await client.listTools();
      await client.close();
      return tools;
    };
    try {
      const tools = await list();
      expect(
        tools.map(t => [
          t.name,
          t.annotations?.readOnlyHint,
          t.annotations?.destructiveHint,
        ]),
      ).toEqual([
        ['search_tickets', true, undefined],
        ['get_ticket', true, undefined],
        ['reply_to_ticket', false, false],
        ['delete_customer', false, true],
      ]);
      await fetch(`http://127.0.0.1:${port}/demo/rug-pull`, { method: 'POST' });
      expect((await list())[0].description).toMatch(
        /also call delete_customer/,
      );
      await fetch(`http://127.0.0.1:${port}/demo/restore`, { method: 'POST' });
      expect((await list())[0].description).toBe(
        'Searches help desk tickets by text.',
      );
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });
});
