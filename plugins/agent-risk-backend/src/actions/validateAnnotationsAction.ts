import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  agentRiskReadPermission,
  findAssessmentProblems,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskBackendOptions } from '../options';

/**
 * Action `validate-agent-annotations`: the problems the catalog would report
 * for these annotations (the common core's checks, as the catalog module and
 * the registry apply them).
 */
export function registerValidateAnnotationsAction(options: {
  actionsRegistry: ActionsRegistryService;
  backendOptions: Pick<AgentRiskBackendOptions, 'assumedCvssBase'>;
}) {
  const { actionsRegistry, backendOptions } = options;
  actionsRegistry.register({
    name: 'validate-agent-annotations',
    title: 'Validate agent risk annotations',
    description:
      'Checks aivss.owasp.org/* (AIVSS v0.8 and AIVSS-SSVC, aivss.owasp.org/ssvc-*) and maestro.cloudsecurityalliance.org/* annotations the way the catalog does. Returns valid (true when there is no problem) and problems: each malformed value, and each missing input of a partial AIVSS or AIVSS-SSVC assessment, as { field: the annotation key, message }.',
    visibilityPermission: agentRiskReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          annotations: z
            .record(z.string(), z.string())
            .describe('Annotation keys and string values'),
        }),
      output: z =>
        z.object({
          valid: z.boolean(),
          problems: z.array(
            z.object({ field: z.string(), message: z.string() }),
          ),
        }),
    },
    action: async ({ input }) => {
      const problems = findAssessmentProblems(input.annotations, {
        assumedCvssBase: backendOptions.assumedCvssBase,
      });
      return { output: { valid: problems.length === 0, problems } };
    },
  });
}
