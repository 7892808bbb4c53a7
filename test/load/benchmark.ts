/*
 * Load benchmark of the Agent Risk backend: sync, ranking API, summary and
 * detail at 10 000 and 100 000 agents, on SQLite and PostgreSQL, against the
 * naive "score the whole catalog per request" approach. Each database and
 * size runs in its own child process, so peak memory is per run and one
 * failure does not hide the others. See docs/benchmarks.md.
 */
import { fork } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseArgs, USAGE } from './lib/args';
import {
  DatabaseKind,
  dropPostgresDatabase,
  postgresVersion,
  removeSqliteDirsOf,
  sqliteVersion,
} from './lib/databases';
import { checkTargets, Environment, runTitle, TARGETS } from './lib/report';
import { markdownReport, consoleReport } from './lib/markdown';
import { RunConfig, RunResult, runBenchmark } from './lib/run';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(__dirname, 'bench.js');

/** Generous per-run limits: the whole benchmark should stay under ~15 minutes. */
const runTimeoutMs = (config: RunConfig) =>
  Math.max(
    120_000,
    (config.size / 100_000) * (540_000 + config.memorySyncs * 60_000),
  );

/** What a child run sends back (the Node transform sends messages of its own). */
interface ChildMessage {
  type: 'agent-risk-bench';
  result?: RunResult;
  error?: string;
}

const isChildMessage = (m: unknown): m is ChildMessage =>
  (m as ChildMessage)?.type === 'agent-risk-bench';

async function childMain(argv: string[]) {
  const args = parseArgs(argv);
  const config: RunConfig = {
    db: args.dbs[0],
    size: args.sizes[0],
    requests: args.requests,
    naiveRequests: args.naiveRequests,
    memorySyncs: args.memorySyncs,
  };
  let message: ChildMessage;
  try {
    message = { type: 'agent-risk-bench', result: await runBenchmark(config) };
  } catch (error) {
    message = {
      type: 'agent-risk-bench',
      error: String((error as Error)?.stack ?? error),
    };
  }
  // Exit once the parent has the message: idle keep-alive sockets must not hold the run open.
  process.send!(message, () => process.exit(0));
}

function runInChild(config: RunConfig): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = fork(
      ENTRY,
      [
        '--child',
        '--db',
        config.db,
        '--sizes',
        String(config.size),
        '--requests',
        String(config.requests),
        '--naive-requests',
        String(config.naiveRequests),
        '--memory-syncs',
        String(config.memorySyncs),
      ],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    let message: ChildMessage | undefined;
    const timer = setTimeout(() => {
      message = {
        type: 'agent-risk-bench',
        error: `timed out after ${runTimeoutMs(config) / 1000} s`,
      };
      child.kill('SIGKILL');
    }, runTimeoutMs(config));
    child.on('message', m => {
      if (isChildMessage(m)) {
        message = message ?? m;
      }
    });
    child.on('close', async code => {
      clearTimeout(timer);
      // A child that died early cannot have cleaned up after itself.
      removeSqliteDirsOf(child.pid!);
      if (config.db === 'postgres') {
        await dropPostgresDatabase().catch(() => {});
      }
      if (message?.result) {
        resolve(message.result);
      } else {
        reject(new Error(message?.error ?? `the run exited with code ${code}`));
      }
    });
  });
}

/** Formats the report the way the repo's `prettier --check .` expects (aligned tables). */
function formatMarkdown(markdown: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const prettier = require('prettier');
    return prettier.format(markdown, {
      ...require('@backstage/cli/config/prettier'),
      parser: 'markdown',
    });
  } catch {
    return markdown;
  }
}

async function main(argv: string[]) {
  const args = parseArgs(argv);
  const started = Date.now();
  const cpus = os.cpus();
  const pg = args.dbs.includes('postgres')
    ? await postgresVersion()
    : undefined;
  const notes: string[] = [];
  let dbs: DatabaseKind[] = args.dbs;
  if (args.dbs.includes('postgres') && !pg) {
    const note =
      'PostgreSQL did not answer on 127.0.0.1:5432 (user postgres, trust auth): skipped.';
    console.log(`NOTE: ${note}`);
    notes.push(note);
    dbs = dbs.filter(d => d !== 'postgres');
  }
  const env: Environment = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(
      ' ',
    ),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: os.totalmem() / 1024 ** 3,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: sqliteVersion(),
    postgres: pg ?? 'not run',
    loadAverage: { start: os.loadavg()[0], end: os.loadavg()[0] },
  };
  console.log(
    `Agent Risk benchmark: ${dbs.join(', ')} × ${args.sizes.join(
      ', ',
    )} agents; ${env.cpuCount} × ${env.cpuModel}, Node ${env.node}`,
  );

  const results: RunResult[] = [];
  const failures: string[] = [];
  for (const db of dbs) {
    for (const size of args.sizes) {
      const config = {
        db,
        size,
        requests: args.requests,
        naiveRequests: args.naiveRequests,
        memorySyncs: args.memorySyncs,
      };
      console.log(`\n▶ ${db}, ${size} agents`);
      try {
        const result = await runInChild(config);
        results.push(result);
        console.log(`\n${consoleReport(result)}`);
      } catch (error) {
        const line = `${db} at ${size} agents failed: ${
          (error as Error).message
        }`;
        console.error(`✗ ${line}`);
        failures.push(line);
      }
    }
  }

  const minutes = (Date.now() - started) / 60_000;
  env.loadAverage.end = os.loadavg()[0];
  const markdown = markdownReport({ env, results, notes, failures, minutes });
  if (args.out) {
    const out = path.resolve(ROOT, args.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // Kept as they are: the full-stack section (another run writes it) and
    // the findings written by hand about the figures.
    const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    const kept = ['findings', 'full-stack']
      .map(name =>
        previous.match(
          new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`),
        ),
      )
      .flatMap(found => (found ? [found[0]] : []));
    fs.writeFileSync(
      out,
      formatMarkdown([markdown.trimEnd(), ...kept].join('\n\n').concat('\n')),
    );
    console.log(`\nWrote ${path.relative(ROOT, out)}`);
  }

  console.log('\nTargets:');
  for (const r of results) {
    const tag = r.config.size === TARGETS.size ? '' : ' (reference size)';
    for (const c of checkTargets(r)) {
      console.log(
        `  ${c.pass ? 'PASS' : 'FAIL'}  ${runTitle(r)}${tag}: ${c.target} — ${
          c.measured
        }`,
      );
    }
  }
  console.log(`\nDone in ${minutes.toFixed(1)} min.`);
  // Missed targets print FAIL; only a broken run fails the command.
  process.exitCode = failures.length > 0 ? 1 : 0;
}

const argv = process.argv.slice(2);
(argv.includes('--child') ? childMain(argv) : main(argv)).catch(error => {
  const message = String((error as Error)?.message ?? error);
  console.error(message === USAGE ? message : `Benchmark failed: ${message}`);
  process.exitCode = message === USAGE ? 0 : 1;
});
