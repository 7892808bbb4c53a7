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
