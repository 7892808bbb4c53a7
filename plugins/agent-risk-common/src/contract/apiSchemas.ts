import { z } from 'zod/v3';
import { ACCEPTANCE_STATES } from '../domain/acceptance';
import { AGENTIC_FACTOR_IDS } from '../domain/factors';
import { MAESTRO_LAYER_IDS } from '../domain/layers';
import {
  SCORE_STATUSES,
  SCORING_MODEL_IDS,
  ScoreStatus,
} from '../domain/scoring';
import { SEVERITIES, Severity } from '../domain/severity';
import { SSVC_AGENT_CLASSES, SSVC_OUTCOMES, SsvcOutcome } from '../domain/ssvc';
import type { FieldError, LayerAssessment } from '../domain/parse';
import type { AgentReach, ReachedEntity } from '../domain/facts';
import type { EvidenceFinding } from '../domain/facts';
import type {
  InventoryTool,
  McpToolAnnotations,
  ServerToolInventory,
} from '../domain/facts';
import type {
  McpServersDiscoveryResponse,
  McpServerToolsResponse,
  AcceptanceResult,
  AgentCsvRow,
  AgentListItem,
  AgentListResponse,
  AgentRefreshResult,
  AgentRiskRecord,
  AuditAction,
  AuditChange,
  AuditEntry,
  AuditListResponse,
  DiscoverySourcesResponse,
  HistogramBucket,
  ImportFetchResult,
  McpServerDependency,
  OwnerRiskRollup,
  ReachedByResponse,
  ReachingAgent,
  SystemExposure,
  RegistryDelta,
  RegistryFeedEntity,
  RegistrySnapshot,
  RegistryWriteResult,
  RiskAcceptance,
  RiskSummary,
  RiskTrendPoint,
  RiskTrendResponse,
  ScoreHistoryEntry,
  SsvcDecision,
  SsvcDetail,
  SyncTriggerResult,
  WhatIfScoreResult,
} from './api';
import type { ObjectSchema } from './schemaTypes';

/*
 * The response bodies of the HTTP API (see apiRoutes.ts). Each is typed as
 * a schema of its interface in api.ts, the MCP actions build their output
 * schemas from them, and the OpenAPI document is generated from them.
 */

/**
 * {@link Severity} as served.
 *
 * @public
 */
export const severitySchema: z.ZodType<Severity> = z.enum(
  SEVERITIES as [Severity, ...Severity[]],
);
/** @public */
export const scoreStatusSchema = z.enum(
  SCORE_STATUSES as [ScoreStatus, ...ScoreStatus[]],
);
/** @public */
export const scoringModelIdSchema = z.enum(SCORING_MODEL_IDS);
/** @public */
export const agenticFactorValuesSchema = z.record(
  z.enum(AGENTIC_FACTOR_IDS),
  z.number(),
);

/**
 * An agent's risk acceptance: the latest one asked for, whatever its state.
 *
 * @public
 */
export const acceptanceSchema: ObjectSchema<RiskAcceptance> = z.object({
  state: z
    .enum(ACCEPTANCE_STATES)
    .describe(
      'pending until approved; accepted until expiresAt; expired at expiresAt or when the severity rose; revoked when withdrawn',
    ),
  justification: z.string(),
  expiresAt: z.string().describe('ISO 8601'),
  requestedBy: z.string().describe('User entity ref'),
  requestedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  severityAtRequest: severitySchema
    .nullable()
    .describe('The band accepted: a higher one ends the acceptance'),
  endedAt: z.string().nullable(),
  endedReason: z
    .string()
    .nullable()
    .describe('Why it ended: expiry, a severity rise, or the revoker’s reason'),
});

/**
 * An agent's AIVSS-SSVC decision as the ranking shows it (spec section
 * 10.1); null on an agent without SSVC annotations.
 *
 * @public
 */
