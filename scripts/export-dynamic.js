#!/usr/bin/env node
/*
 * Exports the plugins as Red Hat Developer Hub (RHDH) dynamic plugins with
 * Red Hat's own CLI, `@red-hat-developer-hub/cli plugin export`, into each
 * package's `dist-dynamic/` (git-ignored):
 *
 *   plugins/agent-risk-backend/dist-dynamic                 the backend plugin
 *   plugins/catalog-backend-module-agent-risk/dist-dynamic  the catalog module
 *   plugins/agent-risk/dist-dynamic                         the frontend (Scalprum assets in dist-scalprum/)
 *
 *   npm run export-dynamic                       all three
 *   npm run export-dynamic -- --backend-only     the two backend packages (the dynamic plugins test)
 *
 * The RHDH CLI lives in scripts/rhdh-cli with a lockfile of its own, installed
 * here on first use: it pins @backstage/cli 0.34 and imports its internals,
 * while this repository keeps one version of each @backstage package
 * (scripts/check-backstage-versions.js).
 *
 * The CLI is written for yarn monorepos; this one uses npm, so for the two
 * backend packages three of its steps are done by hand (the frontend export
 * runs as it is):
 * - it asks `yarn --version` even when told not to run yarn; a stand-in on
 *   PATH answers as yarn 1 (which makes the CLI write the embedded
 *   -common package as a `file:` dependency, which npm installs) and refuses
 *   any other yarn command, so a yarn step can never run unnoticed;
 * - it copies the monorepo's yarn.lock, and stops without one: an empty one is
 *   put in dist-dynamic/ first and removed after (`--no-install` never reads it);
 * - `yarn install --production` of the private dependencies: `npm install
 *   --omit=dev --omit=peer` instead, followed by the checks the CLI makes after
 *   its install (no shared @backstage package among the private ones, no native
 *   module, the entry point exports a backend feature as default).
 * The packages are built first (declarations, then `backstage-cli package
 * build`), which is the CLI's `--build` step run with npm.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const TOOL_DIR = path.join(__dirname, 'rhdh-cli');
const RHDH_CLI = path.join(TOOL_DIR, 'node_modules', '.bin', 'rhdh-cli');

const COMMON = 'plugins/agent-risk-common';
/**
 * The CLI embeds a plugin's own -common package by name (-backend →
 * -common); the catalog module's is not named after it, so it is named here.
 */
const EMBED_COMMON = [
  '--embed-package',
  '@agent-risk/plugin-agent-risk-common',
];
const BACKEND_PACKAGES = [
  { dir: 'plugins/agent-risk-backend', args: [] },
  { dir: 'plugins/catalog-backend-module-agent-risk', args: EMBED_COMMON },
];
const FRONTEND_PACKAGE = 'plugins/agent-risk';
/** The Scalprum name RHDH's `dynamicPlugins.frontend` config refers to (the CLI's default for the package name). */
const FRONTEND_SCALPRUM_NAME = 'agent-risk.plugin-agent-risk';

/** npm settings for every install: the local cache first, no noise. */
const npmEnv = {
  ...process.env,
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

const timings = [];

function step(title, fn) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = fn();
  const seconds = (Date.now() - started) / 1000;
  timings.push({ title, seconds });
  console.log(`=== ${title}: ${seconds.toFixed(1)}s`);
  return result;
}

function run(command, args, { cwd = ROOT, env = process.env } = {}) {
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${
        path.relative(ROOT, cwd) || '.'
      }) exited ${result.status ?? result.signal}`,
    );
  }
}

/** Installs the RHDH CLI from its lockfile when missing or when the lockfile changed. */
function ensureRhdhCli() {
  const lock = path.join(TOOL_DIR, 'package-lock.json');
  const installed = path.join(TOOL_DIR, 'node_modules', '.package-lock.json');
  if (
    fs.existsSync(RHDH_CLI) &&
    fs.existsSync(installed) &&
    fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs
  ) {
    return;
  }
  step('install the RHDH CLI (scripts/rhdh-cli, npm ci)', () =>
    // Peer dependencies skipped: @microsoft/api-extractor is not used by `plugin export`.
    run('npm', ['ci', '--legacy-peer-deps'], { cwd: TOOL_DIR, env: npmEnv }),
  );
}

/**
 * `backstage-cli package build` bundles declarations from dist-types: emit
 * them for the exported packages only (the whole repository takes minutes).
 */
function emitDeclarations(packages) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-tsc-'));
  try {
    const tsconfig = path.join(dir, 'tsconfig.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(ROOT, 'tsconfig.json'),
        include: packages.flatMap(p => [
          path.join(ROOT, p, 'src'),
          path.join(ROOT, p, 'config.d.ts'),
        ]),
        exclude: [
          path.join(ROOT, 'node_modules'),
          path.join(ROOT, '**/*.test.ts'),
          path.join(ROOT, '**/*.test.tsx'),
        ],
        compilerOptions: {
          rootDir: ROOT,
          outDir: path.join(ROOT, 'dist-types'),
          incremental: false,
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        },
      }),
    );
    // Type errors are the type check's business (scripts/test-all.js); the
    // declarations are written all the same.
    spawnSync('npx', ['tsc', '-p', tsconfig], { cwd: ROOT, stdio: 'ignore' });
    for (const p of packages) {
      const declarations = path.join(ROOT, 'dist-types', p, 'src/index.d.ts');
      if (!fs.existsSync(declarations)) {
        throw new Error(`tsc wrote no ${path.relative(ROOT, declarations)}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A `yarn` that only tells its version (see the header). */
