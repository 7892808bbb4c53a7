/*
 * `npm run bench -- --full-stack`: what a user of a real Backstage waits for.
 * Starts the example backend's plugins (test/load/fullstack/backend.ts) as its
 * own process on a fresh PostgreSQL database, lets the real catalog ingest
 * generated agents from YAML files, signs users in through the auth backend,
 * and times every ranking route beside the platform's floor (the catalog's
 * own GET /entities/by-name) with the same token, under (a) an allow-all
 * policy and (b) a conditional "read what your groups own" policy.
 * See docs/benchmarks.md.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import yaml from 'js-yaml';
import { createServer } from 'net';
import zlib from 'zlib';
import { Client } from 'pg';
import { AGENT_ENTITY_FIELDS } from '@agent-risk/plugin-agent-risk-common';
import { generateCatalog } from './lib/entities';
import { LatencyStats, latencyStats } from './lib/measure';
import { POSTGRES, postgresVersion } from './lib/databases';
import {
  CpuProfile,
  processCpuMs,
  ProfileSummary,
  summariseCpuProfile,
} from './lib/cpuProfile';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(__dirname, 'fullstack/backend.ts');
const MARK_START = '<!-- full-stack:start -->';
const MARK_END = '<!-- full-stack:end -->';
/** A route's p95 may be at most this multiple of the floor's p95 (sequential, and under load). */
const FLOOR_RATIO_TARGET = 1.5;
/** Under load, a route serves at least this share of the floor's requests per second. */
const THROUGHPUT_RATIO_TARGET = 0.8;
/** Requests for a reference route, sequential and concurrent: each is slow. */
const REFERENCE_REQUESTS = 30;

interface FullStackArgs {
  agents: number;
  requests: number;
  concurrency: number;
  concurrentRequests: number;
  /** Concurrent runs of each route and its floor, taken in turn; the median counts. */
  rounds: number;
  /** Unset: a port the system reports free, so runs beside other backends never collide. */
  port?: number;
  out: string | null;
  /** Writes a V8 CPU profile of every concurrent run into this directory, and prints where the CPU went. */
  profile?: string;
  /** Only the routes: no sync, read or annotation timings, and no report written. */
  routesOnly: boolean;
}

function parseFullStackArgs(argv: readonly string[]): FullStackArgs {
  const args: FullStackArgs = {
    agents: 20_000,
    requests: 200,
    concurrency: 16,
    concurrentRequests: 320,
    rounds: 3,
    out: 'docs/benchmarks.md',
    routesOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string?];
    const value = () => inline ?? argv[++i];
    const int = () => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) {
        throw new Error(`${flag} needs a positive integer, got "${v ?? ''}"`);
      }
      return n;
    };
    switch (flag) {
      case '--full-stack':
        break;
      case '--agents':
        args.agents = int();
        break;
      case '--requests':
        args.requests = int();
        break;
      case '--concurrency':
        args.concurrency = int();
        break;
      case '--concurrent-requests':
        args.concurrentRequests = int();
        break;
      case '--rounds':
        args.rounds = int();
        break;
      case '--port':
        args.port = int();
        break;
      case '--out':
        args.out = value();
        break;
      case '--no-out':
        args.out = null;
        break;
      case '--profile':
        args.profile = path.resolve(value());
        // The backend writes its profiles there and cannot create it itself.
        fs.mkdirSync(args.profile, { recursive: true });
        break;
      case '--routes-only':
        args.routesOnly = true;
        args.out = null;
        break;
      default:
        throw new Error(
          `Unknown flag ${flag}. Usage: npm run bench -- --full-stack [--agents 20000] [--requests 200] [--concurrency 16] [--concurrent-requests 320] [--rounds 3] [--port N (default: a free one)] [--out docs/benchmarks.md | --no-out] [--profile DIR] [--routes-only]`,
        );
    }
  }
  return args;
}

/** A TCP port nothing listens on now, as the system picks it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('No free port')),
      );
    });
  });
}

const log = (line: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// The catalog on disk

const TEAM = (i: number) => `team-${String(i).padStart(3, '0')}`;
const USER = (i: number) => `user-${String(i).padStart(3, '0')}`;

interface CatalogFiles {
  dir: string;
  locationFile: string;
  agentFiles: string[];
  /** Agents by lower-case ref, with the file they live in. */
  agents: Array<{
    kind: string;
    name: string;
    ownerTeam: string;
    file: string;
  }>;
  teams: number;
  systems: number;
}

/** Writes the generated organisation and agents as catalog-info YAML. */
function writeCatalogFiles(agentCount: number): CatalogFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-fullstack-'));
  const generated = generateCatalog(agentCount);
  const teams = generated.owners.length;
  const systemNames = new Set<string>();
  const org: object[] = [];
  for (let i = 0; i < teams; i++) {
    org.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: TEAM(i), title: `Team ${i}` },
      spec: { type: 'team', children: [] },
    });
    // One user per team, in a second team too: ownership claims of two groups.
    org.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: USER(i) },
      spec: { memberOf: [TEAM(i), TEAM((i + 1) % teams)] },
    });
  }
  org.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'guest' },
    spec: { memberOf: [TEAM(0)] },
  });
  const agents: CatalogFiles['agents'] = [];
  const perFile = 1000;
  const agentFiles: string[] = [];
  const other: object[] = [];
  let chunk: object[] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    const file = path.join(dir, `agents-${agentFiles.length}.yaml`);
    fs.writeFileSync(
      file,
      chunk.map(e => yaml.dump(e, { lineWidth: -1 })).join('---\n'),
    );
    agentFiles.push(file);
    chunk = [];
  };
  for (const entity of generated.entities) {
    const { uid, etag, ...metadata } = entity.metadata;
    const { relations, ...rest } = entity;
    const clean = { ...rest, metadata };
    const spec = entity.spec as Record<string, unknown>;
    if (typeof spec.system === 'string') systemNames.add(spec.system);
    const isAgent = spec.type === 'agent' || spec.type === 'ai-agent';
    if (!isAgent) {
      other.push(clean);
      continue;
    }
    chunk.push(clean);
    const owner = String(spec.owner).replace(/^group:default\//, '');
    agents.push({
      kind: entity.kind.toLowerCase(),
      name: entity.metadata.name,
      ownerTeam: owner,
      file: '', // set below
    });
    agents[agents.length - 1].file = path.join(
      dir,
      `agents-${agentFiles.length}.yaml`,
    );
    if (chunk.length >= perFile) flush();
  }
  flush();
  for (const name of systemNames) {
    other.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name, title: `System ${name.slice('system-'.length)}` },
      spec: { owner: TEAM(0) },
    });
  }
  const write = (name: string, docs: object[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(
      file,
      docs.map(e => yaml.dump(e, { lineWidth: -1 })).join('---\n'),
    );
    return file;
  };
  const files = [
    write('org.yaml', org),
    write('other.yaml', other),
    ...agentFiles,
  ];
  const locationFile = write('location.yaml', [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'bench-generated' },
      spec: { targets: files.map(f => `./${path.basename(f)}`) },
    },
  ]);
  return {
    dir,
    locationFile,
    agentFiles,
    agents,
    teams,
    systems: systemNames.size,
  };
}

