export {
  SSVC_ANNOTATION_PREFIX,
  SSVC_ANNOTATIONS,
  SSVC_THREAT_LEVELS,
  SSVC_VULNERABILITY_POSTURES,
  SSVC_IMPACT_LEVELS,
  SSVC_FACTOR_IDS,
  SSVC_FACTORS,
  isSsvcAnnotation,
} from './annotations';
export type {
  SsvcThreatLevel,
  SsvcVulnerabilityPosture,
  SsvcImpactLevel,
  SsvcCategory,
  SsvcFactorId,
  SsvcFactorDefinition,
} from './annotations';
export {
  SSVC_AGENT_CLASSES,
  SSVC_OUTCOMES,
  SSVC_OUTCOME_DAYS,
  ssvcDueAt,
} from './model';
export type { SsvcAgentClass, SsvcOutcome } from './model';
export { scoreSsvc, findSsvcProblems } from './score';
export {
  SSVC_FACTOR_RUBRIC,
  SSVC_THREAT_TEXT,
  SSVC_VULNERABILITY_TEXT,
  SSVC_IMPACT_TEXT,
} from './rubric';
export type { SsvcFactorRubric, SsvcLevelText } from './rubric';
export type { SsvcStatus, SsvcResult } from './score';
