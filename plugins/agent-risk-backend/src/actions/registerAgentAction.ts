import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  AgentSelector,
  agentRiskReadPermission,
} from '@agent-risk/plugin-agent-risk-common';
import { RegistryService } from '../registry/RegistryService';
import { AgentRiskAccess } from '../permissions/access';
import { requireUser } from '../permissions/callers';

/**
 * Action `register-agent`: registers a new agent with its assessment, as
 * `POST /registry/agents` does (same checks, same permission, same audit).
 */
export function registerRegisterAgentAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: AgentRiskAccess;
  registry: RegistryService;
  agentSelectors: readonly AgentSelector[];
}) {
  const { actionsRegistry, access, registry, agentSelectors } = options;
  const agentKinds = agentSelectors
    .map(s => `${s.kind} (spec.type ${s.type})`)
    .join(' or ');
  actionsRegistry.register({
    name: 'register-agent',
    title: 'Register an AI agent',
    description: `Registers a new AI agent in the Backstage catalog with its OWASP AIVSS / CSA MAESTRO assessment as annotations (aivss.owasp.org/* and maestro.cloudsecurityalliance.org/*, all values strings); agents are of kind ${agentKinds}. The entity is checked like the catalog checks it; a malformed assessment is refused with the field named. Returns entityRef, the new agent's entity ref (use it with get-agent-risk). Needs a signed-in user (not a service token) with the agent-risk.agent.create permission; spec.owner must be the caller or a group the caller belongs to unless the policy grants agent-risk.agent.assign, and spec.owner, spec.system and spec.dependsOn must be entities the caller can read. The change is recorded in the audit trail with the reason.`,
    // Listed to every reader, not only to those allowed to create: a caller
    // without agent-risk.agent.create then learns which permission it lacks
    // (the action checks it) instead of "action not found".
    visibilityPermission: agentRiskReadPermission,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          entity: z
            .object({
              apiVersion: z.string().optional(),
              kind: z.string().describe(`The agent's kind: ${agentKinds}`),
              metadata: z
                .object({
                  name: z.string(),
                  namespace: z.string().optional(),
                  title: z.string().optional(),
                  description: z.string().optional(),
                  annotations: z.record(z.string(), z.string()).optional(),
                })
                .passthrough(),
              spec: z
                .object({
                  type: z.string(),
                  owner: z.string(),
                  lifecycle: z.string(),
                  system: z.string().optional(),
                  dependsOn: z.array(z.string()).optional(),
                })
                .passthrough(),
            })
            .describe('The agent entity as catalog YAML would hold it'),
          reason: z
            .string()
            .min(1)
            .describe('Why it is registered (audit trail)'),
        }),
      output: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The new agent, e.g. aiResource:default/my-agent'),
        }),
    },
    action: async ({ input, credentials }) => {
      requireUser(credentials, 'register-agent');
      await access.requireCreate(credentials);
      return { output: await registry.create(input, credentials) };
    },
  });
}
