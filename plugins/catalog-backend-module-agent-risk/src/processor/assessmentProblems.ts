// The checks live in the common core, so the registry refuses exactly what
// this processor reports on an entity.
export { findAssessmentProblems } from '@agent-risk/plugin-agent-risk-common';
