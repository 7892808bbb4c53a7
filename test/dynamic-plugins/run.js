#!/usr/bin/env node
/*
 * Dynamic plugins test: the backend plugin and the catalog module, exported
 * for Red Hat Developer Hub (scripts/export-dynamic.js, Red Hat's CLI), load
 * in a Backstage backend through @backstage/backend-dynamic-feature-service,
 * as RHDH loads them, and work:
 *
 * - GET /api/agent-risk/summary answers a signed-in (guest) user, and an
 *   unauthenticated request gets 401;
 * - GET /api/agent-risk/agents ranks the example agent with the score
 *   `agent-risk score` computes for it (the CLI, from the sources);
 * - the catalog module runs: an agent with a malformed factor carries its
 *   AgentRiskValidationError in the catalog.
 *
 *   npm run test:dynamic-plugins              export, then test
 *   npm run test:dynamic-plugins -- --keep    keep the host folder for a look
 *   npm run test:dynamic-plugins -- --no-export   test the dist-dynamic/ folders already there
 *
 * The host (test/dynamic-plugins/host.js) runs in a temporary folder laid out
 * like RHDH's: dynamic-plugins-root/ holds a copy of each dist-dynamic/, and
 * node_modules (links to this repository's, less @agent-risk) provides the
 * shared packages.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const YAML = require('yaml');
const {
  exportDynamicPlugins,
  BACKEND_PACKAGES,
} = require('../../scripts/export-dynamic');
const { isUp, waitFor, guestToken } = require('../lib/polling');
const { createSteps } = require('../lib/steps');

const ROOT = path.resolve(__dirname, '../..');
/** Ports 4300–4399 are this test's (the README's port list). */
const PORT = 4317;
const BACKEND = `http://127.0.0.1:${PORT}`;
/** The example agent the test ranks, and a copy of it with a malformed factor. */
const AGENT_NAME = 'sre-triage-agent';
const MALFORMED_NAME = 'sre-triage-agent-malformed';
const MALFORMED_FACTOR = 'aivss.owasp.org/autonomy-of-action';

const keep = process.argv.includes('--keep');
const noExport = process.argv.includes('--no-export');
const { step, printTimings } = createSteps();

function assert(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`  ✓ ${message}`);
}

/** The example agent from examples/agents.yaml, and its malformed copy. */
function catalogEntities() {
  const docs = YAML.parseAllDocuments(
    fs.readFileSync(path.join(ROOT, 'examples/agents.yaml'), 'utf8'),
  ).map(d => d.toJS());
  const agent = docs.find(d => d.metadata?.name === AGENT_NAME);
  if (!agent) throw new Error(`examples/agents.yaml has no ${AGENT_NAME}`);
  const malformed = structuredClone(agent);
  malformed.metadata.name = MALFORMED_NAME;
  malformed.metadata.title = `${agent.metadata.title} (malformed)`;
  malformed.metadata.annotations[MALFORMED_FACTOR] = 'very high';
  return [agent, malformed];
}

/** The host folder: config, catalog, dynamic-plugins-root and a node_modules link. */
function prepareHost(work, exported) {
  const pluginsRoot = path.join(work, 'dynamic-plugins-root');
  for (const dir of exported) {
    const name = JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
    ).name;
    // What RHDH's install step leaves: one folder per package, named after it.
    const dest = path.join(
      pluginsRoot,
      name.replace(/^@/, '').replace('/', '-'),
    );
    fs.cpSync(dir, dest, { recursive: true });
  }
  // The backend's root: a package (the config and plugin loaders look for one).
  fs.writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ name: 'dynamic-plugins-host', private: true }),
  );
  // The shared packages: this repository's node_modules, less its own
  // @agent-risk packages, so the plugins load only what their export holds.
  const modules = path.join(work, 'node_modules');
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry === '@agent-risk' || entry === '.bin') continue;
    fs.symlinkSync(
      path.join(ROOT, 'node_modules', entry),
      path.join(modules, entry),
    );
  }
  const catalogFile = path.join(work, 'agents.yaml');
  fs.writeFileSync(
    catalogFile,
    catalogEntities()
      .map(e => YAML.stringify(e))
      .join('---\n'),
  );
  const config = {
    // The auth backend needs it; no frontend is served.
    app: { baseUrl: BACKEND },
    backend: {
      baseUrl: BACKEND,
      listen: { port: PORT, host: '127.0.0.1' },
      database: { client: 'better-sqlite3', connection: ':memory:' },
    },
    // A real user token from the auth backend; this backend listens on
    // 127.0.0.1 only and lives as long as the test.
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    permission: { enabled: true },
    catalog: {
      rules: [{ allow: ['Component', 'Location'] }],
      locations: [{ type: 'file', target: catalogFile }],
    },
    agentRisk: {
      sync: { frequency: { seconds: 5 }, initialDelay: { seconds: 1 } },
    },
    dynamicPlugins: { rootDirectory: 'dynamic-plugins-root' },
  };
  const configFile = path.join(work, 'app-config.yaml');
  fs.writeFileSync(configFile, YAML.stringify(config));
  return { configFile, catalogFile };
}

