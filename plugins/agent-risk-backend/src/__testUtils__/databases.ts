import { spawnSync } from 'child_process';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING';

/** True when something answers on 127.0.0.1:5432 (checked synchronously, as Jest collects tests). */
function localPostgresAnswers(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `require('net').connect(5432, '127.0.0.1')
        .on('connect', () => process.exit(0))
        .on('error', () => process.exit(1));`,
    ],
    { timeout: 3000 },
  );
  return probe.status === 0;
}

/**
 * SQLite always; PostgreSQL too when a server answers locally (user
 * `postgres`, trust auth) or a connection string is already set. Never
 * starts Docker.
 */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  if (!process.env[POSTGRES_ENV] && localPostgresAnswers()) {
    process.env[POSTGRES_ENV] = 'postgresql://postgres@127.0.0.1:5432';
  }
  if (process.env[POSTGRES_ENV]) {
    ids.push('POSTGRES_16');
  } else if (process.env.AGENT_RISK_REQUIRE_POSTGRES === 'true') {
    // Set by test:all and test:resilience, so CI never passes on SQLite alone.
    throw new Error(
      'AGENT_RISK_REQUIRE_POSTGRES is set but PostgreSQL does not answer on 127.0.0.1:5432',
    );
  }
  return TestDatabases.create({ ids, disableDocker: true });
}
