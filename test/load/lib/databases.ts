import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';

/** The few members of pg's Client used here (the repo has no @types/pg). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Client } = require('pg') as {
  Client: new (config: Record<string, unknown>) => PgClient;
};

export type DatabaseKind = 'sqlite' | 'postgres';

/** Temporary SQLite directories are named `<prefix><pid>-…`, so a parent can clean up after a killed child. */
export const SQLITE_DIR_PREFIX = 'agent-risk-bench-';

export const POSTGRES = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  database: 'agent_risk_bench',
} as const;

/** A fresh, empty database for one run, and how to throw it away. */
export interface BenchDatabase {
  kind: DatabaseKind;
  knex: Knex;
  /** Where the data lives, for the report. */
  description: string;
  dispose(): Promise<void>;
}

function adminClient(): PgClient {
  return new Client({
    host: POSTGRES.host,
    port: POSTGRES.port,
    user: POSTGRES.user,
    database: 'postgres',
    connectionTimeoutMillis: 3000,
  });
}

/** The server's `SELECT version()`, or undefined when nothing answers. */
export async function postgresVersion(): Promise<string | undefined> {
  const client = adminClient();
  try {
    await client.connect();
    const { rows } = await client.query('SELECT version() AS version');
    return String(rows[0].version);
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops the benchmark database if a previous run left it behind. */
export async function dropPostgresDatabase(): Promise<void> {
  const client = adminClient();
  try {
    await client.connect();
    await client.query(
      `DROP DATABASE IF EXISTS ${POSTGRES.database} WITH (FORCE)`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export function sqliteVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Sqlite = require('better-sqlite3');
  const db = new Sqlite(':memory:');
  try {
    return String(db.prepare('SELECT sqlite_version() AS v').get().v);
  } finally {
    db.close();
  }
}

async function openSqlite(): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), `${SQLITE_DIR_PREFIX}${process.pid}-`),
  );
  const filename = path.join(dir, 'agent-risk.sqlite');
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  return {
    kind: 'sqlite',
    knex,
    description: `better-sqlite3, temporary file ${filename}`,
    async dispose() {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<BenchDatabase> {
  await dropPostgresDatabase();
  const admin = adminClient();
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${POSTGRES.database}`);
  } finally {
    await admin.end();
  }
  const knex = knexFactory({
    client: 'pg',
    connection: {
      host: POSTGRES.host,
      port: POSTGRES.port,
      user: POSTGRES.user,
      database: POSTGRES.database,
    },
  });
  return {
    kind: 'postgres',
    knex,
    description: `PostgreSQL ${POSTGRES.host}:${POSTGRES.port}, fresh database ${POSTGRES.database}`,
    async dispose() {
      await knex.destroy();
      await dropPostgresDatabase();
    },
  };
}

export function openDatabase(kind: DatabaseKind): Promise<BenchDatabase> {
  return kind === 'sqlite' ? openSqlite() : openPostgres();
}

/** Removes the temporary SQLite directories a (killed) child process left behind. */
export function removeSqliteDirsOf(pid: number): void {
  const prefix = `${SQLITE_DIR_PREFIX}${pid}-`;
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (name.startsWith(prefix)) {
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}
