// Starts the example backend (packages/backend) as its own node process, the
// way `backstage-cli package start` runs it but without the file watcher, so
// that `kill -9` hits the backend itself.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const BACKEND_DIR = path.join(ROOT, 'packages/backend');
const children = new Set();

/** Config overlay: one shared PostgreSQL, this replica's port, a short sync. */
function overlay({ port, databasePrefix, applicationName, sync }) {
  return {
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      cors: { origin: `http://localhost:${port}` },
      database: {
        client: 'pg',
        prefix: databasePrefix,
        connection: {
          host: '127.0.0.1',
          port: 5432,
          user: 'postgres',
          // Lets the test tell the replicas' connections apart in pg_stat_activity.
          application_name: applicationName,
        },
      },
    },
    agentRisk: { sync },
  };
}

/**
 * Starts one replica. Resolves once it answers its readiness check.
 * Every line it prints is kept with the time it arrived.
 */
async function startBackend({ name, port, databasePrefix, sync, log }) {
  const configFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-resilience-')),
    `${name}.json`,
  );
  fs.writeFileSync(
    configFile,
    JSON.stringify(
      overlay({
        port,
        databasePrefix,
        applicationName: `agent-risk-${name}`,
        sync,
      }),
    ),
  );
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
        paths: [ROOT],
      }),
      'src/index.ts',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      // The demo sign-in (loopback only): the suite syncs as erin of the
      // security team, whom the example policy lets start a full sync.
      '--config',
      path.join(ROOT, 'app-config.demo-users.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        FORCE_COLOR: '0',
        ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  const lines = [];
  let partial = '';
  const onData = chunk => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop();
    for (const line of parts) {
      lines.push({ at: Date.now(), line });
      if (lines.length > 20000) lines.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', () => children.delete(child));

  const replica = {
    name,
    port,
    url: `http://localhost:${port}`,
    child,
    lines,
    /** Log lines since a time that match a pattern. */
    linesSince: (since, pattern) =>
      lines.filter(l => l.at >= since && pattern.test(l.line)),
    alive: () => child.exitCode === null && child.signalCode === null,
    tail: (n = 60) =>
      lines
        .slice(-n)
        .map(l => `[${name}] ${l.line}`)
        .join('\n'),
  };
  const started = Date.now();
  for (;;) {
    if (!replica.alive()) {
      throw new Error(`${name} exited while starting:\n${replica.tail()}`);
    }
    try {
      const res = await fetch(`${replica.url}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 300_000) {
      throw new Error(`${name} not ready after 300s:\n${replica.tail()}`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  log(
    `${name} ready on :${port} in ${((Date.now() - started) / 1000).toFixed(
      0,
    )}s (pid ${child.pid})`,
  );
  return replica;
}

/** Stops every replica still running: used on success, failure and signals. */
function stopAll(signal = 'SIGKILL') {
  for (const child of children) {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

module.exports = { startBackend, stopAll };
