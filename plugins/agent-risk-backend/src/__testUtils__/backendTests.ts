import request from 'supertest';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { createTestDatabases } from './databases';
import { sampleCatalog } from './entities';
import {
  AgentRiskMcpTestBackend,
  AgentRiskTestBackend,
  AgentRiskTestBackendOptions,
  startAgentRiskMcpTestBackend,
  startAgentRiskTestBackend,
  syncNow,
  userAuth,
} from './testBackend';

/** How a test starts the plugin: anything of the backend's options, and whether to sync first. */
export type StartOptions = Partial<
  Omit<AgentRiskTestBackendOptions, 'databases' | 'databaseId'>
> & {
  /** Run one sync before the backend is returned (default true). */
  sync?: boolean;
};

/** What the tests on one database share. */
export interface DatabaseTests {
  /** The plugin on this database, the sample catalog unless `entities`, synced once unless `sync: false`. */
  start(options?: StartOptions): Promise<AgentRiskTestBackend>;
  /** The same behind the MCP actions backend (the real actions registry), not synced. */
  startMcp(
    options?: Omit<StartOptions, 'sync'>,
  ): Promise<AgentRiskMcpTestBackend>;
  /** `GET /api/agent-risk<path>` as a signed-in user, the guest unless named. */
  get(backend: { server: any }, path: string, user?: string): request.Test;
}

/**
 * The set-up every backend test file starts with: the Jest timeout (a
 * backend start and a sync on PostgreSQL take seconds), the databases
 * (SQLite always, PostgreSQL when it answers) and, per database, how to
 * start the plugin. Call it once at the top of a test file:
 *
 *     const tests = setUpBackendTests();
 *     describe.each(tests.databaseIds)('… on %p', databaseId => {
 *       const { start, get } = tests.on(databaseId);
 */
export function setUpBackendTests(options: { timeoutMs?: number } = {}): {
  databases: TestDatabases;
  /** For `describe.each`: each database the tests run on. */
  databaseIds: Array<[TestDatabaseId]>;
  on(databaseId: TestDatabaseId): DatabaseTests;
} {
  jest.setTimeout(options.timeoutMs ?? 60_000);
  const databases = createTestDatabases();
  return {
    databases,
    databaseIds: databases.eachSupportedId(),
    on: databaseId => ({
      async start({ sync = true, ...backendOptions } = {}) {
        const backend = await startAgentRiskTestBackend({
          databases,
          databaseId,
          ...backendOptions,
          entities: backendOptions.entities ?? sampleCatalog(),
        });
        if (sync) {
          await syncNow(backend);
        }
        return backend;
      },
      startMcp: (backendOptions = {}) =>
        startAgentRiskMcpTestBackend({
          databases,
          databaseId,
          ...backendOptions,
          entities: backendOptions.entities ?? sampleCatalog(),
        }),
      get: (backend, path, user) =>
        request(backend.server)
          .get(`/api/agent-risk${path}`)
          .set('Authorization', userAuth(user)),
    }),
  };
}