// ---------------------------------------------------------------------------
// The backend process

interface Backend {
  url: string;
  child: ChildProcess;
  lines: Array<{ at: number; line: string }>;
  stop(): Promise<void>;
}

async function startBackend(options: {
  port: number;
  databasePrefix: string;
  policy: 'allow-all' | 'owner';
  locationFile: string;
  fresh: boolean;
  profileDir?: string;
}): Promise<Backend> {
  const { port } = options;
  const overlay = {
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      cors: { origin: `http://localhost:${port}` },
      database: {
        client: 'pg',
        prefix: options.databasePrefix,
        connection: {
          host: POSTGRES.host,
          port: POSTGRES.port,
          user: POSTGRES.user,
        },
      },
    },
    auth: {
      providers: {
        guest: { userEntityRef: 'user:default/guest' },
        benchUser: { header: 'x-bench-user' },
      },
    },
    catalog: {
      locations: [{ type: 'file', target: options.locationFile }],
      // New entities are processed at once; after that, the catalog would
      // re-read all 20 000 from their YAML every couple of minutes, which
      // lands on whichever route or floor is being timed (seen in the CPU
      // profiles). An explicit refresh still works at once.
      processingInterval: { hours: 1 },
    },
    // One sync at start-up (the scheduler's worker only listens for triggers
    // after the initial delay); after that, syncs run when the benchmark
    // triggers them, so each is timed alone.
    agentRisk: {
      sync: {
        frequency: { hours: 24 },
        initialDelay: { seconds: 1 },
        timeout: { minutes: 30 },
      },
    },
  };
  const configFile = path.join(
    path.dirname(options.locationFile),
    `backend-${options.policy}.json`,
  );
  fs.writeFileSync(configFile, JSON.stringify(overlay));
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
        paths: [ROOT],
      }),
      ENTRY,
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(ROOT, 'packages/backend'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        FORCE_COLOR: '0',
        BENCH_POLICY: options.policy,
        ...(options.profileDir
          ? { BENCH_PROFILE_DIR: options.profileDir }
          : {}),
        ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: Backend['lines'] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push({ at: Date.now(), line });
      if (lines.length > 50_000) lines.shift();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const url = `http://localhost:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `The backend exited while starting:\n${lines
          .slice(-40)
          .map(l => l.line)
          .join('\n')}`,
      );
    }
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 300_000) {
      child.kill('SIGKILL');
      throw new Error('The backend was not ready after 300 s');
    }
    await sleep(1000);
  }
  // On a fresh database the start-up sync runs now (on a catalog still
  // empty); it must not overlap what is timed. A restarted backend keeps the
  // schedule stored in the database, so it has no start-up sync to wait for.
  while (options.fresh && !lines.some(l => SYNC_LINE.test(l.line))) {
    if (child.exitCode !== null || Date.now() - started > 30 * 60_000) {
      throw new Error('The start-up sync did not finish');
    }
    await sleep(200);
  }
  log(
    `backend (${options.policy}) ready on :${port} in ${(
      (Date.now() - started) /
      1000
    ).toFixed(0)} s`,
  );
  return {
    url,
    child,
    lines,
    stop: () =>
      new Promise(resolve => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

// ---------------------------------------------------------------------------
// HTTP

async function signIn(
  url: string,
  user: string | 'guest',
): Promise<{ token: string; ownership: string[] }> {
  const provider = user === 'guest' ? 'guest' : 'benchUser';
  const res = await fetch(`${url}/api/auth/${provider}/refresh`, {
    headers: {
      'x-requested-with': 'XMLHttpRequest',
      ...(user === 'guest' ? {} : { 'x-bench-user': user }),
    },
  });
  if (!res.ok) {
    throw new Error(`Sign-in as ${user}: ${res.status} ${await res.text()}`);
  }
  const body = (await res.json()) as {
    backstageIdentity: {
      token: string;
      identity: { ownershipEntityRefs: string[] };
    };
  };
  return {
    token: body.backstageIdentity.token,
    ownership: body.backstageIdentity.identity.ownershipEntityRefs,
  };
}

/** Requests sent again after a connection reset (see getOk). */
let resets = 0;

async function getOk(url: string, token: string): Promise<Response> {
  const send = () =>
    fetch(url, { headers: { authorization: `Bearer ${token}` } });
  let res: Response;
  try {
    res = await send();
  } catch {
    resets += 1;
    res = await send();
  }
  // The backend's own plugin-to-plugin calls (e.g. the catalog asking the
  // permission backend) can hit a keep-alive socket that is being closed:
  // a 500 naming ECONNRESET. Sent again once, and counted in the report.
  if (res.status === 500) {
    const text = await res.text();
    if (!/ECONNRESET|socket hang up/.test(text)) {
      throw new Error(`GET ${url}: ${res.status} ${text}`);
    }
    resets += 1;
    res = await send();
  }
  if (!res.ok) {
    throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  }
  return res;
}

/** Keep-alive sockets for the timed requests, as a browser keeps them. */
const timedAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * One GET as a browser sends it (gzip accepted), its body read to the end
 * as it comes over the wire, and not decompressed: what load generators
 * such as wrk or autocannon do. The client runs on the cores the backend
 * shares, so decompressing and parsing every body would cost the backend
 * CPU in proportion to the answer's size, tilting every comparison against
 * a route whose answer is larger than the floor's one entity.
 */
function rawGet(
  url: string,
  token: string,
): Promise<{ status: number; body: Buffer; encoding?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      {
        agent: timedAgent,
        headers: {
          authorization: `Bearer ${token}`,
          'accept-encoding': 'gzip',
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            encoding: res.headers['content-encoding'],
          }),
        );
      },
    );
    req.on('error', reject);
  });
}

/** An error body as text, decompressed when it came gzip-encoded. */
function bodyText(res: { body: Buffer; encoding?: string }): string {
  return (
    res.encoding === 'gzip' ? zlib.gunzipSync(res.body) : res.body
  ).toString('utf8');
}

/**
 * Times one request, body read to the end (what a browser waits for); sent
 * again once after a connection reset, as getOk does.
 */
async function timedGet(url: string, token: string): Promise<number> {
  const start = performance.now();
  let res = await rawGet(url, token).catch(() => {
    resets += 1;
    return rawGet(url, token);
  });
  if (res.status === 500 && /ECONNRESET|socket hang up/.test(bodyText(res))) {
    resets += 1;
    res = await rawGet(url, token);
  }
  if (res.status !== 200) {
    throw new Error(`GET ${url}: ${res.status} ${bodyText(res)}`);
  }
  return performance.now() - start;
}

// ---------------------------------------------------------------------------
// Measurements

interface RouteFigures {
  route: string;
  path: string;
  /** Body size of one response, decompressed. */
  bytes: number;
  /** The same body as sent (gzip-encoded when the route compresses it). */
  wireBytes?: number;
  /** The platform's own answer of a similar size: context, not a target. */
  reference?: boolean;
  sequential: LatencyStats;
  floorSequential: LatencyStats;
  concurrent: ConcurrentFigures;
  floorConcurrent: ConcurrentFigures;
}

interface ConcurrentFigures extends LatencyStats {
  throughput: number;
  /** The backend process's CPU time per request (user + system), when /proc tells. */
  cpuMsPerRequest?: number;
  /** With `--profile`: the sampled CPU per request, by part of the request. */
  profile?: ProfileSummary;
  /** How many requests the profile covers (its round's). */
  profiledRequests?: number;
  /** Concurrent runs this figure is the median of. */
  rounds?: number;
}

interface PhaseResult {
  policy: 'allow-all' | 'owner';
  user: string;
  visibleAgents: number;
  routes: RouteFigures[];
}

/** Paths cycle per request index, so the detail and floor hit many agents. */
type PathFor = (i: number) => string;

async function sequentialPair(
  baseUrl: string,
  token: string,
  route: PathFor,
  floor: PathFor,
  count: number,
): Promise<{ route: LatencyStats; floor: LatencyStats }> {
  for (let i = 0; i < 10; i++) {
    await timedGet(baseUrl + route(i), token);
    await timedGet(baseUrl + floor(i), token);
  }
  const r: number[] = [];
  const f: number[] = [];
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < count; i++) {
    r.push(await timedGet(baseUrl + route(i), token));
    f.push(await timedGet(baseUrl + floor(i), token));
  }
  return { route: latencyStats(r), floor: latencyStats(f) };
}

/**
 * Waits until the backend has been nearly idle for a second (under a tenth
 * of a core), at most 60 s: what a sync or a restart leaves running (the
 * catalog stitching, caches warming) must not land on the route timed next.
 */
async function waitForQuiet(backend: Backend) {
  const since = Date.now();
  for (;;) {
    const before = processCpuMs(backend.child.pid!);
    await sleep(1000);
    const after = processCpuMs(backend.child.pid!);
    if (
      before === undefined ||
      after === undefined ||
      after - before < 100 ||
      Date.now() - since > 60_000
    ) {
      return;
    }
  }
}

async function waitForFile(file: string) {
  const since = Date.now();
  while (!fs.existsSync(file)) {
    if (Date.now() - since > 60_000) {
      throw new Error(`The backend did not write ${file} within 60 s`);
    }
    await sleep(50);
  }
}

/** Starts the backend's CPU profiler (see fullstack/backend.ts). */
async function startProfile(backend: Backend, dir: string) {
  fs.rmSync(path.join(dir, 'started'), { force: true });
  backend.child.kill('SIGUSR2');
  await waitForFile(path.join(dir, 'started'));
}

/** Stops it; returns the profile, which the backend wrote as DIR/<label>.cpuprofile. */
async function stopProfile(
  backend: Backend,
  dir: string,
  label: string,
): Promise<CpuProfile> {
  const file = path.join(dir, `${label}.cpuprofile`);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(path.join(dir, 'label'), label);
  backend.child.kill('SIGUSR2');
  await waitForFile(file);
  // Written in one call, but wait until it parses rather than trust timing.
  for (;;) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    } catch {
      await sleep(100);
    }
  }
}

async function concurrent(
  backend: Backend,
  token: string,
  route: PathFor,
  clients: number,
  total: number,
  profile?: { dir: string; label: string },
): Promise<ConcurrentFigures> {
  const baseUrl = backend.url;
  let next = 0;
  const samples: number[] = [];
  if (profile) await startProfile(backend, profile.dir);
  const cpuBefore = processCpuMs(backend.child.pid!);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        samples.push(await timedGet(baseUrl + route(i), token));
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = processCpuMs(backend.child.pid!);
  const summary = profile
    ? summariseCpuProfile(
        await stopProfile(backend, profile.dir, profile.label),
      )
    : undefined;
  return {
    ...latencyStats(samples),
    throughput: total / seconds,
    cpuMsPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined
        ? (cpuAfter - cpuBefore) / total
        : undefined,
    profile: summary,
    profiledRequests: summary ? total : undefined,
  };
}

/**
 * A route's and its floor's concurrent runs, taken in turn (the order
 * swapped every round, so neither always runs on a warmer or busier
 * machine), and each summarised by its median round: a two-second burst on
 * two shared cores moves with whatever else ran in it, and one round's
 * verdict moved as much between runs as the changes it was to judge.
 */
async function concurrentPair(
  backend: Backend,
  token: string,
  route: PathFor,
  floor: PathFor,
  options: {
    clients: number;
    routeRequests: number;
    floorRequests: number;
    rounds: number;
    profile?: { dir: string; label: string };
  },
): Promise<{ route: ConcurrentFigures; floor: ConcurrentFigures }> {
  const routeRuns: ConcurrentFigures[] = [];
  const floorRuns: ConcurrentFigures[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Only the first round is profiled: the profiler's own cost stays out of the rest.
    const profile = round === 0 ? options.profile : undefined;
    const runRoute = async () =>
      routeRuns.push(
        await concurrent(
          backend,
          token,
          route,
          options.clients,
          options.routeRequests,
          profile,
        ),
      );
    const runFloor = async () =>
      floorRuns.push(
        await concurrent(
          backend,
          token,
          floor,
          options.clients,
          options.floorRequests,
          profile && { ...profile, label: `${profile.label}-floor` },
        ),
      );
    if (round % 2 === 0) {
      await runRoute();
      await runFloor();
    } else {
      await runFloor();
      await runRoute();
    }
  }
  return { route: medianRound(routeRuns), floor: medianRound(floorRuns) };
}

/** The median of each figure over the rounds; CPU per request over all of them. */
function medianRound(runs: readonly ConcurrentFigures[]): ConcurrentFigures {
  const median = (pick: (r: ConcurrentFigures) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? sorted[mid]
      : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const count = runs.reduce((sum, r) => sum + r.count, 0);
  const cpu = runs.every(r => r.cpuMsPerRequest !== undefined)
    ? runs.reduce((sum, r) => sum + r.cpuMsPerRequest! * r.count, 0) / count
    : undefined;
  return {
    count,
    p50: median(r => r.p50),
    p95: median(r => r.p95),
    mean: median(r => r.mean),
    max: Math.max(...runs.map(r => r.max)),
    throughput: median(r => r.throughput),
    cpuMsPerRequest: cpu,
    profile: runs[0].profile,
    profiledRequests: runs[0].profiledRequests,
    rounds: runs.length,
  };
}

const cpuCell = (c: ConcurrentFigures) =>
  c.cpuMsPerRequest === undefined ? 'n/a' : c.cpuMsPerRequest.toFixed(1);

/** Prints a route's and its floor's sampled CPU per request, part by part. */
function printProfiles(name: string, route: RouteFigures) {
  const r = route.concurrent.profile;
  const f = route.floorConcurrent.profile;
  if (!r || !f) return;
  const rn = route.concurrent.profiledRequests ?? route.concurrent.count;
  const fn =
    route.floorConcurrent.profiledRequests ?? route.floorConcurrent.count;
  const perRequest = (ms: number, n: number) => (ms / n).toFixed(2);
  const parts = [...new Set([...r.parts, ...f.parts].map(p => p.part))];
  console.log(
    `    CPU per request (sampled): ${perRequest(
      r.busyMs,
      rn,
    )} ms, floor ${perRequest(f.busyMs, fn)} ms`,
  );
  for (const part of parts) {
    const rm = r.parts.find(p => p.part === part)?.ms ?? 0;
    const fm = f.parts.find(p => p.part === part)?.ms ?? 0;
    console.log(
      `      ${part.padEnd(52)} ${perRequest(rm, rn).padStart(
        6,
      )}  floor ${perRequest(fm, fn)}`,
    );
  }
  console.log(`    ${name}: most self time`);
  for (const top of r.topSelf.slice(0, 15)) {
    console.log(`      ${perRequest(top.ms, rn).padStart(6)}  ${top.fn}`);
  }
}

async function measurePhase(
  backend: Backend,
  args: FullStackArgs,
  policy: PhaseResult['policy'],
  user: string,
  files: CatalogFiles,
): Promise<PhaseResult> {
  const { token, ownership } = await signIn(backend.url, user);
  const owned = new Set(
    ownership
      .filter(r => r.startsWith('group:default/'))
      .map(r => r.slice('group:default/'.length)),
  );
  const visible =
    policy === 'owner'
      ? files.agents.filter(a => owned.has(a.ownerTeam))
      : files.agents;
  const api = `/api/agent-risk`;
  const first = (await (
    await getOk(`${backend.url}${api}/agents?limit=50`, token)
  ).json()) as { totalCount?: number; nextCursor?: string; items: unknown[] };
  // The deepest page up to 100, reached by following cursors as a user would.
  let cursor: string | undefined;
  let depth = 1;
  for (let page = 1; page < 100; page++) {
    const body = (await (
      await getOk(
        `${backend.url}${api}/agents?limit=50${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
        token,
      )
    ).json()) as { nextCursor?: string };
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
    depth = page + 1;
  }
  const team = [...owned].sort()[0] ?? TEAM(0);
  const pick = (i: number) => visible[(i * 7919) % visible.length];
  const floor: PathFor = i => {
    const a = pick(i);
    return `/api/catalog/entities/by-name/${a.kind}/default/${a.name}`;
  };
  const routes: Array<[string, PathFor, { reference: true }?]> = [
    ['First page', () => `${api}/agents?limit=50`],
    [
      'Filtered (severity, lifecycle)',
      () => `${api}/agents?limit=50&severity=high&lifecycle=production`,
    ],
    [
      `Deep page (page ${depth})`,
      () =>
        `${api}/agents?limit=50${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
    ],
    ['Free text q', () => `${api}/agents?limit=50&q=ledger`],
    ['Summary', () => `${api}/summary`],
    [
      'Agent detail',
      i => {
        const a = pick(i);
        return `${api}/agents/${a.kind}/default/${a.name}`;
      },
    ],
    ['CSV (one team)', () => `${api}/agents.csv?owner=${team}`],
    // What the platform itself takes to answer with the same team's agents:
    // a list of about the same number of rows, where the floor is one entity.
    [
      'Catalog query, the same team (reference)',
      () =>
        `/api/catalog/entities/by-query?limit=500&fields=kind,metadata.name,metadata.namespace,metadata.title,spec&${[
          'AiResource',
          'Component',
        ]
          .map(
            kind =>
              `filter=${encodeURIComponent(
                `kind=${kind},relations.ownedBy=group:default/${team}`,
              )}`,
          )
          .join('&')}`,
      { reference: true },
    ],
  ];
  log(
    `${policy}, ${user}: ${visible.length} agents visible (API total ${
      first.totalCount ?? '?'
    }), deep page ${depth}`,
  );
  const figures: RouteFigures[] = [];
  for (const [name, route, kind] of routes) {
    await waitForQuiet(backend);
    const bytes = (
      await (await getOk(backend.url + route(0), token)).arrayBuffer()
    ).byteLength;
    const wireBytes = (await rawGet(backend.url + route(0), token)).body
      .byteLength;
    const seq = await sequentialPair(
      backend.url,
      token,
      route,
      floor,
      kind?.reference ? REFERENCE_REQUESTS : args.requests,
    );
    const label = `${policy}-${user}-${name}`.replace(/[^a-z0-9]+/gi, '-');
    const { route: conc, floor: floorConc } = await concurrentPair(
      backend,
      token,
      route,
      floor,
      {
        clients: args.concurrency,
        routeRequests: kind?.reference
          ? REFERENCE_REQUESTS
          : args.concurrentRequests,
        floorRequests: args.concurrentRequests,
        // The reference is context, and slow: one round.
        rounds: kind?.reference ? 1 : args.rounds,
        profile: args.profile ? { dir: args.profile, label } : undefined,
      },
    );
    figures.push({
      route: name,
      path: route(0),
      bytes,
      wireBytes,
      reference: kind?.reference,
      sequential: seq.route,
      floorSequential: seq.floor,
      concurrent: conc,
      floorConcurrent: floorConc,
    });
    log(
      `  ${name}: p50 ${seq.route.p50.toFixed(1)} / p95 ${seq.route.p95.toFixed(
        1,
      )} ms; floor p95 ${seq.floor.p95.toFixed(1)} ms; ×${(
        seq.route.p95 / seq.floor.p95
      ).toFixed(2)}; ${conc.throughput.toFixed(0)} req/s at ${
        args.concurrency
      } clients (floor ${floorConc.throughput.toFixed(0)}); CPU ${cpuCell(
        conc,
      )} ms/request (floor ${cpuCell(floorConc)})`,
    );
    printProfiles(name, figures[figures.length - 1]);
  }
  return { policy, user, visibleAgents: visible.length, routes: figures };
}

const SYNC_LINE =
  /Agent risk sync: (\d+) agents, (?:(\d+) unchanged, )?(\d+) written/;
/** The sync's own timing, in its log line since it reports one. */
const SYNC_TIMING = /; ([\d.]+) s, of which ([\d.]+) s reading the catalog/;

function syncTiming(line: string) {
  const m = SYNC_TIMING.exec(line);
  return m
    ? { seconds: Number(m[1]), catalogSeconds: Number(m[2]) }
    : undefined;
}

/** Triggers a sync and waits for its log line; returns its wall time and the line. */
async function timedSync(
  backend: Backend,
  token: string,
): Promise<{ seconds: number; line: string }> {
  const since = Date.now();
  const res = await fetch(`${backend.url}/api/agent-risk/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 202) {
    throw new Error(`POST /sync: ${res.status} ${await res.text()}`);
  }
  for (;;) {
    const hit = backend.lines.find(
      l => l.at >= since && SYNC_LINE.test(l.line),
    );
    if (hit) {
      return { seconds: (hit.at - since) / 1000, line: hit.line };
    }
    if (Date.now() - since > 30 * 60_000) {
      throw new Error('The sync did not finish within 30 minutes');
    }
    await sleep(100);
  }
}

