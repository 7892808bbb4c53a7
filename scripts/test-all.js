#!/usr/bin/env node
/*
 * The one command that checks everything, run by the README and by .ci/run:
 * one version of each @backstage/* package, relative doc links, knip, the
 * OpenAPI document against the HTTP contract, type check, API reports,
 * lint, unit and integration tests on SQLite and PostgreSQL (which must answer
 * on 127.0.0.1:5432; .ci/run starts it), the resilience suite, the browser
 * end-to-end test, the adoption test (the packed plugins in an app fresh
 * from @backstage/create-app, see test/adoption/run.js) and the dynamic
 * plugins test (the backend plugins exported for Red Hat Developer Hub, loaded
 * by @backstage/backend-dynamic-feature-service, see test/dynamic-plugins/run.js).
 *
 * Flags: --skip-e2e, --skip-lint, --skip-resilience, --skip-adoption, --skip-dynamic
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
// The database suites fail instead of skipping PostgreSQL (see databases.ts).
const env = { ...process.env, CI: 'true', AGENT_RISK_REQUIRE_POSTGRES: 'true' };

function run(title, command, commandArgs) {
  console.log(`\n=== ${title}: ${command} ${commandArgs.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, commandArgs, {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    console.error(
      `=== ${title} FAILED after ${seconds}s (exit ${result.status})`,
    );
    process.exit(result.status || 1);
  }
  console.log(`=== ${title} passed in ${seconds}s`);
}

/** The browser test needs Debian's Chromium; install it when we can (root + apt). */
function ensureChromium() {
  if (
    ['/usr/bin/chromium', process.env.CHROMIUM_PATH].some(
      p => p && fs.existsSync(p),
    )
  ) {
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
    console.error(
      'Chromium is missing: install it with `sudo apt-get install -y chromium`, or pass --skip-e2e.',
    );
    process.exit(1);
  }
  run('install Chromium (Debian package)', 'bash', [
    '-c',
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
  ]);
}

/** The database tests run on SQLite and PostgreSQL: no PostgreSQL is a failure, not a skip. */
function requirePostgres() {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "require('net').connect(5432, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))",
    ],
    { timeout: 3000 },
  );
  if (probe.status !== 0) {
    console.error(
      'PostgreSQL does not answer on 127.0.0.1:5432 (user postgres, trust auth): the database tests need it. Start it with `bash .ci/postgres.sh` (as root on Debian it installs and starts it) and run again.',
    );
    process.exit(1);
  }
  console.log(
    'PostgreSQL answers on 127.0.0.1:5432: database tests run on SQLite and PostgreSQL.',
  );
}

requirePostgres();
run('one version of each @backstage/* package', 'node', [
  'scripts/check-backstage-versions.js',
]);
run('relative links in the docs resolve', 'node', [
  'scripts/check-doc-links.js',
]);
run('no unused or unlisted dependencies (knip)', 'npx', [
  'knip',
  '--include',
  'dependencies,unlisted,unresolved,binaries',
]);
run('openapi.yaml matches the HTTP contract', 'node', [
  'scripts/openapi.js',
  '--check',
]);
run('type check', 'npx', ['tsc', '--noEmit', '-p', '.']);
run('API reports are current, every export has a release tag', 'node', [
  'scripts/api-reports.js',
  '--ci',
]);
if (!args.includes('--skip-lint')) {
  run('lint', 'npx', ['backstage-cli', 'repo', 'lint']);
}
run('unit and integration tests', 'npx', [
  'backstage-cli',
  'repo',
  'test',
  '--watchAll=false',
]);
if (!args.includes('--skip-resilience')) {
  run('resilience (two replicas, faults, fuzz)', 'node', [
    'test/resilience/run.js',
  ]);
}
if (!args.includes('--skip-e2e')) {
  ensureChromium();
  run('browser end-to-end test', 'node', ['test/e2e/run.js']);
}
if (!args.includes('--skip-adoption')) {
  ensureChromium();
  run('adoption test (packed plugins in a fresh create-app app)', 'node', [
    'test/adoption/run.js',
  ]);
}
if (!args.includes('--skip-dynamic')) {
  run('dynamic plugins (RHDH export, loaded dynamically)', 'node', [
    'test/dynamic-plugins/run.js',
  ]);
}
console.log('\nAll checks passed.');
