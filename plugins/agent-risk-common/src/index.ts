/**
 * Agent Risk's common library, in four rooms: `domain/` (AIVSS factors,
 * MAESTRO layers, annotation parsing and validation, scoring models, SSVC,
 * settings) and `contract/` (the HTTP API's routes, schemas, types and
 * permissions) are this main entry; `import/` (agent cards, threat models
 * and directory pages read into entities) and `bom/` (the CycloneDX export)
 * are entry points of their own, `@agent-risk/plugin-agent-risk-common/import`
 * and `@agent-risk/plugin-agent-risk-common/bom`, so that each consumer
 * loads only its room (the browser never loads the CycloneDX library). No
 * I/O lives here, so the CLI, the catalog processor, the backend and the
 * browser compute the same numbers.
 *
 * Only what the other packages and adopters use is exported here; helpers
 * for tests are in `@agent-risk/plugin-agent-risk-common/testing`.
 *
 * @packageDocumentation
 */

// domain/: the scoring core, parsing and validation
export {
  ACCEPTANCE_STATES,
  acceptanceStateAt,
  DEFAULT_ACCEPTANCE_MAX_DAYS,
  severityRose,
} from './domain/acceptance';
export type { AcceptanceState } from './domain/acceptance';
export {
  AGENT_ENTITY_FIELDS,
  DEFAULT_AGENT_SELECTORS,
  isAgentEntity,
  normalizeEntityRef,
  scoreEntity,
} from './domain/agents';
export type { AgentSelector, EntityScoreResult } from './domain/agents';
export {
  A2A_ANNOTATIONS,
  AIVSS_ANNOTATION_PREFIX,
  AIVSS_ANNOTATIONS,
  hasAgentRiskAnnotations,
  MAESTRO_ANNOTATION_PREFIX,
} from './domain/annotations';
export { readAgentRiskOptions } from './domain/config';
export {
  describeCardSignature,
  DISCOVERY_ANNOTATIONS,
  isDiscoveryAnnotation,
} from './domain/discovery';
export type { AgentCardSignatureState } from './domain/discovery';
export type {
  AgentReach,
  EvidenceFinding,
  InventoryTool,
  McpToolAnnotations,
  ReachedEntity,
  ServerToolInventory,
} from './domain/facts';
export {
  applyEvidence,
  describeFinding,
  emptyEvidenceFacts,
  evaluateEvidence,
  isUnderstatedFinding,
  toolMayDestroy,
  toolMayWrite,
} from './domain/evidence';
export type { EvidenceFacts, EvidenceRule } from './domain/evidence';

