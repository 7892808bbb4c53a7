import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { agentRiskReadPermission } from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskAccess } from '../service/access';
import { AgentRiskService } from '../service/AgentRiskService';
import { agentRiskRecordSchema } from './schemas';

/** Action `get-agent-risk`: one agent's risk record, as its caller may see it. */
export function registerGetAgentRiskAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: AgentRiskAccess;
  service: AgentRiskService;
}) {
  const { actionsRegistry, access, service } = options;
  actionsRegistry.register({
    name: 'get-agent-risk',
    title: 'Get agent risk',
    description:
      "Returns an AI agent's OWASP AIVSS risk record from Backstage: score, severity, the ten agentic factors and their contributions, the CSA MAESTRO layer assessment, its rank among all agents, and its score history. Agents are catalog entities (kind AiResource with spec.type agent, or Component with spec.type ai-agent).",
    visibilityPermission: agentRiskReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'Entity ref of the agent, e.g. airesource:default/support-bot (kind defaults to AiResource, namespace to default)',
            ),
        }),
      output: z => z.object({ agent: agentRiskRecordSchema(z) }),
    },
    action: async ({ input, credentials }) => {
      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(input.entityRef, {
            defaultKind: 'AiResource',
            defaultNamespace: 'default',
          }),
        );
      } catch (error) {
        throw new InputError(`Invalid entityRef: ${error}`);
      }
      const visibility = await access.requireRead(credentials);
      return { output: { agent: await service.getAgent(ref, visibility) } };
    },
  });
}