function yarnStandIn() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-yarn-'));
  fs.writeFileSync(
    path.join(dir, 'yarn'),
    [
      '#!/bin/sh',
      'if [ "$1" = "--version" ]; then echo 1.22.22; exit 0; fi',
      'echo "scripts/export-dynamic.js: this repository uses npm; the RHDH CLI asked for: yarn $*" >&2',
      'exit 1',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return dir;
}

/** Every file under dir. */
function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** The package a file under node_modules/ belongs to: `name` or `@scope/name`. */
function packageOf(file) {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules') + 1;
  return parts[at].startsWith('@')
    ? `${parts[at]}/${parts[at + 1]}`
    : parts[at];
}

/** The checks the RHDH CLI makes after its own install of the private dependencies. */
function checkPrivateDependencies(target) {
  const modules = path.join(target, 'node_modules');
  if (!fs.existsSync(modules)) return;
  const shared = new Set();
  const native = new Set();
  for (const file of walk(modules)) {
    if (packageOf(file).startsWith('@backstage/')) shared.add(packageOf(file));
    if (file.endsWith('.node') || path.basename(file) === 'binding.gyp') {
      native.add(packageOf(file));
    }
  }
  if (shared.size > 0) {
    throw new Error(
      `shared packages (RHDH provides them) among the private dependencies of ${path.relative(
        ROOT,
        target,
      )}: ${[...shared].join(', ')}`,
    );
  }
  if (native.size > 0) {
    throw new Error(
      `dynamic plugins cannot hold native modules; ${path.relative(
        ROOT,
        target,
      )} has: ${[...native].join(', ')}`,
    );
  }
}

/** The loader takes the package's default export; it must be a backend feature. */
function checkEntryPoint(target) {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const m = require(${JSON.stringify(target)});
       const f = m.default;
       if (!f || f.$$type !== '@backstage/BackendFeature') {
         console.error('default export is ' + (f && f.$$type));
         process.exit(1);
       }`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (probe.status !== 0) {
    throw new Error(
      `${path.relative(
        ROOT,
        target,
      )} does not export a backend feature as default: ${probe.stderr.trim()}`,
    );
  }
}

function exportBackend({ dir: pkg, args }, yarnDir) {
  const dir = path.join(ROOT, pkg);
  const target = path.join(dir, 'dist-dynamic');
  step(`export ${pkg} (rhdh-cli plugin export)`, () => {
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'yarn.lock'), '');
    run(RHDH_CLI, ['plugin', 'export', '--no-install', '--no-build', ...args], {
      cwd: dir,
      env: {
        ...process.env,
        PATH: `${yarnDir}${path.delimiter}${process.env.PATH}`,
      },
    });
    fs.rmSync(path.join(target, 'yarn.lock'));
  });
  step(`private dependencies of ${pkg} (npm install)`, () => {
    run(
      'npm',
      [
        'install',
        '--omit=dev',
        '--omit=peer',
        // the embedded -common package is copied, not linked, so the export is self-contained
        '--install-links',
        '--no-package-lock',
        '--ignore-scripts',
      ],
      { cwd: target, env: npmEnv },
    );
    checkPrivateDependencies(target);
    checkEntryPoint(target);
  });
  return target;
}

function exportFrontend() {
  const dir = path.join(ROOT, FRONTEND_PACKAGE);
  step(`export ${FRONTEND_PACKAGE} (rhdh-cli plugin export)`, () => {
    // Scalprum assets only, the ones RHDH's app loads: the module federation
    // assets would be written over the package's own dist/.
    run(
      RHDH_CLI,
      ['plugin', 'export', '--clean', '--no-generate-module-federation-assets'],
      { cwd: dir },
    );
    const manifest = JSON.parse(
      fs.readFileSync(
        path.join(dir, 'dist-dynamic/dist-scalprum/plugin-manifest.json'),
        'utf8',
      ),
    );
    if (manifest.name !== FRONTEND_SCALPRUM_NAME) {
      throw new Error(
        `the Scalprum name is ${manifest.name}, the READMEs configure ${FRONTEND_SCALPRUM_NAME}`,
      );
    }
  });
  return path.join(dir, 'dist-dynamic');
}

/** Exports the packages; returns the dist-dynamic folders of the backend ones. */
function exportDynamicPlugins({ backendOnly = false } = {}) {
  const started = Date.now();
  ensureRhdhCli();
  const built = [COMMON, ...BACKEND_PACKAGES.map(p => p.dir)];
  if (!backendOnly) built.push(FRONTEND_PACKAGE);
  step('type declarations (tsc, exported packages only)', () =>
    emitDeclarations(built),
  );
  step('build (backstage-cli package build)', () => {
    for (const pkg of built) {
      run('npx', ['backstage-cli', 'package', 'build'], {
        cwd: path.join(ROOT, pkg),
      });
    }
  });
  const yarnDir = yarnStandIn();
  let backends;
  try {
    backends = BACKEND_PACKAGES.map(pkg => exportBackend(pkg, yarnDir));
  } finally {
    fs.rmSync(yarnDir, { recursive: true, force: true });
  }
  if (!backendOnly) exportFrontend();
  console.log('\nExport timings:');
  for (const { title, seconds } of timings) {
    console.log(`  ${seconds.toFixed(1).padStart(6)}s  ${title}`);
  }
  console.log(
    `  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s  total`,
  );
  return backends;
}

module.exports = { exportDynamicPlugins, BACKEND_PACKAGES };

if (require.main === module) {
  try {
    exportDynamicPlugins({
      backendOnly: process.argv.includes('--backend-only'),
    });
  } catch (error) {
    console.error(`\nexport-dynamic failed: ${error.message}`);
    process.exit(1);
  }
}
