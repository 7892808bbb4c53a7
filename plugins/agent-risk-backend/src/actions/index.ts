import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AgentRiskBackendOptions } from '../options';
import { AgentRiskAccess } from '../permissions/access';
import { AgentRiskService } from '../queries/AgentRiskService';
import { RegistryService } from '../registry/RegistryService';
import { registerGetAgentRiskAction } from './getAgentRiskAction';
import { registerGetRiskSummaryAction } from './getRiskSummaryAction';
import { registerListRiskiestAgentsAction } from './listRiskiestAgentsAction';
import { registerRegisterAgentAction } from './registerAgentAction';
import { registerScoreAnnotationsAction } from './scoreAnnotationsAction';
import { registerValidateAnnotationsAction } from './validateAnnotationsAction';

/** Registers every agent-risk action (one per file here) with the actions registry. */
export function registerAgentRiskActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: AgentRiskAccess;
  service: AgentRiskService;
  registry: RegistryService;
  backendOptions: AgentRiskBackendOptions;
}): void {
  const { actionsRegistry, access, service, registry, backendOptions } =
    options;
  const { agentSelectors } = backendOptions;
  registerGetAgentRiskAction({
    actionsRegistry,
    access,
    service,
    agentSelectors,
  });
  registerListRiskiestAgentsAction({ actionsRegistry, access, service });
  registerGetRiskSummaryAction({ actionsRegistry, access, service });
  registerScoreAnnotationsAction({ actionsRegistry, access, service });
  registerValidateAnnotationsAction({ actionsRegistry, backendOptions });
  registerRegisterAgentAction({
    actionsRegistry,
    access,
    registry,
    agentSelectors,
  });
}
