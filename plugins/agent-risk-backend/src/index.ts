/**
 * Agent Risk backend plugin: syncs AI agent entities from the catalog, scores
 * them with the org's OWASP AIVSS model, and serves rankings, summaries,
 * history and CSV under `/api/agent-risk`.
 *
 * @packageDocumentation
 */
export { agentRiskPlugin as default } from './plugin';
export { AgentRiskStore, createAgentRiskStore } from './store/AgentRiskStore';
export type {
  AgentFilter,
  AgentOrder,
  AgentKeyset,
  AgentPage,
  AgentScoreWrite,
  AgentWriteReport,
  StoredAgentRecord,
} from './store/types';
export { AgentRiskService } from './service/AgentRiskService';
export type {
  AgentListOptions,
  AgentListFilters,
  WhatIfScoreResult,
} from './service/AgentRiskService';
export type { AgentVisibility } from './service/visibility';
export { toScoreWrite } from './service/toScoreWrite';
export { AgentRiskSync } from './sync/AgentRiskSync';
export type { AgentRiskSyncReport } from './sync/AgentRiskSync';
export {
  agentRiskAgentConditions,
  createAgentRiskAgentConditionalDecision,
  agentPermissionRules,
  type AgentPermissionResource,
} from './permissions/agentPermissionRules';
