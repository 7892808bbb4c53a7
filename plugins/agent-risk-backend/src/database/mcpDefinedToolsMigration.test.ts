import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { setUpBackendTests } from '../__testUtils__/backendTests';
import { MCP_SERVERS_TABLE } from './tables';

const { databases } = setUpBackendTests();
const directory = resolvePackagePath(
  '@agent-risk/plugin-agent-risk-backend',
  'migrations',
);

const DEFINED_TOOLS_MIGRATION = '20261225000000';

/** Undoes the migration of this version and every later one, latest first. */
async function undoFrom(knex: Knex, version: string) {
  while ((await knex.migrate.currentVersion({ directory })) >= version) {
    await knex.migrate.down({ directory });
  }
}

const hasDefinedTools = (knex: Knex) =>
  knex.schema.hasColumn(MCP_SERVERS_TABLE, 'defined_tools_json');

describe.each(databases.eachSupportedId())(
  'the MCP defined tools migration on %p',
  databaseId => {
    it("adds the servers' defined tools column, and takes it away again keeping the rows", async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      expect(await hasDefinedTools(knex)).toBe(true);
      const row = {
        server_ref: 'api:default/github-mcp',
        endpoint: 'https://mcp.example.com/mcp',
        outcome: 'not-allowed',
        error: 'Not contacted',
        tool_count: 0,
        listed_at: null,
        outcome_at: '2026-12-25T00:00:00.000Z',
      };
      await knex(MCP_SERVERS_TABLE).insert({
        ...row,
        defined_tools_json: '[{"name":"push_files","annotations":{}}]',
      });

      await undoFrom(knex, DEFINED_TOOLS_MIGRATION);
      expect(await hasDefinedTools(knex)).toBe(false);
      expect(await knex(MCP_SERVERS_TABLE)).toEqual([
        expect.objectContaining({ server_ref: row.server_ref }),
      ]);

      // Up again: the row is back without defined tools until the next run.
      await knex.migrate.latest({ directory });
      expect(await knex(MCP_SERVERS_TABLE)).toEqual([
        expect.objectContaining({
          server_ref: row.server_ref,
          defined_tools_json: null,
        }),
      ]);
    });
  },
);
