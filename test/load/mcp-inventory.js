#!/usr/bin/env node
/*
 * `node test/load/mcp-inventory.js [--servers 200] [--tools 50] [--concurrency 8]`:
 * the MCP tool inventory's benchmark (issue 19). Serves SERVERS MCP servers of
 * TOOLS tools each locally (one listener on 127.0.0.1:4380, a path per server,
 * the official SDK's server), runs the inventory on a fresh SQLite file three
 * times and prints figures: the first (baseline) run, a run where nothing
 * changed (and the writes it made: none expected but the run's own row), and
 * a run where one tool description changed on a tenth of the servers.
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./mcpInventory.ts')
  .main(process.argv.slice(2))
  .catch(error => {
    console.error(`MCP inventory benchmark failed: ${error?.stack ?? error}`);
    process.exitCode = 1;
  });