/** Pages through the catalog as the sync does (same filter, fields, page size). */
async function timedCatalogRead(
  backend: Backend,
  token: string,
): Promise<{ seconds: number; count: number }> {
  const fields = AGENT_ENTITY_FIELDS.join(',');
  const start = performance.now();
  let cursor: string | undefined;
  let count = 0;
  do {
    const query = cursor
      ? `cursor=${encodeURIComponent(cursor)}`
      : `filter=kind=airesource,spec.type=agent&filter=kind=component,spec.type=ai-agent`;
    const body = (await (
      await getOk(
        `${backend.url}/api/catalog/entities/by-query?${query}&limit=200&fields=${fields}`,
        token,
      )
    ).json()) as { items: unknown[]; pageInfo: { nextCursor?: string } };
    count += body.items.length;
    cursor = body.pageInfo.nextCursor;
  } while (cursor);
  return { seconds: (performance.now() - start) / 1000, count };
}

async function agentCountInCatalog(backend: Backend, token: string) {
  const body = (await (
    await getOk(
      `${backend.url}/api/catalog/entities/by-query?filter=kind=airesource,spec.type=agent&filter=kind=component,spec.type=ai-agent&limit=1&fields=metadata.name`,
      token,
    )
  ).json()) as { totalItems: number };
  return body.totalItems;
}

