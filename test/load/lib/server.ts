import http from 'http';
import { AddressInfo } from 'net';
import express from 'express';
import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AgentRiskAccess,
  AgentRiskBackendOptions,
  AgentRiskService,
  AgentRiskSync,
  AgentVisibilityResolver,
  createRouter,
  GroupTreeResolver,
  TrendService,
} from '@agent-risk/plugin-agent-risk-backend/testUtils';

/** A logger that drops everything but errors: the benchmark prints its own output. */
export const quietLogger: LoggerService = {
  error: (message, meta) => console.error(message, meta ?? ''),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

const credentialsOf = (
  principal: Record<string, string>,
): BackstageCredentials =>
  ({ $$type: '@backstage/BackstageCredentials', principal } as any);

export const userCredentials = credentialsOf({
  type: 'user',
  userEntityRef: 'user:default/benchmark',
});
export const serviceCredentials = credentialsOf({
  type: 'service',
  subject: 'plugin:agent-risk',
});

/** Every request is the same signed-in user. */
const httpAuth: HttpAuthService = {
  credentials: async () => userCredentials as any,
  issueUserCookie: async () => ({ expiresAt: new Date(Date.now() + 3600e3) }),
};

/** A permission policy that allows everything, including catalog reads (so visibility is "all"). */
const allowAll: PermissionsService = {
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
};

const idleScheduler = {
  triggerTask: async () => {},
} as unknown as SchedulerService;

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Mounts the plugin's real router (real service, real access checks with an
 * allow-all policy) on an express app on 127.0.0.1, on a random port.
 */
export async function startServer(options: {
  service: AgentRiskService;
  trends: TrendService;
  sync: AgentRiskSync;
  catalog: CatalogService;
  backendOptions: AgentRiskBackendOptions;
}): Promise<RunningServer> {
  const access = new AgentRiskAccess(
    allowAll,
    new AgentVisibilityResolver({
      permissions: allowAll,
      catalog: options.catalog,
      agentSelectors: options.backendOptions.agentSelectors,
    }),
  );
  const router = await createRouter({
    httpAuth,
    access,
    service: options.service,
    trends: options.trends,
    groups: new GroupTreeResolver({
      catalog: options.catalog,
      auth: {
        getOwnServiceCredentials: async () => serviceCredentials,
      } as unknown as AuthService,
    }),
    sync: options.sync,
    scheduler: idleScheduler,
    logger: quietLogger,
  });
  const middleware = MiddlewareFactory.create({
    config: new ConfigReader({}),
    logger: quietLogger,
  });
  const app = express();
  app.use('/api/agent-risk', router);
  app.use(middleware.error());

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/agent-risk`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