export const ssvcDecisionSchema: ObjectSchema<SsvcDecision> = z.object({
  status: z
    .enum(['scored', 'incomplete', 'invalid'])
    .describe(
      'incomplete: an SSVC input is missing; invalid: one is malformed',
    ),
  outcome: z
    .enum(SSVC_OUTCOMES)
    .nullable()
    .describe('From OWASP’s threat × class × impact table; null unless scored'),
  agentClass: z.enum(SSVC_AGENT_CLASSES).nullable(),
  riskScore: z
    .number()
    .nullable()
    .describe('P(threat) × P(vulnerability) × exposure × impact, two decimals'),
  assessedAt: z
    .string()
    .nullable()
    .describe(
      'ISO 8601: the agent’s reviewedAt, else when the backend first saw its current SSVC inputs',
    ),
  dueAt: z
    .string()
    .nullable()
    .describe(
      'assessedAt plus the outcome’s days (Immediate 7, Out-of-Cycle 30, Scheduled 90); null for Defer and unless scored',
    ),
  overdue: z.boolean().describe('True once dueAt has passed'),
});

/**
 * The detail's SSVC decision: the ranking's, plus how it was reached.
 *
 * @public
 */
export const ssvcDetailSchema: ObjectSchema<SsvcDetail> =
  ssvcDecisionSchema.extend({
    categoryAverages: z
      .object({ A: z.number(), B: z.number(), C: z.number() })
      .nullable()
      .describe('Capability category averages, two decimals'),
    exposure: z
      .number()
      .nullable()
      .describe('The class’s exposure: Copilot 2, Specialist 4, Prime Mover 8'),
    likelihood: z
      .number()
      .nullable()
      .describe('P(threat) × P(vulnerability), two decimals'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
  });

/** Counts per SSVC outcome; `none`: agents without one. */
const bySsvcOutcomeSchema = z
  .object({
    Immediate: z.number(),
    'Out-of-Cycle': z.number(),
    Scheduled: z.number(),
    Defer: z.number(),
    none: z.number(),
  } satisfies Record<SsvcOutcome | 'none', z.ZodNumber>)
  .describe(
    'Agents per AIVSS-SSVC outcome; none: no outcome (no SSVC annotations, or incomplete or invalid ones)',
  );

/**
 * One row of the ranking (`GET /agents`), and of the CSV export.
 *
 * @public
 */
export const agentListItemSchema: ObjectSchema<AgentListItem> = z.object({
  entityRef: z
    .string()
    .describe('Lower-case entity ref, e.g. airesource:default/support-bot'),
  title: z.string(),
  owner: z.string().nullable().describe('Owner entity ref'),
  ownerTitle: z
    .string()
    .nullable()
    .describe(
      "The owner's display name in the catalog (spec.profile.displayName, else metadata.title)",
    ),
  system: z.string().nullable().describe('System entity ref'),
  systemTitle: z
    .string()
    .nullable()
    .describe("The system's metadata.title in the catalog"),
  lifecycle: z.string().nullable(),
  model: scoringModelIdSchema.describe('Scoring model id'),
  status: scoreStatusSchema,
  score: z
    .number()
    .nullable()
    .describe('AIVSS score 0..10; null unless scored'),
  severity: severitySchema.nullable(),
  cvssBase: z.number().nullable(),
  cvssAssumed: z.boolean(),
  factorSum: z.number().nullable(),
  reason: z
    .string()
    .nullable()
    .describe(
      'One line on what the score is made of, e.g. "CVSS base 8.0, autonomy and tool use high, no mitigation"; null unless scored',
    ),
  computedAt: z
    .string()
    .describe('ISO 8601 time the stored score last changed'),
  acceptance: acceptanceSchema
    .nullable()
    .describe('The latest risk acceptance asked for; null when none'),
  reviewedAt: z
    .string()
    .nullable()
    .describe(
      'ISO 8601 time the assessment was last reviewed (the agent-risk.io/reviewed-at annotation); null if never',
    ),
  reviewDue: z
    .string()
    .nullable()
    .describe(
      'When the next review is due: reviewedAt plus agentRisk.review.interval; null if never reviewed',
    ),
  reviewOverdue: z
    .boolean()
    .describe(
      'True once reviewDue has passed, for an agent never reviewed, and once its SSVC dueAt has passed',
    ),
  ssvc: ssvcDecisionSchema
    .nullable()
    .describe('The AIVSS-SSVC decision; null without SSVC annotations'),
  understated: z
    .boolean()
    .describe(
      "True when an evidence rule shows a declared factor below what the facts say (finding understated); the score stays the assessment's",
    ),
  discovered: z
    .boolean()
    .describe(
      'True when discovery found the agent (it carries agent-risk.io/discovered-from)',
    ),
  assessed: z
    .boolean()
    .describe(
      'False until the agent carries any AIVSS annotation (not yet assessed)',
    ),
});

/**
 * One row of `GET /agents.csv`: a ranking row plus the reasons leadership
 * asks for (what drives the score, what is wrong).
 *
 * @public
 */
export const agentCsvRowSchema: ObjectSchema<AgentCsvRow> =
  agentListItemSchema.extend({
    topDrivers: z
      .string()
      .describe(
        'The three largest factor contributions, largest first, e.g. "Autonomy of action +0.32; …"',
      ),
    errors: z.string().describe('Validation problems, "field: message; …"'),
    evidence: z
      .string()
      .describe(
        'The evidence findings in words, e.g. "Declares dynamic tool use 0.1, but calls api:default/github-mcp\'s push_files, which may write: at least 0.5; …"',
      ),
  });

/**
 * Columns of `GET /agents.csv`, in order: the fields of a ranking row, then
 * the reasons.
 *
 * @public
 */
export const AGENT_CSV_COLUMNS: readonly (keyof AgentCsvRow)[] =
  agentCsvRowSchema.keyof().options;

/** @public */
export const scoreHistoryEntrySchema: ObjectSchema<ScoreHistoryEntry> =
  z.object({
    computedAt: z.string(),
    status: scoreStatusSchema,
    score: z.number().nullable(),
    severity: severitySchema.nullable(),
    model: scoringModelIdSchema,
  });

/**
 * {@link FieldError} as served.
 *
 * @public
 */
export const fieldErrorSchema: ObjectSchema<FieldError> = z.object({
  field: z.string(),
  message: z.string(),
});

/**
 * {@link LayerAssessment} as served.
 *
 * @public
 */
export const layerAssessmentSchema: ObjectSchema<LayerAssessment> = z.object({
  id: z.enum(MAESTRO_LAYER_IDS),
  title: z.string(),
  text: z
    .string()
    .nullable()
    .describe('Untrusted text written by the agent authors; render it inert'),
  confidence: z.enum(['mapped', 'uncertain']),
  threats: z.array(z.object({ id: z.string(), name: z.string() })),
});

/**
 * An MCP server an agent depends on, and the tools its catalog entity lists.
 *
 * @public
 */
export const mcpServerSchema: ObjectSchema<McpServerDependency> = z.object({
  entityRef: z.string().describe('Lower-case entity ref of the API entity'),
  title: z.string().nullable().describe("The server's metadata.title"),
  tools: z
    .array(z.string())
    .describe(
      'Tool names from the YAML tools list of its spec.definition; empty when it lists none',
    ),
});

/** @public */
export const reachedEntitySchema: ObjectSchema<ReachedEntity> = z.object({
  entityRef: z.string().describe('Lower-case entity ref'),
  kind: z.string().describe("The entity's kind, lower case"),
  type: z.string().nullable(),
  lifecycle: z
    .string()
    .nullable()
    .describe('spec.lifecycle; production marks it as production'),
  system: z.string().nullable().describe('The system it is part of'),
  path: z
    .array(z.string())
    .describe('Entity refs from the agent (exclusive) to this entity'),
});

/** {@link AgentReach} as served in the detail. */
const agentReachSchema: ObjectSchema<AgentReach> = z.object({
  entities: z.array(reachedEntitySchema).describe('Nearest first'),
  bySystem: z.array(
    z.object({ system: z.string().nullable(), entities: z.array(z.string()) }),
  ),
  production: z
    .array(z.string())
    .describe('Reached entities whose lifecycle is production'),
  agents: z.array(z.string()).describe('Other agents reached'),
  hidden: z
    .number()
    .describe('Reached entities the caller may not read: counted, not named'),
});

const mcpToolAnnotationsSchema: ObjectSchema<McpToolAnnotations> = z.object({
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});

/**
 * One tool of an MCP server's inventory (spec 8.2).
 *
 * @public
 */
export const inventoryToolSchema: ObjectSchema<InventoryTool> = z.object({
  name: z.string(),
  title: z.string().nullable(),
  description: z
    .string()
    .nullable()
    .describe("The server's text, bounded; untrusted, render it inert"),
  annotations: mcpToolAnnotationsSchema.describe(
    'The behaviour hints the server declares',
  ),
  firstSeenAt: z.string().describe('ISO 8601: when this tool was first listed'),
  changedAt: z
    .string()
    .nullable()
    .describe(
      'ISO 8601: when its description, schema, title or hints last changed, or it appeared after the first listing; null if never',
    ),
  mayWrite: z.boolean().describe('readOnlyHint is not true'),
  mayDestroy: z.boolean().describe('destructiveHint is true'),
});

const serverToolInventorySchema: ObjectSchema<ServerToolInventory> = z.object({
  server: z
    .string()
    .describe("Lower-case entity ref of the server's API entity"),
  listedAt: z.string().nullable(),
  error: z.string().nullable(),
  tools: z.array(inventoryToolSchema),
});

/**
 * `GET /mcp-servers/:namespace/:name/tools`.
 *
 * @public
 */
export const mcpServerToolsResponseSchema: ObjectSchema<McpServerToolsResponse> =
  z.object({
    listedAt: z
      .string()
      .nullable()
      .describe(
        'ISO 8601 of the listing the tools are from; null if never listed',
      ),
    error: z
      .string()
      .nullable()
      .describe(
        'Why the last listing failed or was not attempted; null if it worked',
      ),
    tools: z.array(inventoryToolSchema),
  });

/**
 * `GET /discovery/mcp-servers`.
 *
 * @public
 */
export const mcpServersDiscoveryResponseSchema: ObjectSchema<McpServersDiscoveryResponse> =
  z.object({
    lastRun: z
      .object({
        startedAt: z.string(),
        finishedAt: z.string(),
        servers: z.number(),
        failed: z.number(),
      })
      .nullable(),
    servers: z.array(
      z.object({
        server: z.string(),
        endpoint: z.string().nullable(),
        outcome: z.enum(['listed', 'failed', 'not-allowed', 'no-endpoint']),
        outcomeAt: z.string(),
        error: z.string().nullable(),
        toolCount: z.number(),
        listedAt: z.string().nullable(),
      }),
    ),
  });

/**
 * An evidence finding (spec 9.2): a declared factor below what the facts
 * show, or a rule without a bound that saw something.
 *
 * @public
 */
export const evidenceFindingSchema: ObjectSchema<EvidenceFinding> = z.object({
  rule: z.string().describe("The rule's id, e.g. writes-through-tools"),
  factor: z
    .enum(AGENTIC_FACTOR_IDS)
    .nullable()
    .describe(
      'The agentic factor the rule bounds; null for a rule without a bound',
    ),
  bound: z
    .number()
    .nullable()
    .describe('The lower bound the facts put on the factor; null without one'),
  declared: z
    .number()
    .nullable()
    .describe('The declared value; null when not declared'),
  facts: z
    .array(z.string())
    .describe(
      'The facts the rule saw, in words, with entity refs and tool names (tool names come from the servers: render them inert)',
    ),
});

/**
 * `GET /agents/:kind/:namespace/:name`: one agent's full record.
 *
 * @public
 */
export const agentRiskRecordSchema: ObjectSchema<AgentRiskRecord> =
  agentListItemSchema.extend({
    factors: agenticFactorValuesSchema.describe('Agentic factor values, 0..1'),
    threatMultiplier: z.number().nullable(),
    mitigationFactor: z.number().nullable(),
    aars: z.number().nullable(),
    contributions: agenticFactorValuesSchema.describe(
      "Each factor's contribution in score points",
    ),
    layers: z.array(layerAssessmentSchema),
    description: z
      .string()
      .nullable()
      .describe(
        "The entity's metadata.description, cut to 1000 characters; untrusted, render it inert",
      ),
    mcpServers: z
      .array(mcpServerSchema)
      .describe(
        'The MCP servers (APIs of type mcp-server) in spec.dependsOn: its tool surface',
      ),
    tools: z
      .array(serverToolInventorySchema)
      .describe(
        'The tools its MCP servers list, per server; descriptions are untrusted',
      ),
    errors: z.array(fieldErrorSchema),
    rank: z
      .number()
      .nullable()
      .describe(
        '1-based rank among scored agents in view; null when not scored',
      ),
    percentile: z
      .number()
      .nullable()
      .describe('Share of scored agents in view with a lower score, 0..100'),
    history: z.array(scoreHistoryEntrySchema).describe('Oldest first'),
    ssvc: ssvcDetailSchema
      .nullable()
      .describe('The AIVSS-SSVC decision; null without SSVC annotations'),
    reach: agentReachSchema
      .nullable()
      .describe(
        'What the agent can act on through the catalog relations (spec 9.1); null before the sync computed it',
      ),
    evidence: z
      .array(evidenceFindingSchema)
      .describe(
        'Evidence findings: declared factors below what the facts show (understated), and rules without a bound; they never change the score',
      ),
  });

/** @public */
export const agentListResponseSchema: ObjectSchema<AgentListResponse> =
  z.object({
    items: z.array(agentListItemSchema),
    totalCount: z.number(),
    nextCursor: z.string().nullable(),
  });

/**
 * {@link OwnerRiskRollup} as served.
 *
 * @public
 */
export const ownerRiskRollupSchema: ObjectSchema<OwnerRiskRollup> = z.object({
  owner: z.string(),
  ownerTitle: z.string().nullable(),
  agents: z.number(),
  maxScore: z.number().nullable(),
  meanScore: z.number().nullable(),
  critical: z.number(),
  high: z.number(),
});

/** @public */
export const histogramBucketSchema: ObjectSchema<HistogramBucket> = z.object({
  from: z.number(),
  to: z.number(),
  count: z.number(),
});

/** @public */
export const systemExposureSchema: ObjectSchema<SystemExposure> = z.object({
  system: z.string(),
  critical: z.number(),
  high: z.number(),
});

/**
 * `GET /summary`.
 *
 * @public
 */
export const riskSummarySchema: ObjectSchema<RiskSummary> = z.object({
  model: scoringModelIdSchema,
  totalAgents: z.number(),
  bySeverity: z.record(severitySchema, z.number()),
  byStatus: z.record(scoreStatusSchema, z.number()),
  byOwner: z.array(ownerRiskRollupSchema),
  histogram: z.array(histogramBucketSchema),
  lastSyncAt: z.string().nullable(),
  bySsvcOutcome: bySsvcOutcomeSchema,
  ssvcOverdue: z.number().describe('Agents whose SSVC due date has passed'),
  exposure: z
    .array(systemExposureSchema)
    .describe(
      'Systems reached by Critical or High agents in view, most Critical first',
    ),
});

/** @public */
export const reachingAgentSchema: ObjectSchema<ReachingAgent> = z.object({
  entityRef: z.string(),
  title: z.string(),
  score: z.number().nullable(),
  severity: severitySchema.nullable(),
  status: scoreStatusSchema,
  path: z
    .array(z.string())
    .describe('Entity refs from the agent (exclusive) to the entity'),
});

/**
 * `GET /reached-by/:kind/:namespace/:name`.
 *
 * @public
 */
export const reachedByResponseSchema: ObjectSchema<ReachedByResponse> =
  z.object({
    entityRef: z.string(),
    totalCount: z.number().describe('Agents in view that reach the entity'),
    items: z.array(reachingAgentSchema).describe('Riskiest first'),
    hidden: z
      .number()
      .describe(
        'Agents not listed because their path passes an entity the caller may not read',
      ),
  });

/**
 * The state of the agents in view at the end of one UTC day.
 *
 * @public
 */
export const riskTrendPointSchema: ObjectSchema<RiskTrendPoint> = z.object({
  date: z.string().describe('YYYY-MM-DD (UTC)'),
  totalAgents: z.number(),
  bySeverity: z
    .object({
      critical: z.number(),
      high: z.number(),
      medium: z.number(),
      low: z.number(),
      none: z.number(),
    } satisfies Record<Severity, z.ZodNumber>)
    .describe('Scored agents per band (unscored agents have no band)'),
  byStatus: z.object({
    scored: z.number(),
    incomplete: z.number(),
    invalid: z.number(),
  } satisfies Record<ScoreStatus, z.ZodNumber>),
  bySsvcOutcome: bySsvcOutcomeSchema,
});

/**
 * `GET /trends`: one point per day, oldest first, the last one today.
 *
 * @public
 */
export const riskTrendResponseSchema: ObjectSchema<RiskTrendResponse> =
  z.object({
    points: z.array(riskTrendPointSchema),
  });

/**
 * `POST /agents/:kind/:namespace/:name/refresh`.
 *
 * @public
 */
export const agentRefreshResultSchema: ObjectSchema<AgentRefreshResult> =
  z.object({
    agent: agentRiskRecordSchema.describe('The record after re-scoring'),
    refreshedAt: z
      .string()
      .describe('ISO 8601 time at which this refresh re-scored the agent'),
    catalogUpdated: z
      .boolean()
      .describe(
        'True when the catalog served a changed entity within the wait',
      ),
    scoreChanged: z
      .boolean()
      .describe('True when status, score or model differ from before'),
    previous: z
      .object({
        status: scoreStatusSchema,
        score: z.number().nullable(),
        severity: severitySchema.nullable(),
      })
      .nullable()
      .describe('The result before the refresh; null when not scored before'),
  });

/**
 * `POST /sync`.
 *
 * @public
 */
export const syncTriggerResultSchema: ObjectSchema<SyncTriggerResult> =
  z.object({
    triggered: z.string(),
    alreadyRunning: z.boolean(),
  });

/**
 * `POST /score`: the scoring result plus the parsed factors and layers.
 *
 * @public
 */
export const whatIfScoreResultSchema: ObjectSchema<WhatIfScoreResult> =
  z.object({
    entityRef: z.string(),
    status: scoreStatusSchema,
    model: scoringModelIdSchema,
    score: z.number().nullable(),
    severity: severitySchema.nullable(),
    cvssBase: z.number().nullable(),
    cvssAssumed: z.boolean(),
    aars: z.number().nullable(),
    factorSum: z.number().nullable(),
    threatMultiplier: z.number().nullable(),
    mitigationFactor: z.number().nullable(),
    contributions: agenticFactorValuesSchema,
    errors: z.array(fieldErrorSchema),
    factors: agenticFactorValuesSchema,
    layers: z.array(layerAssessmentSchema),
    ssvc: ssvcDetailSchema
      .omit({ assessedAt: true, dueAt: true, overdue: true })
      .nullable()
      .describe(
        'The AIVSS-SSVC result (nothing is stored, so no due date); null without SSVC annotations',
      ),
  });

/**
 * `POST /registry/agents` and `PUT /registry/agents/:namespace/:name`.
 *
 * @public
 */
export const registryWriteResultSchema: ObjectSchema<RegistryWriteResult> =
  z.object({
    entityRef: z.string().describe('Lower-case entity ref of the agent'),
  });

/**
 * `POST /import/fetch`: what the URL holds, for the importer to read.
 *
 * @public
 */
export const importFetchResultSchema: ObjectSchema<ImportFetchResult> =
  z.object({
    text: z.string().describe('The document, decoded as UTF-8'),
    contentType: z
      .enum(['application/json', 'text/plain'])
      .describe(
        'application/json when the text parses as JSON (an agent card)',
      ),
  });

/**
 * What an audit entry records: a registry change, or a step of a risk
 * acceptance (asked, approved, revoked or withdrawn, ended by expiry or a
 * severity rise).
 *
 * @public
 */
export const auditActionSchema: z.ZodType<AuditAction> = z.enum([
  'create',
  'update',
  'delete',
  'accept-request',
  'accept-approve',
  'accept-revoke',
  'accept-end',
  'tool-change',
]);

/**
 * One changed field of an audit entry.
 *
 * @public
 */
export const auditChangeSchema: ObjectSchema<AuditChange> = z.object({
  field: z
    .string()
    .describe('An annotation key, metadata.title, spec.owner, ...'),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

/**
 * One entry of the audit trail.
 *
 * @public
 */
export const auditEntrySchema: ObjectSchema<AuditEntry> = z.object({
  at: z.string().describe('ISO 8601'),
  actor: z
    .string()
    .describe("The caller's user entity ref, or the calling service's subject"),
  action: auditActionSchema,
  reason: z.string(),
  changes: z.array(auditChangeSchema),
  registration: z
    .string()
    .nullable()
    .optional()
    .describe(
      'With registrations=all only: the registration (one registry agent, from its registration to its deletion) the entry belongs to; null for an agent defined in YAML',
    ),
});

/**
 * `GET /agents/:kind/:namespace/:name/audit`: newest first.
 *
 * @public
 */
export const auditListResponseSchema: ObjectSchema<AuditListResponse> =
  z.object({
    items: z.array(auditEntrySchema),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as cursor for older entries; null on the last page'),
  });

const registryEntitySchema: z.ZodType<RegistryFeedEntity> = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.object({ name: z.string() }).passthrough(),
  })
  .passthrough();

/**
 * `GET /registry/entities`: every registry entity, for the catalog's entity provider.
 *
 * @public
 */
export const registrySnapshotSchema: ObjectSchema<RegistrySnapshot> = z.object({
  entities: z.array(registryEntitySchema),
  cursor: z
    .number()
    .describe('Where the change feed stood before the entities were read'),
});

/**
 * `GET /registry/changes`: what changed after a cursor.
 *
 * @public
 */
export const registryDeltaSchema: ObjectSchema<RegistryDelta> = z.object({
  added: z
    .array(registryEntitySchema)
    .describe('Created or updated entities, as they are now'),
  removed: z.array(z.string()).describe('Entity refs deleted'),
  cursor: z.number().describe('Pass back as after to continue from here'),
});

/**
 * Answer of the acceptance routes that change it.
 *
 * @public
 */
export const acceptanceResultSchema: ObjectSchema<AcceptanceResult> = z.object({
  entityRef: z.string(),
  acceptance: acceptanceSchema,
});

/**
 * `GET /discovery/sources`.
 *
 * @public
 */
export const discoverySourcesResponseSchema: ObjectSchema<DiscoverySourcesResponse> =
  z.object({
    sources: z.array(
      z.object({
        url: z.string(),
        kind: z.enum(['source', 'annotation']),
        entityRef: z.string().nullable(),
        owner: z.string().nullable(),
        lastRunAt: z.string().nullable(),
        outcome: z.enum(['ok', 'failed', 'not-allowed', 'never-run']),
        cardsFound: z.number(),
        errors: z.array(z.string()),
        lastSeenAt: z.string().nullable(),
        unreachableSince: z.string().nullable(),
        signature: z.string().nullable(),
      }),
    ),
  });
