import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAgentRiskRegisterAction } from './actions/register';

/**
 * Scaffolder module with the `agent-risk:register` action.
 *
 * @public
 */
export const scaffolderModuleAgentRisk = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'agent-risk',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, config }) {
        scaffolder.addActions(
          createAgentRiskRegisterAction({ discovery, auth, config }),
        );
      },
    });
  },
});
