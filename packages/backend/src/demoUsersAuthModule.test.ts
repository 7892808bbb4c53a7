import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import demoUsersAuthModule, {
  DEMO_USER_HEADER,
  demoUsersAuthenticator,
  isDirectLoopbackRequest,
} from './demoUsersAuthModule';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The example backend's auth and catalog, with the config files `npm start`
 * would load, the catalog reading only examples/org.yaml, so the demo
 * sign-in resolves real example users.
 */
async function startWithConfigFiles(files: string[]) {
  // In-memory databases instead of the base config's .data/sqlite.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-users-test-'));
  tempDirs.push(dir);
  const memoryDb = path.join(dir, 'database.yaml');
  // Only the example org: the users are all the sign-in needs, and the whole
  // example catalog takes over a minute to ingest on a busy machine.
  fs.writeFileSync(
    memoryDb,
    [
      'backend:',
      '  database:',
      '    client: better-sqlite3',
      '    connection: ":memory:"',
      'catalog:',
      '  locations:',
      '    - type: file',
      `      target: ${JSON.stringify(path.join(ROOT, 'examples/org.yaml'))}`,
      '',
    ].join('\n'),
  );
  const previous = process.env.NODE_ENV;
  // As under npm start; the provider reads it once, at start.
  process.env.NODE_ENV = 'development';
  try {
    const backend = await startTestBackend({
      features: [
        rootConfigServiceFactory({
          argv: [...files.map(f => path.join(ROOT, f)), memoryDb].flatMap(f => [
            '--config',
            f,
          ]),
          watch: false,
        }),
        authPlugin,
        demoUsersAuthModule,
        catalogPlugin,
      ],
    });
    return backend.server;
  } finally {
    process.env.NODE_ENV = previous;
  }
}

/** GET the demo refresh through a given local address of this machine. */
function demoRefresh(
  port: number,
  host: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          host,
          port,
          path: '/api/auth/demo-users/refresh',
          headers: {
            'x-requested-with': 'XMLHttpRequest',
            [DEMO_USER_HEADER]: 'erin',
            ...headers,
          },
        },
        res => {
          let text = '';
          res.on('data', chunk => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              body: text ? JSON.parse(text) : undefined,
            }),
          );
        },
      )
      .on('error', reject);
  });
}

/** This machine's non-loopback IPv4 addresses (none on some CI runners). */
function externalAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter(i => i && i.family === 'IPv4' && !i.internal)
    .map(i => i!.address);
}

describe('the demo sign-in of the example backend', () => {
  it('is not there with the base app-config.yaml: anyone asking gets no token', async () => {
    const server = await startWithConfigFiles(['app-config.yaml']);
    const res = await demoRefresh(server.port(), '127.0.0.1');
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toMatch(/backstageIdentity|token/);
  });

  it('signs in as an example user with app-config.demo-users.yaml, from this machine only', async () => {
    const server = await startWithConfigFiles([
      'app-config.yaml',
      'app-config.demo-users.yaml',
    ]);
    const port = server.port();
    // The catalog ingests the example org shortly after start.
    let local = await demoRefresh(port, '127.0.0.1');
    for (let i = 0; i < 90 && local.status !== 200; i++) {
      await new Promise(r => setTimeout(r, 1000));
      local = await demoRefresh(port, '127.0.0.1');
    }
    expect(local.status).toBe(200);
    expect(local.body.backstageIdentity.identity).toMatchObject({
      userEntityRef: 'user:default/erin',
      ownershipEntityRefs: expect.arrayContaining(['group:default/security']),
    });

    // Through a proxy on this machine every caller would look local.
    const proxied = await demoRefresh(port, '127.0.0.1', {
      'x-forwarded-for': '203.0.113.9',
    });
    expect(proxied.status).toBe(403);
    expect(proxied.body.error.message).toMatch(
      /only requests from this machine/,
    );

    // From another interface of this machine: what a caller on the network
    // reaches (the test backend listens on every interface).
    const remotes = await Promise.all(
      externalAddresses().map(address => demoRefresh(port, address)),
    );
    expect(remotes.map(r => [r.status, r.body.error.message])).toEqual(
      remotes.map(() => [
        403,
        expect.stringMatching(/only requests from this machine/),
      ]),
    );
  });
});

describe('the demo sign-in authenticator', () => {
  const request = (
    remoteAddress: string,
    headers: Record<string, string> = {},
  ) =>
    ({
      socket: { remoteAddress },
      header: (name: string) =>
        ({ [DEMO_USER_HEADER]: 'erin', ...headers }[name.toLowerCase()]),
    } as any);
  const initialize = (config: object, nodeEnv: string) => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = nodeEnv;
    try {
      return demoUsersAuthenticator.initialize({
        config: mockServices.rootConfig({ data: config as any }),
      });
    } finally {
      process.env.NODE_ENV = previous;
    }
  };

  it('takes direct loopback peers only', () => {
    for (const address of [
      '127.0.0.1',
      '127.0.1.1',
      '::1',
      '::ffff:127.0.0.1',
    ]) {
      expect([address, isDirectLoopbackRequest(request(address))]).toEqual([
        address,
        true,
      ]);
    }
    for (const address of [
      '10.0.0.5',
      '192.168.1.2',
      '::ffff:10.0.0.5',
      'fe80::1',
      '',
    ]) {
      expect([address, isDirectLoopbackRequest(request(address))]).toEqual([
        address,
        false,
      ]);
    }
    expect(
      isDirectLoopbackRequest(
        request('127.0.0.1', { forwarded: 'for=1.2.3.4' }),
      ),
    ).toBe(false);
  });

  it('refuses unless its config enables it and the backend runs in development', async () => {
    const local = request('127.0.0.1');
    for (const [config, nodeEnv] of [
      [{}, 'development'],
      [{ enabled: false }, 'development'],
      [{ enabled: true }, 'production'],
      [{ enabled: true }, 'test'],
    ] as const) {
      const ctx = await initialize(config, nodeEnv);
      await expect(
        demoUsersAuthenticator.authenticate({ req: local }, ctx),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    }
    const ctx = await initialize({ enabled: true }, 'development');
    await expect(
      demoUsersAuthenticator.authenticate({ req: local }, ctx),
    ).resolves.toEqual({ result: { name: 'erin' } });
    await expect(
      demoUsersAuthenticator.authenticate({ req: request('10.1.2.3') }, ctx),
    ).rejects.toThrow(/only requests from this machine/);
  });
});
