#!/usr/bin/env node
/*
 * Adoption test: installs the packed plugins into a Backstage app exactly as
 * `@backstage/create-app` generates it (test/adoption/fixture, made by
 * generate-fixture.sh), following the plugin READMEs' install steps as
 * written, starts it on ports 3300/7307 with this repo's example agents, and
 * checks in Chromium that the ranking page, a Risk tab and the overview card
 * show the scores `agent-risk score` computes.
 *
 *   npm run test:adoption              # everything, in a temporary directory
 *   npm run test:adoption -- --keep    # keep the temporary app for a look
 *
 * The README blocks it runs are marked with an HTML comment right before the
 * fenced block:
 *
 *   <!-- adoption: sh -->                              run each command in the app root
 *   <!-- adoption: packages/backend/src/index.ts -->   add the lines before backend.start()
 *   <!-- adoption: app-config.yaml -->                 merge into the app's app-config.yaml
 *
 * The packages are not on a registry yet: a local registry for the
 * `@agent-risk` scope serves the packed tarballs, everything else comes from
 * the usual registry.
 */
const { spawn } = require('child_process');
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');
const YAML = require('yaml');
const { launchBrowser } = require('../e2e/browser');
const polling = require('../lib/polling');
const { createSteps } = require('../lib/steps');

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixture');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const FRONTEND_PORT = 3300;
const BACKEND_PORT = 7307;
const FRONTEND = `http://localhost:${FRONTEND_PORT}`;
const BACKEND = `http://localhost:${BACKEND_PORT}`;
/** The example agent the browser checks look at (examples/imported-agents.yaml). */
const AGENT = { kind: 'airesource', namespace: 'default', name: 'codegen' };
const AGENT_REF = `${AGENT.kind}:${AGENT.namespace}/${AGENT.name}`;

const keep = process.argv.includes('--keep');
const { step, printTimings } = createSteps();
const children = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-adoption-'));
const appDir = path.join(work, 'app');
const tarballDir = path.join(work, 'tarballs');

/** npm settings for every install: the shared cache first, no noise. */
const npmEnv = {
  ...process.env,
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/**
 * Runs a command to completion; on failure shows the end of its output.
 * Asynchronous, so the local registry below keeps answering meanwhile.
 */
function run(
  command,
  args,
  { cwd = ROOT, env = process.env, allowFail, quiet } = {},
) {
  if (!quiet) {
    const where = cwd === ROOT ? '' : `  (in ${cwd})`;
    console.log(`$ ${[command, ...args].join(' ')}${where}`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    const stdout = [];
    const output = [];
    child.stdout.on('data', chunk => {
      stdout.push(chunk);
      output.push(chunk);
    });
    child.stderr.on('data', chunk => output.push(chunk));
    child.on('error', reject);
    child.on('close', status => {
      const result = {
        status,
        stdout: Buffer.concat(stdout).toString(),
        output: Buffer.concat(output).toString(),
      };
      if (status !== 0 && !allowFail) {
        console.error(result.output.split('\n').slice(-60).join('\n'));
        reject(new Error(`${command} ${args.join(' ')} exited ${status}`));
      } else {
        resolve(result);
      }
    });
  });
}

/** The publishable packages under plugins/. */
function pluginPackages() {
  return fs
    .readdirSync(path.join(ROOT, 'plugins'))
    .map(dir => path.join(ROOT, 'plugins', dir))
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({ dir, manifest: readJson(path.join(dir, 'package.json')) }))
    .filter(p => !p.manifest.private);
}