export type { AgentRiskConfigReader, AgentRiskOptions } from './domain/config';
export { cvss4BaseScore } from './domain/cvss';
export type { CvssVectorResult } from './domain/cvss';
export { parseDecimalLiteral } from './domain/decimal';
export { FACTOR_RUBRIC } from './domain/factorRubric';
export type { FactorRubric } from './domain/factorRubric';
export {
  AGENTIC_FACTOR_IDS,
  AGENTIC_FACTORS,
  getAgenticFactor,
} from './domain/factors';
export type {
  AgenticFactorDefinition,
  AgenticFactorId,
} from './domain/factors';
export {
  getMaestroLayer,
  MAESTRO_LAYER_IDS,
  MAESTRO_LAYERS,
} from './domain/layers';
export type {
  LayerConfidence,
  MaestroLayerDefinition,
  MaestroLayerId,
} from './domain/layers';
export {
  DEFAULT_MITIGATION_FACTOR,
  DEFAULT_THREAT_MULTIPLIER,
  MITIGATION_FACTOR_KEYWORDS,
  MITIGATION_FACTOR_RANGE,
  THREAT_MULTIPLIER_KEYWORDS,
  THREAT_MULTIPLIER_RANGE,
} from './domain/multipliers';
export { parseAssessment } from './domain/parse';
export type {
  AgentAssessment,
  AssessmentParseResult,
  EntityAnnotations,
  FieldError,
  LayerAssessment,
  MultiplierInput,
  ThreatReference,
} from './domain/parse';
export {
  findAssessmentProblems,
  isRegistryEntity,
  pickRegistryFields,
  REGISTRY_ANNOTATION,
  REGISTRY_LOCATION_TYPE,
  REGISTRY_PROVIDER_NAME,
  validateRegistryEntity,
} from './domain/registry';
export { REGISTRY_LIMITS } from './domain/registryLimits';
export {
  DEFAULT_REVIEW_INTERVAL_DAYS,
  parseReviewedAt,
  REVIEWED_AT_ANNOTATION,
  reviewState,
} from './domain/review';
export { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from './domain/safeText';
export { scoreLevers, scoreParts } from './domain/scoreLevers';
export type { ScoreLever, ScoreParts } from './domain/scoreLevers';
export {
  computeScore,
  isScoringModelId,
  SCORE_STATUSES,
  scoreAnnotations,
  SCORING_MODEL_IDS,
  SCORING_MODELS,
} from './domain/scoring';
export type {
  ScoreBreakdown,
  ScoreOptions,
  ScoreResult,
  ScoreStatus,
  ScoringInputs,
  ScoringModelDefinition,
  ScoringModelId,
} from './domain/scoring';
export {
  isSeverity,
  SEVERITIES,
  SEVERITY_LABELS,
  severityOf,
} from './domain/severity';
export type { Severity } from './domain/severity';
export { threatMitigationNote } from './domain/threatMitigations';
export { AGENTIC_THREATS, threatName } from './domain/threats';
export {
  findSsvcProblems,
  isSsvcAnnotation,
  scoreSsvc,
  SSVC_ANNOTATIONS,
  SSVC_FACTOR_RUBRIC,
  SSVC_FACTORS,
  SSVC_IMPACT_LEVELS,
  SSVC_IMPACT_TEXT,
  SSVC_OUTCOME_DAYS,
  SSVC_OUTCOMES,
  SSVC_THREAT_LEVELS,
  SSVC_THREAT_TEXT,
  SSVC_VULNERABILITY_POSTURES,
  SSVC_VULNERABILITY_TEXT,
  ssvcDueAt,
} from './domain/ssvc';
export type {
  SsvcAgentClass,
  SsvcCategory,
  SsvcFactorDefinition,
  SsvcFactorId,
  SsvcFactorRubric,
  SsvcImpactLevel,
  SsvcLevelText,
  SsvcOutcome,
  SsvcResult,
  SsvcStatus,
  SsvcThreatLevel,
  SsvcVulnerabilityPosture,
} from './domain/ssvc';
export { scoreReason } from './domain/reason';

// contract/: the HTTP API
export {
  AGENT_LIST_DEFAULT_LIMIT,
  AGENT_LIST_MAX_LIMIT,
  AGENT_LIST_ORDER_FIELDS,
  AGENT_RISK_PLUGIN_ID,
} from './contract/api';
export type {
  AcceptanceRequest,
  AcceptanceResult,
  AgentCsvRow,
  AgenticFactorValues,
  AgentListItem,
  AgentListOrderField,
  AgentListQuery,
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
  AuditAction,
  AuditChange,
  AuditEntry,
  AuditListQuery,
  AuditListResponse,
  DiscoveryOutcome,
  DiscoverySource,
  DiscoverySourcesResponse,
  EntityInput,
  EntityPath,
  HistogramBucket,
  ImportFetchRequest,
  ImportFetchResult,
  McpServerDependency,
  McpServerDiscovery,
  McpServersDiscoveryResponse,
  McpServerToolsResponse,
  McpListingOutcome,
  OwnerRiskRollup,
  ReachedByQuery,
  ReachedByResponse,
  ReachingAgent,
  ReasonQuery,
  RegistryAgentPath,
  RegistryChangesQuery,
  RegistryDelta,
  RegistryFeedEntity,
  RegistrySnapshot,
  RegistryWriteRequest,
  RegistryWriteResult,
  RiskAcceptance,
  RiskSummary,
  RiskTrendPoint,
  RiskTrendResponse,
  ScoreHistoryEntry,
  ScoreRequest,
  SortOrder,
  SummaryQuery,
  SyncTriggerResult,
  SystemExposure,
  TrendQuery,
  WhatIfScoreResult,
} from './contract/api';
export { REGISTRY_REASON_MAX_LENGTH } from './contract/apiRequests';
export { agentRiskRoutes } from './contract/apiRoutes';
export type {
  AgentRiskRoute,
  AgentRiskRouteName,
  AgentRiskRouteOf,
  RoutePart,
  AgentRiskRoutes,
} from './contract/apiRoutes';
export {
  acceptanceSchema,
  AGENT_CSV_COLUMNS,
  agentListItemSchema,
  agentRiskRecordSchema,
  inventoryToolSchema,
  fieldErrorSchema,
  layerAssessmentSchema,
  ownerRiskRollupSchema,
  riskSummarySchema,
  severitySchema,
  ssvcDetailSchema,
  evidenceFindingSchema,
} from './contract/apiSchemas';
export {
  AGENT_RISK_AGENT_RESOURCE_TYPE,
  agentRiskAcceptanceApprovePermission,
  agentRiskAcceptanceRequestPermission,
  agentRiskAgentAssignPermission,
  agentRiskAgentCreatePermission,
  agentRiskAgentUpdatePermission,
  agentRiskAuditHistoryPermission,
  agentRiskPermissions,
  agentRiskReadPermission,
  agentRiskRefreshPermission,
  agentRiskRegistryPermissions,
  agentRiskSyncPermission,
} from './contract/permissions';
export type {
  SsvcDecision,
  SsvcDetail,
  SsvcOutcomeCounts,
} from './contract/api';
export type { ObjectSchema, RequestSchema } from './contract/schemaTypes';
export { firstTrackedIndex, trendChange } from './contract/trends';
export { csvExportFileName } from './contract/export';
export type { TrendChange } from './contract/trends';