/**
 * Edits one agent's annotation in its YAML file, asks the catalog to refresh
 * it, triggers a sync and waits until the API serves the new score.
 */
async function annotationToScore(
  backend: Backend,
  token: string,
  files: CatalogFiles,
): Promise<{ catalogSeconds: number; totalSeconds: number }> {
  const agent = files.agents[0];
  const ref = `${agent.kind}:default/${agent.name}`;
  const detailUrl = `${backend.url}/api/agent-risk/agents/${agent.kind}/default/${agent.name}`;
  const before = (await (await getOk(detailUrl, token)).json()) as {
    score: number | null;
    cvssBase: number | null;
  };
  const text = fs.readFileSync(agent.file, 'utf8');
  const docs = yaml.loadAll(text) as any[];
  const doc = docs.find(d => d.metadata.name === agent.name);
  const newBase = before.cvssBase === 9.9 ? '9.8' : '9.9';
  doc.metadata.annotations['aivss.owasp.org/cvss-base'] = newBase;
  delete doc.metadata.annotations['aivss.owasp.org/cvss-vector'];
  const start = performance.now();
  fs.writeFileSync(
    agent.file,
    docs.map(e => yaml.dump(e, { lineWidth: -1 })).join('---\n'),
  );
  const refresh = await fetch(`${backend.url}/api/catalog/refresh`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ entityRef: ref }),
  });
  if (!refresh.ok) {
    throw new Error(
      `catalog refresh: ${refresh.status} ${await refresh.text()}`,
    );
  }
  const entityUrl = `${backend.url}/api/catalog/entities/by-name/${agent.kind}/default/${agent.name}`;
  for (;;) {
    const e = (await (await getOk(entityUrl, token)).json()) as any;
    if (e.metadata.annotations['aivss.owasp.org/cvss-base'] === newBase) break;
    if (performance.now() - start > 600_000) {
      throw new Error('The catalog did not pick up the edit within 10 minutes');
    }
    await sleep(200);
  }
  const catalogSeconds = (performance.now() - start) / 1000;
  await timedSync(backend, token);
  for (;;) {
    const now = (await (await getOk(detailUrl, token)).json()) as {
      cvssBase: number | null;
    };
    if (String(now.cvssBase) === newBase) break;
    if (performance.now() - start > 900_000) {
      throw new Error('The API did not serve the new score within 15 minutes');
    }
    await sleep(200);
  }
  return {
    catalogSeconds,
    totalSeconds: (performance.now() - start) / 1000,
  };
}