async function buildAndPack() {
  const packages = pluginPackages();
  await step('type declarations (tsc)', async () => {
    // `package build` bundles the declarations from dist-types; type errors
    // are the type check's business (test:all), missing output is ours.
    const tsc = await run('npx', ['tsc'], { allowFail: true });
    if (tsc.status !== 0) {
      console.warn('tsc reported type errors; declarations were still written');
    }
  });
  await step(
    'build plugin packages (backstage-cli package build)',
    async () => {
      for (const { dir } of packages) {
        await run('npx', ['backstage-cli', 'package', 'build'], { cwd: dir });
      }
    },
  );
  return step('pack plugin packages (npm pack)', async () => {
    fs.mkdirSync(tarballDir, { recursive: true });
    const { stdout } = await run('npm', [
      'pack',
      '--json',
      '--pack-destination',
      tarballDir,
      ...packages.flatMap(p => ['-w', path.relative(ROOT, p.dir)]),
    ]);
    const packed = JSON.parse(stdout.slice(stdout.indexOf('[')));
    const tarballs = [];
    for (const entry of packed) {
      const { dir } = packages.find(p => p.manifest.name === entry.name);
      const manifest = await checkTarballContents(entry, dir);
      tarballs.push({ entry, manifest });
      console.log(`  ${entry.filename}: ${entry.files.length} files`);
    }
    return tarballs;
  });
}

/**
 * Every file the packed package.json points at (entry points, types, the
 * config schema) and every migration must be in the tarball.
 */
