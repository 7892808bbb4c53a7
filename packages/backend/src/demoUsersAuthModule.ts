/*
 * Demo sign-in for the example app: `GET /api/auth/demo-users/refresh` with
 * the header `x-agent-risk-demo-user: NAME` signs in as `user:default/NAME`
 * from the example org (examples/org.yaml), with that user's groups. It lets
 * the e2e act as a second person, e.g. `erin` of the security group approving
 * a risk acceptance that `guest` asked for.
 *
 * Like the guest provider it only works in development (`NODE_ENV` is
 * `development`, as under `npm start`); never install it anywhere else.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

const DEMO_USER_HEADER = 'x-agent-risk-demo-user';

const demoUsersAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { name: string }) => ({
    profile: { displayName: result.name },
  }),
  initialize: () => ({ enabled: process.env.NODE_ENV === 'development' }),
  async authenticate({ req }, { enabled }) {
    if (!enabled) {
      throw new NotAllowedError(
        'Demo sign-in works only in development (npm start)',
      );
    }
    const name = req.header(DEMO_USER_HEADER);
    if (!name || !/^[a-z0-9-]{1,63}$/.test(name)) {
      throw new InputError(
        `Demo sign-in needs the ${DEMO_USER_HEADER} header: a user name from examples/org.yaml`,
      );
    }
    return { result: { name } };
  },
});

export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'agent-risk-demo-users',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo-users',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUsersAuthenticator,
            // The catalog user of that name, with its groups as ownership.
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: { name: result.name } }),
          }),
        });
      },
    });
  },
});