// ---------------------------------------------------------------------------
// Report

interface FullStackResult {
  date: string;
  args: FullStackArgs;
  machine: string;
  postgres: string;
  load: { start: number; end: number };
  ingestSeconds: number;
  catalogEntities: number;
  fullSync: { seconds: number; line: string };
  noChangeSync: { seconds: number; line: string };
  catalogRead: { seconds: number; count: number };
  annotation: { catalogSeconds: number; totalSeconds: number };
  phases: PhaseResult[];
  minutes: number;
  resets: number;
}

const ms = (n: number) => n.toFixed(1);

function verdict(route: RouteFigures) {
  const ratio = route.sequential.p95 / route.floorSequential.p95;
  return { ratio, pass: ratio <= FLOOR_RATIO_TARGET };
}

/** Under load: throughput and p95 against the floor's, each with its target. */
function loadVerdict(route: RouteFigures) {
  const throughput =
    route.concurrent.throughput / route.floorConcurrent.throughput;
  const p95 = route.concurrent.p95 / route.floorConcurrent.p95;
  return {
    throughput,
    p95,
    pass: throughput >= THROUGHPUT_RATIO_TARGET && p95 <= FLOOR_RATIO_TARGET,
  };
}

/** The Target column: a verdict, or none for a reference route. */
const targetCell = (route: RouteFigures) =>
  route.reference ? 'reference' : verdict(route).pass ? 'PASS' : 'FAIL';