async function checkTarballContents(entry, pluginDir) {
  const files = new Set(entry.files.map(f => f.path));
  const tar = await run(
    'tar',
    ['-xOzf', path.join(tarballDir, entry.filename), 'package/package.json'],
    { quiet: true },
  );
  const manifest = JSON.parse(tar.stdout);
  const targets = [manifest.main, manifest.module, manifest.types];
  const collect = value => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  collect(manifest.exports);
  if (manifest.configSchema) targets.push(manifest.configSchema);
  const paths = targets
    .filter(t => typeof t === 'string' && /^(\.\/)?[\w-]+[./]/.test(t))
    .map(t => t.replace(/^\.\//, ''));
  const migrationsDir = path.join(pluginDir, 'migrations');
  if (fs.existsSync(migrationsDir)) {
    paths.push(...fs.readdirSync(migrationsDir).map(m => `migrations/${m}`));
  }
  const missing = paths.filter(p => !files.has(p));
  if (missing.length > 0) {
    throw new Error(`${entry.name}: the tarball lacks ${missing.join(', ')}`);
  }
  return manifest;
}

/**
 * The packages are not published yet, so a registry for their scope serves
 * the tarballs (the app's .npmrc points `@agent-risk:registry` at it); every
 * other package comes from the usual registry. The READMEs' commands then run
 * exactly as written.
 */
async function startScopeRegistry(tarballs) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    const tarball = tarballs.find(t => url === `/-/${t.entry.filename}`);
    if (tarball) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      fs.createReadStream(path.join(tarballDir, tarball.entry.filename)).pipe(
        res,
      );
      return;
    }
    const pkg = tarballs.find(t => url === `/${t.entry.name}`);
    if (!pkg) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
      return;
    }
    const { manifest, entry } = pkg;
    const base = `http://127.0.0.1:${server.address().port}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        name: manifest.name,
        'dist-tags': { latest: manifest.version },
        versions: {
          [manifest.version]: {
            ...manifest,
            dist: {
              tarball: `${base}/-/${entry.filename}`,
              integrity: entry.integrity,
              shasum: entry.shasum,
            },
          },
        },
      }),
    );
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => server.close(),
  };
}

/** The `<!-- adoption: TARGET -->` blocks of a README, in order. */
function adoptionBlocks(readme) {
  const text = fs.readFileSync(readme, 'utf8');
  const pattern =
    /<!--\s*adoption:\s*(\S+)\s*-->\s*\n```[a-z]*\n([\s\S]*?)\n```/g;
  return [...text.matchAll(pattern)].map(m => ({
    readme: path.relative(ROOT, readme),
    target: m[1],
    body: m[2],
  }));
}

async function applyBlock(block) {
  console.log(`--- ${block.readme}: ${block.target}`);
  if (block.target === 'sh') {
    for (const line of block.body.split('\n')) {
      const command = line.trim();
      if (!command || command.startsWith('#')) continue;
      await run('bash', ['-c', command], { cwd: appDir, env: npmEnv });
    }
  } else if (block.target === 'packages/backend/src/index.ts') {
    const file = path.join(appDir, block.target);
    let source = fs.readFileSync(file, 'utf8');
    const lines = block.body
      .split('\n')
      .filter(l => l.trim() && !l.trim().startsWith('//'));
    const missing = lines.filter(l => !source.includes(l));
    if (!source.includes('backend.start();')) {
      throw new Error(`${block.target} has no backend.start()`);
    }
    source = source.replace(
      'backend.start();',
      `${missing.join('\n')}\n\nbackend.start();`,
    );
    fs.writeFileSync(file, source);
  } else if (block.target === 'app-config.yaml') {
    const file = path.join(appDir, block.target);
    const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'));
    mergeInto(doc, [], YAML.parse(block.body));
    fs.writeFileSync(file, doc.toString());
  } else {
    throw new Error(
      `${block.readme}: unknown adoption target ${block.target}; teach test/adoption/run.js how to apply it`,
    );
  }
}

/** Merges plain YAML into a document, keeping its comments; lists gain the new items. */
function mergeInto(doc, at, value) {
  if (Array.isArray(value)) {
    const existing = doc.getIn(at);
    const items = existing && YAML.isSeq(existing) ? existing.toJSON() : [];
    for (const item of value) {
      if (!items.some(i => JSON.stringify(i) === JSON.stringify(item))) {
        doc.addIn(at, item);
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      mergeInto(doc, [...at, key], child);
    }
  } else {
    doc.setIn(at, value);
  }
}

/** What the test adds on top of the READMEs: its ports and the example agents. */
function writeTestConfig() {
  const config = {
    app: { baseUrl: FRONTEND },
    backend: {
      baseUrl: BACKEND,
      listen: { port: BACKEND_PORT },
      cors: { origin: FRONTEND },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'AiResource',
            'Group',
            'User',
          ],
        },
      ],
      // The repository's catalog-info.yaml; its Location pulls in examples/.
      locations: [
        { type: 'file', target: path.join(ROOT, 'catalog-info.yaml') },
      ],
    },
    // the first sync may run before the catalog has read the examples
    agentRisk: {
      sync: { initialDelay: { seconds: 2 }, frequency: { seconds: 15 } },
    },
  };
  const file = path.join(appDir, 'app-config.adoption.yaml');
  fs.writeFileSync(file, YAML.stringify(config));
  return file;
}

function start(name, cwd, configFiles) {
  const args = ['backstage-cli', 'package', 'start'];
  for (const file of configFiles) args.push('--config', file);
  console.log(`$ npx ${args.join(' ')}  (in ${cwd})`);
  const child = spawn('npx', args, {
    cwd,
    env: { ...process.env, BROWSER: 'none', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stopping it stops its children
  });
  const output = [];
  const logFile = fs.createWriteStream(path.join(work, `${name}.log`));
  const keepOutput = chunk => {
    logFile.write(chunk);
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
  };
  child.stdout.on('data', keepOutput);
  child.stderr.on('data', keepOutput);
  child.recentOutput = () => output.join('');
  child.label = name;
  children.push(child);
  return child;
}

const { isUp } = polling;

/** Waits as the shared helper does, but stops at once when a started process died. */
function waitFor(what, check, timeoutMs) {
  return polling.waitFor(what, check, timeoutMs, {
    assertAlive: () => {
      for (const child of children) {
        if (child.exitCode !== null) {
          throw new Error(`${child.label} exited with ${child.exitCode}`);
        }
      }
    },
  });
}

function stopAll() {
  for (const child of children.splice(0)) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** `agent-risk score` over the same catalog the app loads: ref → result. */
async function cliScores() {
  const cli = await run('npx', ['agent-risk', 'score', 'catalog-info.yaml'], {
    allowFail: true,
  });
  // exit 1 means "some agent is not scored", which the examples include on purpose
  if (cli.status !== 0 && cli.status !== 1) {
    throw new Error(`agent-risk score exited ${cli.status}`);
  }
  return new Map(
    cli.stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line))
      .map(r => [r.entityRef, r]),
  );
}

async function browserChecks(token, expected) {
  const expectedScore = expected.get(AGENT_REF);
  if (!expectedScore || expectedScore.score === null) {
    throw new Error(`the CLI did not score ${AGENT_REF}`);
  }
  const scoreText = expectedScore.score.toFixed(1);
  console.log(`  agent-risk score: ${AGENT_REF} = ${scoreText}`);

  const headers = { authorization: `Bearer ${token}` };
  const ranked = async () =>
    (
      await fetch(`${BACKEND}/api/agent-risk/agents?limit=500`, { headers })
    ).json();
  // A sync may have run while the catalog was still reading the examples
  // (a busy machine); the next one (every 15 s) ranks the rest.
  let list = await ranked();
  for (let i = 0; i < 12 && list.totalCount !== expected.size; i++) {
    await new Promise(r => setTimeout(r, 5000));
    list = await ranked();
  }
  assert(
    list.totalCount === expected.size,
    `the app ranks ${list.totalCount} agents, the CLI scored ${expected.size}`,
  );
  for (const item of list.items) {
    const cli = expected.get(item.entityRef);
    assert(
      cli && cli.score === item.score && cli.status === item.status,
      `${item.entityRef}: app ${item.status} ${item.score}, CLI ${cli?.status} ${cli?.score}`,
    );
  }
  console.log(
    `  ✓ the app's API ranks ${list.totalCount} agents with the CLI's scores`,
  );

  const browser = await launchBrowser();
  const pageErrors = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
    });
    const page = await context.newPage();
    page.on('pageerror', e => pageErrors.push(e));
    fs.mkdirSync(SHOTS, { recursive: true });
    const shot = name =>
      page.screenshot({ path: path.join(SHOTS, name), fullPage: true });

    await page.goto(FRONTEND);
    const enter = page.getByRole('button', { name: /enter/i });
    await enter
      .waitFor({ timeout: 60_000 })
      .then(() => enter.click())
      .catch(() => {
        // no sign-in page: the app signed in by itself
      });

    // The sidebar item comes from the page's title and icon.
    const navItem = page.getByRole('link', { name: /^agent risk$/i }).first();
    await navItem.waitFor({ timeout: 120_000 });
    await navItem.click();
    await page.waitForURL(/\/agent-risk/);
    const row = page.locator('tr', {
      has: page.locator('[data-testid="ranking-row-name"]', {
        hasText: /^codegen$/i,
      }),
    });
    const rowScore = row.locator('[data-testid="ranking-row-score"]');
    await rowScore.waitFor({ timeout: 60_000 });
    const shownInRanking = (await rowScore.innerText()).trim();
    assert(
      shownInRanking.startsWith(scoreText),
      `ranking shows ${shownInRanking} for Codegen, the CLI ${scoreText}`,
    );
    await shot('adoption-ranking-page.png');
    console.log(
      `  ✓ ranking page (reached from its sidebar item) shows Codegen at ${shownInRanking}`,
    );

    const entityUrl = `${FRONTEND}/catalog/${AGENT.namespace}/${AGENT.kind}/${AGENT.name}`;
    await page.goto(entityUrl);
    const card = page.getByText(`AIVSS ${scoreText}`).first();
    await card.waitFor({ timeout: 60_000 });
    await page
      .getByLabel(/top contributing factors/i)
      .first()
      .waitFor({ timeout: 10_000 });
    await shot('adoption-overview-card.png');
    console.log(`  ✓ overview card shows AIVSS ${scoreText}`);

    // The new frontend system renders entity tabs as links.
    await page
      .getByRole('tab', { name: /^risk$/i })
      .or(page.getByRole('link', { name: /^risk$/i }))
      .first()
      .click();
    await page.waitForURL(/\/risk$/);
    const headline = page.locator('[data-testid="risk-headline"]');
    await headline.waitFor({ timeout: 60_000 });
    const shownInTab = (await headline.innerText()).trim();
    assert(
      shownInTab.includes(`AIVSS ${scoreText}`),
      `Risk tab shows "${shownInTab}", the CLI ${scoreText}`,
    );
    await shot('adoption-risk-tab.png');
    console.log(`  ✓ Risk tab shows ${shownInTab}`);

    assert(
      pageErrors.length === 0,
      `uncaught page errors: ${pageErrors.map(e => e.message).join('; ')}`,
    );
  } finally {
    await browser.close();
  }
}

async function main() {
  console.log(`Agent Risk adoption test in ${work}`);
  const tarballs = await buildAndPack();

  await step('copy the create-app fixture', () => {
    fs.cpSync(FIXTURE, appDir, { recursive: true });
    // the repository's npm settings, if any, apply to the app's installs too
    const npmrc = path.join(ROOT, '.npmrc');
    if (fs.existsSync(npmrc)) {
      fs.appendFileSync(
        path.join(appDir, '.npmrc'),
        `\n${fs.readFileSync(npmrc, 'utf8')}`,
      );
    }
  });

  await step('npm ci (the app as generated, from its lockfile)', () =>
    run('npm', ['ci'], { cwd: appDir, env: npmEnv }),
  );

  const registry = await startScopeRegistry(tarballs);
  try {
    await step('README install steps', async () => {
      fs.appendFileSync(
        path.join(appDir, '.npmrc'),
        `\n@agent-risk:registry=${registry.url}\n`,
      );
      const blocks = [
        'plugins/agent-risk-backend/README.md',
        'plugins/catalog-backend-module-agent-risk/README.md',
        'plugins/scaffolder-backend-module-agent-risk/README.md',
        'plugins/search-backend-module-agent-risk/README.md',
        'plugins/agent-risk/README.md',
      ].flatMap(readme => adoptionBlocks(path.join(ROOT, readme)));
      for (const block of blocks) await applyBlock(block);
      for (const { entry } of tarballs) {
        assert(
          fs.existsSync(
            path.join(appDir, 'node_modules', entry.name, 'package.json'),
          ),
          `${entry.name} is not installed in the app`,
        );
      }
    });
  } finally {
    registry.close();
  }

  const testConfig = writeTestConfig();
  const configFiles = [path.join(appDir, 'app-config.yaml'), testConfig];
  const token = await step(
    'start the app (backend :7307, frontend :3300)',
    async () => {
      start('backend', path.join(appDir, 'packages/backend'), configFiles);
      start('frontend', path.join(appDir, 'packages/app'), configFiles);
      await waitFor(
        'the backend',
        () => isUp(`${BACKEND}/.backstage/health/v1/readiness`),
        600_000,
      );
      await waitFor('the frontend', () => isUp(FRONTEND), 600_000);
      const guest = await waitFor(
        'a guest token',
        () => polling.guestToken(BACKEND),
        60_000,
      );
      await waitFor(
        `the first sync to score ${AGENT_REF}`,
        async () => {
          const res = await fetch(
            `${BACKEND}/api/agent-risk/agents/${AGENT.kind}/${AGENT.namespace}/${AGENT.name}`,
            { headers: { authorization: `Bearer ${guest}` } },
          ).catch(() => undefined);
          return res?.ok;
        },
        300_000,
      );
      return guest;
    },
  );

  const expected = await step('agent-risk score (the CLI)', () => cliScores());
  await step('browser checks (Chromium)', () => browserChecks(token, expected));
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function cleanUp() {
  stopAll();
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

main().then(
  () => {
    cleanUp();
    printTimings();
    console.log('\nadoption: passed');
  },
  error => {
    for (const child of children) {
      console.error(`--- last output of the ${child.label}:`);
      console.error(child.recentOutput().slice(-6000));
    }
    cleanUp();
    printTimings();
    console.error(`\nadoption: FAILED: ${error.stack || error}`);
    process.exit(1);
  },
);
