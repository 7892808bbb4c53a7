/**
 * The plugin's parts, for benchmarks and tests that assemble them without a
 * Backstage backend (`test/load` does). Not for production wiring: install
 * the plugin itself. These may change in any release.
 *
 * @packageDocumentation
 */
export { createAgentRiskDatabase } from './database/AgentRiskDatabase';
export type { AgentRiskDatabase } from './database/AgentRiskDatabase';
export type { ScoreStore } from './database/scores/ScoreStore';
export type { ScoreHistoryStore } from './database/history/ScoreHistoryStore';
export type { SyncStateStore } from './database/syncState/SyncStateStore';
export type {
  AgentEvidenceWrite,
  EvidenceStore,
} from './database/evidence/EvidenceStore';
export { EvidenceService } from './evidence/EvidenceService';
export { combineEvidenceFactsSources } from './evidence/EvidenceFactsSource';
export type { EvidenceFactsSource } from './evidence/EvidenceFactsSource';
export { CatalogEvidenceFactsSource } from './evidence/CatalogEvidenceFactsSource';
export { createEvidenceService } from './evidence/createEvidenceService';
export type {
  TrendInputs,
  TrendRemoval,
  TrendScope,
  TrendStateChange,
  TrendStore,
} from './database/trends/TrendStore';
export type {
  AgentNotification,
  NotificationOutbox,
  PendingAgentNotification,
  UnnotifiedOverdueReview,
} from './database/notifications/NotificationOutbox';
export { AgentRiskNotifier } from './notifications/AgentRiskNotifier';
export type { AgentRiskNotifierOptions } from './notifications/AgentRiskNotifier';
export type {
  AgentRiskEventKind,
  AgentRiskEventRules,
} from './notifications/events';
export type {
  AgentAggregates,
  AgentBandState,
  AgentFilter,
  AgentKeyset,
  AgentOrder,
  AgentPage,
  AgentRiskState,
  AgentScoreWrite,
  AgentStateChange,
  AgentWriteProblem,
  AgentWriteReport,
  OwnerAggregate,
  StoredAgentListItem,
  StoredAgentReasons,
  StoredAgentDetail,
  StoredAgentRecord,
  StoredAgentWithReasons,
  StoredSsvc,
  ScoredSsvc,
} from './database/types';
export { AgentBomExporter } from './export/AgentBomExporter';
export type {
  AgentBomExporterOptions,
  AgentBomSource,
} from './export/AgentBomExporter';
export { AgentRiskService } from './queries/AgentRiskService';
export type {
  AgentListFilters,
  AgentListOptions,
  AgentListQueryFilters,
} from './queries/AgentRiskService';
export { TrendService } from './queries/TrendService';
export type { TrendRequest } from './queries/TrendService';
export { GroupTreeResolver } from './catalog/GroupTreeResolver';
export type { GroupTreeResolverOptions } from './catalog/GroupTreeResolver';
export { AgentRiskSync } from './sync/AgentRiskSync';
export { ReachService } from './reach/ReachService';
export type {
  ReachReader,
  ReachServiceOptions,
  ReachSyncReport,
} from './reach/ReachService';
export type {
  ReachIndexEntry,
  ReachingAgentRow,
  ReachStore,
  ReachWrite,
  StoredReach,
  SystemExposureRow,
} from './database/reach/ReachStore';
export { toScoreWrite } from './sync/toScoreWrite';
export type { DisplayNames, RelatedEntities } from './sync/toScoreWrite';
export type {
  AgentRefreshOutcome,
  AgentRiskSyncOptions,
  AgentRiskSyncReport,
} from './sync/AgentRiskSync';
export { createRouter } from './http/router';
export type { AgentRiskRouterOptions } from './http/router';
export type {
  FetchedDocument,
  FetchOptions,
  FetchReader,
  FetchTrust,
} from './fetch/FetchReader';
export { AgentRiskAccess } from './permissions/access';
export { AgentVisibilityResolver } from './permissions/visibility';
export { ReadableRefs } from './permissions/ReadableRefs';
export type { ReadableRefsOptions } from './permissions/ReadableRefs';
export type {
  AgentVisibility,
  AgentVisibilityResolverOptions,
} from './permissions/visibility';
export { readAgentRiskBackendOptions } from './options';
export type { AgentRiskBackendOptions } from './options';
export { agentCatalogFilter } from './catalog/agentCatalogFilter';
export { RegistryService } from './registry/RegistryService';
export type {
  RegistryStore,
  RegisteredAgent,
  RegistryCreateOutcome,
} from './database/registry/RegistryStore';
export type {
  AuditStore,
  NewAuditEntry,
  RegistryChange,
  StoredAuditEntry,
} from './database/audit/AuditStore';
export type { AcceptanceReader } from './queries/AgentRiskService';
export { AcceptanceService } from './acceptance/AcceptanceService';
export type { AcceptanceEndedEvent } from './acceptance/AcceptanceService';
export type {
  AcceptanceStore,
  AcceptanceTransition,
  StoredAcceptance,
} from './database/acceptance/AcceptanceStore';
export type { AcceptanceNotice } from './notifications/AgentRiskNotifier';
export type {
  DefinedTool,
  ListedTool,
  McpInventoryRun,
  McpListingOutcome,
  McpServerState,
  McpToolStore,
  StoredTool,
  ToolChange,
} from './database/mcpTools/McpToolStore';
export { McpInventory } from './mcpInventory/McpInventory';
export type {
  McpInventoryDeps,
  McpInventoryRunResult,
} from './mcpInventory/McpInventory';
export { listMcpTools } from './mcpInventory/McpToolLister';
export type {
  ListingResult,
  McpListingOptions,
} from './mcpInventory/McpToolLister';
export type { HostPattern } from './fetch/hostPatterns';
export type {
  DetailToolInventory,
  ToolInventoryReader,
} from './queries/AgentRiskService';
export type {
  AgentCardStore,
  StoredCardSource,
} from './database/agentCards/AgentCardStore';