const loadTargetCell = (route: RouteFigures) =>
  route.reference ? 'reference' : loadVerdict(route).pass ? 'PASS' : 'FAIL';

function resultTable(r: FullStackResult): string {
  const rows = [
    '| Policy, user | Route | Body KB (sent) | p50 / p95 ms | Floor p50 / p95 ms | p95 ÷ floor | Target | 16 clients: req/s, p95 ms | Floor at 16: req/s, p95 ms | req/s ÷ floor, p95 ÷ floor | Target under load | CPU ms per request (floor) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const phase of r.phases) {
    for (const route of phase.routes) {
      const v = verdict(route);
      rows.push(
        `| ${phase.policy}, ${phase.user} (${
          phase.visibleAgents
        } agents visible) | ${route.route} | ${(route.bytes / 1024).toFixed(
          1,
        )}${
          route.wireBytes === undefined
            ? ''
            : ` (${(route.wireBytes / 1024).toFixed(1)})`
        } | ${ms(route.sequential.p50)} / ${ms(route.sequential.p95)} | ${ms(
          route.floorSequential.p50,
        )} / ${ms(route.floorSequential.p95)} | ${v.ratio.toFixed(
          2,
        )}× | ${targetCell(route)} | ${route.concurrent.throughput.toFixed(
          0,
        )}, ${ms(
          route.concurrent.p95,
        )} | ${route.floorConcurrent.throughput.toFixed(0)}, ${ms(
          route.floorConcurrent.p95,
        )} | ${loadVerdict(route).throughput.toFixed(2)}×, ${loadVerdict(
          route,
        ).p95.toFixed(2)}× | ${loadTargetCell(route)} | ${cpuCell(
          route.concurrent,
        )} (${cpuCell(route.floorConcurrent)}) |`,
      );
    }
  }
  return rows.join('\n');
}

