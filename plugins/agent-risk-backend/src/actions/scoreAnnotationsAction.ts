import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  agentRiskReadPermission,
  SCORING_MODEL_IDS,
  ScoringModelId,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskAccess } from '../permissions/access';
import { AgentRiskService } from '../queries/AgentRiskService';

/**
 * Action `score-agent-annotations`: a what-if score for a set of AIVSS
 * annotations, computed and not stored (what `POST /score` does).
 */
export function registerScoreAnnotationsAction(options: {
  actionsRegistry: ActionsRegistryService;
  access: AgentRiskAccess;
  service: AgentRiskService;
}) {
  const { actionsRegistry, access, service } = options;
  actionsRegistry.register({
    name: 'score-agent-annotations',
    title: 'What-if score for agent annotations',
    description:
      'Computes a what-if OWASP AIVSS score for the given aivss.owasp.org/* annotations (all values strings, e.g. "0.5") with the organisation’s scoring model or the one named. Returns result: status (scored, incomplete or invalid), score and severity (null unless scored), the per-factor contributions, the threat and mitigation multipliers, errors (each { field, message }) and the model used, and ssvc: the AIVSS-SSVC result when any aivss.owasp.org/ssvc-* annotation is given (status, categoryAverages, agentClass, exposure, likelihood, riskScore, outcome, errors naming each bad or missing SSVC annotation), else null. Nothing is stored.',
    visibilityPermission: agentRiskReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          annotations: z
            .record(z.string(), z.string())
            .describe('Annotation keys and string values'),
          model: z
            .enum(SCORING_MODEL_IDS as unknown as [string, ...string[]])
            .optional()
            .describe('Scoring model id; the org’s default when absent'),
        }),
      output: z =>
        z.object({
          result: z
            .record(z.string(), z.unknown())
            .describe('The POST /score response (docs/api.md)'),
        }),
    },
    action: async ({ input, credentials }) => {
      await access.requireReadPermission(credentials);
      const result = service.scoreEntity(
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'AiResource',
          metadata: { name: 'what-if', annotations: input.annotations },
          spec: { type: 'agent' },
        },
        input.model as ScoringModelId | undefined,
      );
      return {
        output: { result: result as unknown as Record<string, unknown> },
      };
    },
  });
}
