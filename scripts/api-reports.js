#!/usr/bin/env node
/*
 * API reports (report.api.md, report-alpha.api.md, report-testUtils.api.md)
 * of every plugin package, with release tags validated. `backstage-repo-tools
 * api-reports --tsc` runs the compiler through yarn, which this repo does not
 * use, so the declarations are emitted here first (tsc, into dist-types).
 *
 * `node scripts/api-reports.js` updates the reports; `--ci` fails instead
 * when a report is stale or an export lacks a release tag (run by
 * scripts/test-all.js).
 *
 * Two API Extractor messages are left out: ae-undocumented (it asks for a
 * doc comment on every member, which the code's own comments do not aim
 * for), and ae-wrong-input-file-type (a workspace package's `types` point at
 * its `src/index.ts`, so a type one plugin re-uses from -common resolves to
 * a .ts file). Every other warning, a missing release tag among them, fails.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ci = process.argv.includes('--ci');
const packages = fs
  .readdirSync(path.join(ROOT, 'plugins'))
  .map(name => `plugins/${name}`)
  .filter(dir => fs.existsSync(path.join(ROOT, dir, 'package.json')));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status || 1);
  }
}

fs.rmSync(path.join(ROOT, 'dist-types'), { recursive: true, force: true });
run('npx', ['tsc', '-p', '.']);
run('npx', [
  'backstage-repo-tools',
  'api-reports',
  '--validate-release-tags',
  '--omit-messages',
  'ae-undocumented,ae-wrong-input-file-type',
  ...(ci ? ['--ci'] : []),
  ...packages,
]);