function startHost(work, configFile) {
  const log = fs.openSync(path.join(work, 'backend.log'), 'w');
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'host.js'), '--config', configFile],
    { cwd: work, stdio: ['ignore', log, log], env: { ...process.env } },
  );
  child.exitedWith = undefined;
  child.on('exit', code => {
    child.exitedWith = code;
  });
  return child;
}

/** `agent-risk score` over the same catalog file: ref → result. */
function cliScores(catalogFile) {
  const cli = spawnSync('npx', ['agent-risk', 'score', catalogFile], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // exit 1: some agent is not scored, which the malformed copy is on purpose
  if (cli.status !== 0 && cli.status !== 1) {
    throw new Error(`agent-risk score exited ${cli.status}: ${cli.stderr}`);
  }
  return new Map(
    cli.stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line))
      .map(r => [r.entityRef, r]),
  );
}

async function checks(token, expected, assertAlive) {
  const headers = { authorization: `Bearer ${token}` };
  const get = async url => {
    const res = await fetch(`${BACKEND}${url}`, { headers });
    return { status: res.status, body: await res.json() };
  };

  const anonymous = await fetch(`${BACKEND}/api/agent-risk/summary`);
  assert(
    anonymous.status === 401,
    `GET /api/agent-risk/summary without a token answers 401 (got ${anonymous.status})`,
  );

  const agentRef = `component:default/${AGENT_NAME}`;
  const want = expected.get(agentRef);
  if (!want || typeof want.score !== 'number') {
    throw new Error(`agent-risk score did not score ${agentRef}`);
  }
  // The catalog reads the file, then the plugin syncs every 5 seconds.
  const ranked = await waitFor(
    `${agentRef} on GET /api/agent-risk/agents`,
    async () => {
      const { status, body } = await get('/api/agent-risk/agents?limit=50');
      return status === 200 && body.items.some(i => i.entityRef === agentRef)
        ? body
        : undefined;
    },
    120_000,
    { everyMs: 2000, assertAlive },
  );
  const item = ranked.items.find(i => i.entityRef === agentRef);
  assert(
    item.status === want.status && item.score === want.score,
    `GET /api/agent-risk/agents ranks ${agentRef}: ${item.status} ${item.score} (agent-risk score: ${want.status} ${want.score})`,
  );

  const summary = await get('/api/agent-risk/summary');
  const { totalAgents, byStatus } = summary.body;
  assert(
    summary.status === 200 &&
      totalAgents === 2 &&
      byStatus.scored === 1 &&
      byStatus.invalid === 1,
    `GET /api/agent-risk/summary answers ${summary.status}: ${totalAgents} agents, ${byStatus?.scored} scored, ${byStatus?.invalid} invalid`,
  );

  const malformed = await waitFor(
    `the catalog's processing errors for ${MALFORMED_NAME}`,
    async () => {
      const { status, body } = await get(
        `/api/catalog/entities/by-name/component/default/${MALFORMED_NAME}`,
      );
      return status === 200 && body.status?.items?.length ? body : undefined;
    },
    60_000,
    { everyMs: 2000, assertAlive },
  );
  const errors = malformed.status.items.map(i => i.error?.name);
  assert(
    errors.includes('AgentRiskValidationError') &&
      malformed.status.items.some(i => i.message.includes(MALFORMED_FACTOR)),
    `the catalog module reports ${MALFORMED_FACTOR} of ${MALFORMED_NAME} as an AgentRiskValidationError`,
  );
}

async function main() {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-rhdh-'));
  let host;
  try {
    const exported = noExport
      ? BACKEND_PACKAGES.map(p => path.join(ROOT, p.dir, 'dist-dynamic'))
      : await step(
          'export the backend plugins (scripts/export-dynamic.js --backend-only)',
          () => exportDynamicPlugins({ backendOnly: true }),
        );
    const { configFile, catalogFile } = await step(
      'lay out the host folder (dynamic-plugins-root, node_modules)',
      () => prepareHost(work, exported),
    );
    const expected = await step('agent-risk score (the CLI)', () =>
      cliScores(catalogFile),
    );
    host = startHost(work, configFile);
    const assertAlive = () => {
      if (host.exitedWith !== undefined) {
        throw new Error(`the backend exited with ${host.exitedWith}`);
      }
    };
    const token = await step(
      'start the backend, load the dynamic plugins',
      async () => {
        await waitFor(
          'the backend',
          () => isUp(`${BACKEND}/.backstage/health/v1/readiness`),
          120_000,
          { assertAlive },
        );
        return waitFor('a guest token', () => guestToken(BACKEND), 30_000, {
          assertAlive,
        });
      },
    );
    await step('checks', () => checks(token, expected, assertAlive));
  } catch (error) {
    const log = path.join(work, 'backend.log');
    if (fs.existsSync(log)) {
      console.error('\n--- end of the backend log ---');
      console.error(
        fs.readFileSync(log, 'utf8').split('\n').slice(-40).join('\n'),
      );
    }
    throw error;
  } finally {
    if (host && host.exitedWith === undefined) host.kill('SIGTERM');
    printTimings((Date.now() - started) / 1000);
    if (keep) console.log(`Host folder kept: ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  console.log('\nDynamic plugins test passed.');
}

main().catch(error => {
  console.error(`\nDynamic plugins test failed: ${error.message}`);
  process.exit(1);
});
