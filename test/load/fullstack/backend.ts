/*
 * The backend of `npm run bench -- --full-stack`: the example backend's
 * plugins (catalog, auth, permission framework, Agent Risk), with two things
 * only a benchmark needs, so neither lands in the example app:
 *
 * - BENCH_POLICY=allow-all | owner: the permission policy. `owner` lets a
 *   user read only the catalog entities (agents included) that their groups
 *   own, a conditional decision that Agent Risk applies to every route.
 * - A `benchUser` sign-in provider that signs in as the catalog user named in
 *   the `x-bench-user` header, so the benchmark holds real user tokens (with
 *   ownership refs resolved from the catalog) for many users. Never use such a
 *   provider outside a benchmark: it trusts the header.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { InputError } from '@backstage/errors';
import fs from 'fs';
import path from 'path';
import { Session } from 'inspector';

const USER_HEADER = 'x-bench-user';

const benchPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy }) {
        const mode = process.env.BENCH_POLICY ?? 'allow-all';
        if (mode !== 'allow-all' && mode !== 'owner') {
          throw new Error(
            `BENCH_POLICY must be allow-all or owner, not ${mode}`,
          );
        }
        policy.setPolicy({
          async handle(request, user) {
            if (
              mode === 'owner' &&
              isPermission(request.permission, catalogEntityReadPermission)
            ) {
              return createCatalogConditionalDecision(
                request.permission,
                catalogConditions.isEntityOwner({
                  claims: user?.info.ownershipEntityRefs ?? [],
                }),
              );
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const benchUserAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: () => undefined,
  async authenticate({ req }) {
    const name = req.header(USER_HEADER);
    if (!name) {
      throw new InputError(`Missing the ${USER_HEADER} header`);
    }
    return { result: { name } };
  },
});

const benchUserProviderModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'bench-user-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'benchUser',
          factory: createProxyAuthProviderFactory<{ name: string }>({
            authenticator: benchUserAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: { name: result.name } }),
          }),
        });
      },
    });
  },
});

/*
 * BENCH_PROFILE_DIR: SIGUSR2 starts a V8 CPU profile and the next SIGUSR2
 * writes it to DIR/<label>.cpuprofile, the label read from DIR/label. The
 * benchmark profiles each concurrent run this way (`--profile DIR`).
 */
const profileDir = process.env.BENCH_PROFILE_DIR;
if (profileDir) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.start', () => {
          fs.writeFileSync(path.join(profileDir, 'started'), '');
        }),
      );
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      const label = fs
        .readFileSync(path.join(profileDir, 'label'), 'utf8')
        .trim();
      fs.writeFileSync(
        path.join(profileDir, `${label}.cpuprofile`),
        JSON.stringify(error ? {} : result.profile),
      );
    });
  });
}

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(benchUserProviderModule);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-ai-model'));
backend.add(import('@agent-risk/plugin-catalog-backend-module-agent-risk'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(benchPolicyModule);
backend.add(import('@agent-risk/plugin-agent-risk-backend'));
backend.start();