function markdownSection(r: FullStackResult): string {
  const pluginWork = r.noChangeSync.seconds - r.catalogRead.seconds;
  const own = syncTiming(r.noChangeSync.line);
  const full = syncTiming(r.fullSync.line);
  const ownRows = own
    ? `| No-change sync as the sync measured itself: whole run / reading the catalog / its own work | ${own.seconds.toFixed(
        1,
      )} / ${own.catalogSeconds.toFixed(1)} / ${(
        own.seconds - own.catalogSeconds
      ).toFixed(1)} |
${
  full
    ? `| Full sync as the sync measured itself: whole run / reading the catalog / its own work | ${full.seconds.toFixed(
        1,
      )} / ${full.catalogSeconds.toFixed(1)} / ${(
        full.seconds - full.catalogSeconds
      ).toFixed(1)} |
`
    : ''
}`
    : '';
  return `${MARK_START}

## Full stack (\`npm run bench -- --full-stack\`)

Generated by \`npm run bench -- --full-stack\` (\`test/load/fullStack.ts\`);
re-run it rather than editing by hand.

|                      |                                                                            |
| -------------------- | -------------------------------------------------------------------------- |
| Date                 | ${r.date} |
| Machine              | ${r.machine} |
| PostgreSQL           | ${r.postgres} |
| Load average (1 min) | ${r.load.start.toFixed(
    2,
  )} at the start, ${r.load.end.toFixed(2)} at the end (on ${
    os.cpus().length
  } CPUs) |
| Agents               | ${r.args.agents} (plus ${
    r.catalogEntities - r.args.agents
  } other entities: groups, users, systems, APIs, services) |
| Requests             | ${
    r.args.requests
  } sequential per route (interleaved with the floor), then ${
    r.args.rounds
  } rounds of ${r.args.concurrentRequests} from ${
    r.args.concurrency
  } concurrent clients, the route's and the floor's in turn (median round reported) |

The run took ${r.minutes.toFixed(1)} minutes.

### Catalog and sync

| What | Seconds |
| --- | --- |
| Ingestion by the catalog (backend ready → all ${
    r.args.agents
  } agents served) | ${r.ingestSeconds.toFixed(1)} |
| First full sync (trigger → log line) | ${r.fullSync.seconds.toFixed(1)} |
| No-change sync (trigger → log line) | ${r.noChangeSync.seconds.toFixed(1)} |
| … of which reading the catalog (the same pages, fields and filter, read over HTTP) | ${r.catalogRead.seconds.toFixed(
    1,
  )} |
| … of which the plugin's own work (the difference) | ${
    pluginWork >= 0
      ? pluginWork.toFixed(1)
      : 'n/a: the external read took longer than the whole sync (load noise)'
  } |
${ownRows}| Annotation edited in YAML → catalog serves it (refresh of the entity) | ${r.annotation.catalogSeconds.toFixed(
    1,
  )} |
| Annotation edited in YAML → new score in the API (with a triggered sync) | ${r.annotation.totalSeconds.toFixed(
    1,
  )} |

### Routes against the platform floor

The floor is the catalog's own \`GET /api/catalog/entities/by-name/…\` for a
visible agent, with the same token, timed interleaved with the route.
Targets: every route's p95 ≤ ${FLOOR_RATIO_TARGET} × the floor's p95, one
request at a time; and with ${
    r.args.concurrency
  } clients at once, every route serves ≥ ${THROUGHPUT_RATIO_TARGET} × the
floor's requests per second at a p95 ≤ ${FLOOR_RATIO_TARGET} × the floor's
p95 under the same load. "CPU ms per request" is the backend process's own
CPU time (user + system, from /proc) over the ${
    r.args.concurrency
  }-client runs, divided by their requests: what throughput on a shared
machine comes down to. Each concurrent figure is the median of ${
    r.args.rounds
  } rounds, the route's and the floor's taken in turn, the order swapped
every round.

${resultTable(r)}

### Method and caveats

- The backend is \`test/load/fullstack/backend.ts\`: the example backend's
  catalog, auth, permission and Agent Risk plugins in their own Node process
  (\`NODE_ENV=development\`, the TypeScript transform as \`yarn start\` uses),
  on a fresh PostgreSQL database per run (dropped at the end). The catalog
  reads the generated YAML from a file location; syncs run only when the
  benchmark triggers them (\`POST /api/agent-risk/sync\`), so each is timed
  alone.
- Users sign in through the auth backend: \`guest\` through the guest provider,
  generated users through a benchmark-only provider that trusts a header.
  Each user is a member of two generated teams; the \`owner\` policy lets them
  read only what those teams own (a conditional catalog decision, which Agent
  Risk resolves to the visible refs and applies to every query).
- Before each route the benchmark waits until the backend has been idle for a
  second (what a sync or a restart leaves running must not land on the route
  timed next), and the catalog re-processes entities only once an hour
  (\`catalog.processingInterval\`): new ones and explicit refreshes at once,
  as always, but no re-reading of all the YAML during a timed run.
- Times are measured by a client on the same machine (Node's \`http\`,
  keep-alive, gzip accepted as a browser does), body read to the end as it
  comes over the wire and not decompressed, as load generators such as wrk
  or autocannon read it: decompressing on the shared cores would cost the
  backend CPU in proportion to the body's size. "Body KB" is decompressed,
  with what was sent in brackets. This machine has ${
    os.cpus().length
  } cores shared with other work
  (other builds and tests may have been running; see the load average): the
  client, the backend and PostgreSQL compete for them, which inflates tails and
  the concurrent figures. The ratio to the floor is the figure to compare
  between runs; absolute times are not.
- A sync's wall time from outside (trigger → its log line) includes the
  scheduler noticing the trigger (it polls for due tasks every few seconds).
  "The plugin's own work" is first estimated as that time minus an external
  read of the same catalog pages; where the sync logs its own split (run time
  and time spent reading the catalog), that split is shown too and is the
  better figure.
- ${r.resets} request(s) failed with a connection reset (the client's, or a
  500 naming ECONNRESET from the backend's own call to another plugin, a
  keep-alive race that load makes likelier) and were sent again once; their
  time includes the failed attempt.
- The CSV route exports one team's agents (about ${Math.round(
    r.args.agents / 200,
  )} rows); an export of every agent is a download, not a page, and is not
  compared with the floor.
- The row marked "reference" is not a target: it is the catalog's own
  \`GET /entities/by-query\` for the same team's agents (their names, titles
  and specs), with the same token. It shows what the platform takes for an
  answer of many rows, where the floor is a single entity. It is timed with
  ${REFERENCE_REQUESTS} sequential and ${REFERENCE_REQUESTS} concurrent requests, as each takes
  far longer than the routes. Responses are
  compressed by the backend's root router (gzip), so larger bodies also
  cost compression; "Body KB" is the size before compression.

${MARK_END}
`;
}

/** Puts the full-stack section into docs/benchmarks.md, keeping the rest. */
function writeSection(outFile: string, section: string) {
  const existing = fs.existsSync(outFile)
    ? fs.readFileSync(outFile, 'utf8')
    : '';
  const start = existing.indexOf(MARK_START);
  const end = existing.indexOf(MARK_END);
  const next =
    start >= 0 && end > start
      ? existing.slice(0, start) +
        section.trim() +
        existing.slice(end + MARK_END.length)
      : `${existing.trimEnd()}\n\n${section.trim()}\n`;
  let formatted = next;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const prettier = require('prettier');
    formatted = prettier.format(next, {
      ...require('@backstage/cli/config/prettier'),
      parser: 'markdown',
    });
  } catch {
    // unformatted is still correct Markdown
  }
  fs.writeFileSync(outFile, formatted);
}

// ---------------------------------------------------------------------------

