// The checks live in the common core, so the registry refuses exactly what
// this processor reports on an entity.
export {
  findAssessmentProblems,
  type AgentProblemOptions as AssessmentProblemOptions,
} from '@agent-risk/plugin-agent-risk-common';
