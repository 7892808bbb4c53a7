#!/usr/bin/env node
/*
 * `node test/load/discovery-cards.js [--cards 1000] [--sources 50] [--concurrency 8]`:
 * agent-card discovery's benchmark (issue 19). Serves CARDS A2A agent cards
 * from SOURCES local servers (the official SDK's card handler, a quarter of
 * the cards signed with its helper), runs discovery on a fresh SQLite file
 * three times and prints figures: the first run (every card a new agent), a
 * run where nothing changed (no write expected but the run's own row), and a
 * run where a tenth of the cards changed.
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./agentCardDiscovery.ts')
  .main(process.argv.slice(2))
  .catch(error => {
    console.error(
      `Agent-card discovery benchmark failed: ${error?.stack ?? error}`,
    );
    process.exitCode = 1;
  });
