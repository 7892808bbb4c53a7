/*
 * Demo sign-in for the example app: `GET /api/auth/demo-users/refresh` with
 * the header `x-agent-risk-demo-user: NAME` signs in as `user:default/NAME`
 * from the example org (examples/org.yaml), with that user's groups. It lets
 * the e2e act as a second person, e.g. `erin` of the security group approving
 * a risk acceptance that `guest` asked for.
 *
 * Anyone who reaches it can become any user, approvers included, so it is off
 * unless all of these hold:
 * - a config file enables it (`auth.providers.demo-users.enabled: true`, as
 *   app-config.demo-users.yaml does; the base app-config.yaml does not);
 * - `NODE_ENV` is `development` (as under `npm start`);
 * - the request comes straight from this machine: a loopback peer address
 *   and no proxy's forwarding headers.
 * Never install it in a backend other people use.
 */
import { BlockList } from 'net';
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

export const DEMO_USER_HEADER = 'x-agent-risk-demo-user';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * True when the TCP peer is this machine and no proxy relayed the request
 * (a proxy on the same host would make every caller look local).
 */
export function isDirectLoopbackRequest(req: {
  socket?: { remoteAddress?: string };
  header(name: string): string | undefined;
}): boolean {
  const address = req.socket?.remoteAddress;
  if (!address) {
    return false;
  }
  if (req.header('x-forwarded-for') || req.header('forwarded')) {
    return false;
  }
  return LOOPBACK.check(address, address.includes(':') ? 'ipv6' : 'ipv4');
}

export const demoUsersAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { name: string }) => ({
    profile: { displayName: result.name },
  }),
  initialize: ({ config }) => ({
    enabled:
      config.getOptionalBoolean('enabled') === true &&
      process.env.NODE_ENV === 'development',
  }),
  async authenticate({ req }, { enabled }) {
    if (!enabled) {
      throw new NotAllowedError(
        'Demo sign-in is off: it needs auth.providers.demo-users.enabled (app-config.demo-users.yaml) and development mode (npm start)',
      );
    }
    if (!isDirectLoopbackRequest(req)) {
      throw new NotAllowedError(
        'Demo sign-in answers only requests from this machine (loopback, not through a proxy)',
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
