/*
 * A minimal Backstage backend that loads plugins the way Red Hat Developer Hub
 * does: the catalog, auth (guest), permission (allow-all) and, through
 * @backstage/backend-dynamic-feature-service, every dynamic plugin under
 * `dynamicPlugins.rootDirectory`. Nothing of Agent Risk is imported here.
 *
 * Run by test/dynamic-plugins/run.js with the working directory set to the
 * host folder it prepares (the backend's root: its node_modules provide the
 * shared packages) and `--config` files naming the port and the catalog.
 */
const { createBackend } = require('@backstage/backend-defaults');
const {
  dynamicPluginsFeatureLoader,
} = require('@backstage/backend-dynamic-feature-service');

const backend = createBackend();
backend.add(require('@backstage/plugin-auth-backend'));
backend.add(require('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(require('@backstage/plugin-catalog-backend'));
backend.add(require('@backstage/plugin-permission-backend'));
backend.add(
  require('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(dynamicPluginsFeatureLoader);
backend.start().catch(error => {
  console.error(error);
  process.exit(1);
});