async function dropDatabases(prefix: string) {
  const client = new Client({
    host: POSTGRES.host,
    port: POSTGRES.port,
    user: POSTGRES.user,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const row of rows) {
      await client.query(
        `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Every route under both policies: allow-all as the guest on the running
 * backend, then the owner policy (a restarted backend) as user-017 and as
 * the guest.
 */
async function measurePhases(
  first: Backend,
  args: FullStackArgs,
  files: CatalogFiles,
  port: number,
  prefix: string,
  replaced: (backend: Backend) => void,
): Promise<PhaseResult[]> {
  const phases = [await measurePhase(first, args, 'allow-all', 'guest', files)];
  await first.stop();
  const backend = await startBackend({
    port,
    databasePrefix: prefix,
    policy: 'owner',
    locationFile: files.locationFile,
    fresh: false,
    profileDir: args.profile,
  });
  replaced(backend);
  // A sync now, so none starts during the measurements.
  await timedSync(backend, (await signIn(backend.url, 'guest')).token);
  phases.push(await measurePhase(backend, args, 'owner', USER(17), files));
  phases.push(await measurePhase(backend, args, 'owner', 'guest', files));
  return phases;
}

export async function fullStackMain(argv: string[]) {
  const args = parseFullStackArgs(argv);
  const port = args.port ?? (await freePort());
  const started = Date.now();
  const pg = await postgresVersion();
  if (!pg) {
    throw new Error(
      'PostgreSQL does not answer on 127.0.0.1:5432 (user postgres)',
    );
  }
  const cpus = os.cpus();
  const load = { start: os.loadavg()[0], end: 0 };
  const prefix = `agent_risk_fullstack_${process.pid}_`;
  log(`writing ${args.agents} agents as YAML`);
  const files = writeCatalogFiles(args.agents);
  const catalogEntities =
    files.agents.length +
    Math.round(args.agents * 0.05) +
    files.teams * 2 +
    1 +
    files.systems +
    1;
  let backend: Backend | undefined;
  const cleanup = async () => {
    await backend?.stop();
    await dropDatabases(prefix).catch(() => {});
    fs.rmSync(files.dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      backend?.child.kill('SIGKILL');
      dropDatabases(prefix).finally(() => process.exit(130));
    });
  }
  try {
    backend = await startBackend({
      port,
      databasePrefix: prefix,
      policy: 'allow-all',
      locationFile: files.locationFile,
      fresh: true,
      profileDir: args.profile,
    });
    const readyAt = performance.now();
    const guest = await signIn(backend.url, 'guest');
    for (;;) {
      const n = await agentCountInCatalog(backend, guest.token);
      if (n >= files.agents.length) break;
      if (performance.now() - readyAt > 60 * 60_000) {
        throw new Error(`Only ${n} agents ingested after an hour`);
      }
      await sleep(2000);
    }
    const ingestSeconds = (performance.now() - readyAt) / 1000;
    log(
      `catalog ingested ${
        files.agents.length
      } agents in ${ingestSeconds.toFixed(1)} s`,
    );
    const fullSync = await timedSync(backend, guest.token);
    log(`full sync ${fullSync.seconds.toFixed(1)} s: ${fullSync.line}`);
    if (args.routesOnly) {
      await measurePhases(backend, args, files, port, prefix, b => {
        backend = b;
      });
      return;
    }
    const noChangeSync = await timedSync(backend, guest.token);
    log(
      `no-change sync ${noChangeSync.seconds.toFixed(1)} s: ${
        noChangeSync.line
      }`,
    );
    const catalogRead = await timedCatalogRead(backend, guest.token);
    log(
      `catalog read alone ${catalogRead.seconds.toFixed(1)} s (${
        catalogRead.count
      } agents)`,
    );
    const annotation = await annotationToScore(backend, guest.token, files);
    log(
      `annotation → catalog ${annotation.catalogSeconds.toFixed(
        1,
      )} s, → API ${annotation.totalSeconds.toFixed(1)} s`,
    );

    const phases = await measurePhases(
      backend,
      args,
      files,
      port,
      prefix,
      b => {
        backend = b;
      },
    );
    load.end = os.loadavg()[0];

    const result: FullStackResult = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      args,
      machine: `${cpus.length} × ${cpus[0]?.model.trim()}, ${(
        os.totalmem() /
        1024 ** 3
      ).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
      postgres: pg.split(' on ')[0],
      load,
      ingestSeconds,
      catalogEntities,
      fullSync,
      noChangeSync,
      catalogRead,
      annotation,
      phases,
      minutes: (Date.now() - started) / 60_000,
      resets,
    };
    console.log(`\n${resultTable(result)}\n`);
    console.log('Targets:');
    for (const phase of phases) {
      for (const route of phase.routes.filter(r => !r.reference)) {
        const v = verdict(route);
        console.log(
          `  ${v.pass ? 'PASS' : 'FAIL'}  ${phase.policy}, ${phase.user}: ${
            route.route
          } p95 ${ms(
            route.sequential.p95,
          )} ms ≤ ${FLOOR_RATIO_TARGET} × floor ${ms(
            route.floorSequential.p95,
          )} ms (${v.ratio.toFixed(2)}×)`,
        );
        const l = loadVerdict(route);
        console.log(
          `  ${l.pass ? 'PASS' : 'FAIL'}  ${phase.policy}, ${phase.user}: ${
            route.route
          } at ${
            args.concurrency
          } clients: ${route.concurrent.throughput.toFixed(
            0,
          )} req/s ≥ ${THROUGHPUT_RATIO_TARGET} × floor ${route.floorConcurrent.throughput.toFixed(
            0,
          )} (${l.throughput.toFixed(2)}×), p95 ${ms(
            route.concurrent.p95,
          )} ms ≤ ${FLOOR_RATIO_TARGET} × floor ${ms(
            route.floorConcurrent.p95,
          )} ms (${l.p95.toFixed(2)}×)`,
        );
      }
    }
    fs.writeFileSync(
      path.join(os.tmpdir(), `agent-risk-fullstack-${process.pid}.json`),
      JSON.stringify(result, null, 2),
    );
    if (args.out) {
      writeSection(path.resolve(ROOT, args.out), markdownSection(result));
      console.log(`\nWrote ${args.out}`);
    }
  } finally {
    await cleanup();
  }
}
