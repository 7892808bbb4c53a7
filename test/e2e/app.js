// Starts the example app (frontend :3000 + backend :7007) as `npm start` does,
// waits until the catalog has been scored, and stops it again.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  isUp,
  waitFor,
  guestToken,
  demoUserToken: demoUserTokenAt,
} = require('../lib/polling');

const ROOT = path.resolve(__dirname, '../..');
// The example app's ports. Several checkouts on one machine can each run the
// e2e on their own pair: AGENT_RISK_E2E_PORTS=3100,7100.
const [FRONTEND_PORT, BACKEND_PORT] = (
  process.env.AGENT_RISK_E2E_PORTS ?? '3000,7007'
)
  .split(',')
  .map(Number);
const FRONTEND = `http://localhost:${FRONTEND_PORT}`;
const BACKEND = `http://localhost:${BACKEND_PORT}`;

/**
 * Config overrides: ports other than app-config.yaml's 3000 and 7007, and a
 * fresh SQLite directory, so every run starts from the example catalog alone
 * (npm start keeps its data in .data/ across restarts; the e2e registers
 * agents and counts notifications).
 */
function portOverrides() {
  return {
    APP_CONFIG_backend_database_connection_directory: fs.mkdtempSync(
      path.join(os.tmpdir(), 'agent-risk-e2e-db-'),
    ),
    APP_CONFIG_app_baseUrl: FRONTEND,
    APP_CONFIG_backend_baseUrl: BACKEND,
    APP_CONFIG_backend_listen_port: String(BACKEND_PORT),
    APP_CONFIG_backend_cors_origin: FRONTEND,
  };
}

/**
 * The base config and the demo sign-in's (off in app-config.yaml: the e2e
 * signs in as erin and bob through it). Absolute paths: each package starts
 * in its own folder.
 */
function configArgs() {
  return ['app-config.yaml', 'app-config.demo-users.yaml'].flatMap(file => [
    '--config',
    path.join(ROOT, file),
  ]);
}

/**
 * Starts the app unless one already answers on :3000 and :7007 (one started
 * by hand needs app-config.demo-users.yaml too; see the README).
 */
async function startApp({ log = () => {} } = {}) {
  let child;
  if (
    !(
      (await isUp(FRONTEND)) &&
      (await isUp(`${BACKEND}/.backstage/health/v1/readiness`))
    )
  ) {
    log('starting the app with `npm start`…');
    child = spawn('npm', ['start', '--', ...configArgs()], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...portOverrides(),
        BROWSER: 'none',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const output = [];
    // The whole log, for a failure that shows only later (path printed at the end).
    const logFile = path.join(
      os.tmpdir(),
      `agent-risk-e2e-app-${Date.now()}.log`,
    );
    child.logFile = logFile;
    const keep = chunk => {
      output.push(chunk.toString());
      if (output.length > 400) output.shift();
      fs.appendFileSync(logFile, chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.recentOutput = () => output.join('');
  }
  try {
    await waitFor(
      'the backend',
      () => isUp(`${BACKEND}/.backstage/health/v1/readiness`),
      300_000,
    );
    await waitFor('the frontend', () => isUp(FRONTEND), 300_000);
    const token = await waitFor(
      'a guest token',
      () => guestToken(BACKEND),
      60_000,
    );
    // The first sync runs a few seconds after start; wait until Codegen is scored.
    await waitFor(
      'the first agent-risk sync',
      async () => {
        const res = await fetch(
          `${BACKEND}/api/agent-risk/agents/airesource/default/codegen`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        return res.ok;
      },
      180_000,
    );
    return { child, token, stop: () => stopApp(child) };
  } catch (error) {
    if (child) {
      process.stderr.write(child.recentOutput().slice(-8000));
      stopApp(child);
    }
    throw error;
  }
}

function stopApp(child) {
  if (!child) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** A token of another example user of this app's backend (see test/lib/polling.js). */
const demoUserToken = name => demoUserTokenAt(BACKEND, name);

module.exports = { startApp, demoUserToken, FRONTEND, BACKEND, ROOT };
