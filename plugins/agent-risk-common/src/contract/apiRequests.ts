import { z } from 'zod/v3';
import {
  AGENT_LIST_DEFAULT_LIMIT,
  AGENT_LIST_MAX_LIMIT,
  AGENT_LIST_ORDER_FIELDS,
} from './api';
import type {
  AcceptanceRequest,
  AgentListQuery,
  AuditListQuery,
  EntityPath,
  ImportFetchRequest,
  ReachedByQuery,
  ReasonQuery,
  RegistryAgentPath,
  RegistryChangesQuery,
  RegistryWriteRequest,
  ScoreRequest,
  SummaryQuery,
  TrendQuery,
} from './api';
import type { RequestSchema } from './schemaTypes';
import { ACCEPTANCE_STATES } from '../domain/acceptance';
import { SCORE_STATUSES, SCORING_MODEL_IDS } from '../domain/scoring';
import { SEVERITIES } from '../domain/severity';
import { SSVC_OUTCOMES } from '../domain/ssvc';
import { TREND_DEFAULT_DAYS, TREND_MAX_DAYS } from './trends';
import { normalizeEntityRef } from '../domain/agents';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from '../domain/safeText';

/*
 * What the HTTP API accepts: query, path and body schemas of the routes in
 * apiRoutes.ts, each typed as a schema of its interface in api.ts. The
 * backend's router parses every request with these (a failure is a 400
 * naming the field).
 */

/** A query parameter that may be repeated (`owner=a&owner=b` means either). */
const repeated = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .refine(
    v => v === undefined || ![v].flat().some(text => hasUnsafeText(text)),
    UNSAFE_TEXT_MESSAGE,
  )
  .transform(v =>
    (v === undefined ? [] : [v].flat())
      .map(s => s.trim())
      .filter(s => s !== ''),
  );

/** A query parameter that may be given at most once. */
const single = z
  .union([z.string(), z.array(z.string())], {
    errorMap: () => ({ message: 'must be plain text' }),
  })
  .optional()
  .refine(v => !Array.isArray(v), 'must be given at most once')
  .refine(v => typeof v !== 'string' || !hasUnsafeText(v), UNSAFE_TEXT_MESSAGE)
  .transform(v => (v as string | undefined)?.trim() || undefined);

/** A page size from 1 to `max`; `fallback` when not given. */
const limitParam = (fallback: number, max: number, description: string) =>
  single
    .transform((v, ctx) => {
      if (v === undefined) {
        return fallback;
      }
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!(n >= 1 && n <= max)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an integer from 1 to ${max}`,
        });
      }
      return n;
    })
    .describe(description);

const refList = (defaultKind: string) =>
  repeated.transform((values, ctx) =>
    values.map(value => {
      const ref = normalizeEntityRef(value, defaultKind, 'default');
      if (!ref) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `"${value}" is not an entity ref`,
        });
      }
      return ref ?? '';
    }),
  );

const oneOfEach = <T extends string>(allowed: readonly T[]) =>
  repeated.transform((values, ctx) => {
    for (const value of values) {
      if (!(allowed as readonly string[]).includes(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `"${value}" is not one of ${allowed.join(', ')}`,
        });
      }
    }
    return values as T[];
  });

/** A query parameter that is true or false when given. */
const flag = single.transform((v, ctx) => {
  if (v !== undefined && v !== 'true' && v !== 'false') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be true or false, got "${v}"`,
    });
  }
  return v === undefined ? undefined : v === 'true';
});

/**
 * The ranking's filters, shared by `GET /agents`, `GET /agents.csv`,
 * `GET /summary` and `GET /trends`. Every filter but `q`, `includeSubgroups`
 * and `reviewOverdue` may be repeated and then means "any of".
 */
const agentFilterShape = {
  owner: refList('group').describe(
    'Owner entity ref; a bare name means group:default/<name>',
  ),
  includeSubgroups: flag
    .transform(v => v ?? false)
    .describe(
      'true: each owner group also stands for its sub-groups (at any depth) and their members (default false)',
    ),
  system: repeated.describe('System entity ref or title, any case'),
  severity: oneOfEach(SEVERITIES).describe(
    `Severity band: ${SEVERITIES.join(', ')}`,
  ),
  status: oneOfEach(SCORE_STATUSES).describe(
    `Score status: ${SCORE_STATUSES.join(', ')}`,
  ),
  lifecycle: repeated.describe('Lifecycle, any case'),
  acceptance: oneOfEach(ACCEPTANCE_STATES).describe(
    `State of the agent's latest risk acceptance: ${ACCEPTANCE_STATES.join(
      ', ',
    )}`,
  ),
  q: single
    .refine(
      v => v === undefined || v.length <= 200,
      'must be at most 200 characters',
    )
    .describe(
      'Free text matched against entity ref, name, title, owner title, system title, MAESTRO threat ids, and MCP server and tool names',
    ),
  reviewOverdue: flag.describe(
    'true: only agents whose review is overdue (or that were never reviewed, or whose SSVC due date has passed); false: only those that are not',
  ),
  ssvcOutcome: oneOfEach([...SSVC_OUTCOMES, 'none'] as const).describe(
    `AIVSS-SSVC outcome: ${SSVC_OUTCOMES.join(
      ', ',
    )}, or none (no outcome: no SSVC annotations, or incomplete or invalid ones)`,
  ),
  understated: flag.describe(
    'true: only agents with an understated evidence finding (a declared factor below what the facts show); false: only those without',
  ),
  discovered: flag.describe(
    'true: only agents found by A2A agent-card discovery (they carry agent-risk.io/discovered-from); false: only those registered otherwise',
  ),
  assessed: flag.describe(
    'true: only agents with any aivss.owasp.org/ annotation; false: only those not yet assessed (an incomplete agent without any)',
  ),
};

/**
 * Query of `GET /agents` and `GET /agents.csv`. Every filter but `q`,
 * `includeSubgroups` and `reviewOverdue` may be repeated and then means
 * "any of".
 *
 * @public
 */
export const agentListQuerySchema: RequestSchema<AgentListQuery> = z.object({
  limit: single
    .transform((v, ctx) => {
      if (v === undefined) {
        return AGENT_LIST_DEFAULT_LIMIT;
      }
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!(n >= 1 && n <= AGENT_LIST_MAX_LIMIT)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an integer from 1 to ${AGENT_LIST_MAX_LIMIT}, got "${v}"`,
        });
      }
      return n;
    })
    .describe(
      `Page size, an integer from 1 to ${AGENT_LIST_MAX_LIMIT} (default ${AGENT_LIST_DEFAULT_LIMIT})`,
    ),
  cursor: single.describe(
    'The nextCursor of the previous page; only valid with the same orderBy and order',
  ),
  orderBy: single
    .pipe(
      z
        .enum(AGENT_LIST_ORDER_FIELDS, {
          errorMap: () => ({
            message: `must be one of ${AGENT_LIST_ORDER_FIELDS.join(', ')}`,
          }),
        })
        .default('score'),
    )
    .describe(
      'Sort field (default score). owner sorts by the display name shown (the ref when the catalog has none), severity by band (unscored agents lowest), cvssBase with agents without one lowest; dueAt is the SSVC due date, agents without one last in ascending order',
    ),
  order: single
    .pipe(
      z
        .enum(['asc', 'desc'], {
          errorMap: () => ({ message: 'must be asc or desc' }),
        })
        .default('desc'),
    )
    .describe('asc or desc (default desc); ties by entityRef ascending'),
  ...agentFilterShape,
});

/**
 * Query of `GET /summary`: the ranking's filters.
 *
 * @public
 */
export const summaryQuerySchema: RequestSchema<SummaryQuery> =
  z.object(agentFilterShape);

/**
 * Query of `GET /trends`: how many days, and the ranking's filters but
 * `reviewOverdue`, `acceptance` and `ssvcOutcome` (history keeps scores,
 * not reviews or acceptances; each point counts its SSVC outcomes). Owner, system,
 * lifecycle and text choose agents by their current attributes; severity and
 * status count each day's state.
 *
 * @public
 */
export const trendQuerySchema: RequestSchema<TrendQuery> = summaryQuerySchema
  .omit({
    reviewOverdue: true,
    acceptance: true,
    ssvcOutcome: true,
    understated: true,
    discovered: true,
    assessed: true,
  })
  .extend({
    days: single
      .transform((v, ctx) => {
        if (v === undefined) {
          return TREND_DEFAULT_DAYS;
        }
        const n = /^\d+$/.test(v) ? Number(v) : NaN;
        if (!(n >= 1 && n <= TREND_MAX_DAYS)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be an integer from 1 to ${TREND_MAX_DAYS}, got "${v}"`,
          });
        }
        return n;
      })
      .describe(
        `Days answered, an integer from 1 to ${TREND_MAX_DAYS} (default ${TREND_DEFAULT_DAYS}); the last is today (UTC)`,
      ),
  });

const refPart = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^:/]+$/, 'must not contain ":" or "/"')
  .refine(v => !hasUnsafeText(v), UNSAFE_TEXT_MESSAGE);

/**
 * The `:kind/:namespace/:name` path parameters of one agent.
 *
 * @public
 */
export const entityPathSchema: RequestSchema<EntityPath> = z.object({
  kind: refPart,
  namespace: refPart,
  name: refPart,
});

/** An entity in a request body: the catalog checks the rest. */
const entityInputSchema = z
  .object(
    {
      apiVersion: z.string().optional(),
      kind: z.string({ required_error: 'is required' }).min(1),
      metadata: z
        .object(
          {
            name: z.string({ required_error: 'is required' }).min(1),
            namespace: z.string().optional(),
            title: z.string().optional(),
            annotations: z
              .record(z.string({ invalid_type_error: 'must be a string' }))
              .optional(),
          },
          { required_error: 'is required' },
        )
        .passthrough(),
      spec: z.record(z.unknown()).optional(),
    },
    {
      required_error: 'is required',
      invalid_type_error: 'must be an entity',
    },
  )
  .passthrough();

/**
 * Body of `POST /score`: an entity (scored whatever its kind) and an
 * optional scoring model.
 *
 * @public
 */
export const scoreRequestSchema: RequestSchema<ScoreRequest> = z.object({
  entity: entityInputSchema,
  model: z
    .enum(SCORING_MODEL_IDS, {
      errorMap: () => ({
        message: `must be one of ${SCORING_MODEL_IDS.join(', ')}`,
      }),
    })
    .optional(),
});

/**
 * Longest reason a registry write or acceptance may carry.
 *
 * @public
 */
export const REGISTRY_REASON_MAX_LENGTH = 2000;

const reasonSchema = z
  .string({ required_error: 'is required', invalid_type_error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(
    REGISTRY_REASON_MAX_LENGTH,
    `must be at most ${REGISTRY_REASON_MAX_LENGTH} characters`,
  )
  .refine(
    v => !hasUnsafeText(v, { allowLineBreaks: true }),
    UNSAFE_TEXT_MESSAGE,
  )
  .describe('Why: kept in the audit trail');

/**
 * Body of `POST /registry/agents` and `PUT /registry/agents/:namespace/:name`.
 *
 * @public
 */
export const registryWriteRequestSchema: RequestSchema<RegistryWriteRequest> =
  z.object({
    entity: entityInputSchema.describe(
      'The agent entity; its annotations carry the assessment',
    ),
    reason: reasonSchema,
  });

/**
 * The `:namespace/:name` path parameters of a registry agent.
 *
 * @public
 */
export const registryAgentPathSchema: RequestSchema<RegistryAgentPath> =
  z.object({
    namespace: refPart,
    name: refPart,
  });

/**
 * Query of `DELETE /registry/agents/:namespace/:name`.
 *
 * @public
 */
export const registryDeleteQuerySchema: RequestSchema<ReasonQuery> = z.object({
  reason: single.pipe(reasonSchema),
});

/**
 * Most audit entries one page holds.
 *
 * @public
 */
export const AUDIT_MAX_LIMIT = 200;

/** The most agents `GET /reached-by` lists at once. */
const REACHED_BY_MAX_LIMIT = 100;

/**
 * Query of `GET /reached-by/:kind/:namespace/:name`.
 *
 * @public
 */
export const reachedByQuerySchema: RequestSchema<ReachedByQuery> = z.object({
  limit: limitParam(
    20,
    REACHED_BY_MAX_LIMIT,
    `How many of the riskiest agents to list, 1 to ${REACHED_BY_MAX_LIMIT} (default 20)`,
  ),
});

/**
 * Query of `GET /agents/:kind/:namespace/:name/audit`.
 *
 * @public
 */
export const auditListQuerySchema: RequestSchema<AuditListQuery> = z.object({
  limit: limitParam(
    50,
    AUDIT_MAX_LIMIT,
    `Page size, 1 to ${AUDIT_MAX_LIMIT} (default 50)`,
  ),
  cursor: single
    .refine(
      v => v === undefined || /^[1-9]\d{0,14}$/.test(v),
      'must come from nextCursor',
    )
    .describe('The nextCursor of the previous (newer) page'),
  registrations: single
    .refine(
      v => v === undefined || v === 'current' || v === 'all',
      'must be current or all',
    )
    .transform(v => (v === 'all' ? ('all' as const) : ('current' as const)))
    .describe(
      'current (default): the trail of the agent that has this name now. all: also the trails of earlier agents of this name that were deleted, each entry marked with its registration (needs agent-risk.audit.history)',
    ),
});

/**
 * The longest `wait` of `GET /registry/changes`, in seconds: below the
 * usual 30-60 s idle timeouts of proxies between the catalog and the backend.
 *
 * @public
 */
export const REGISTRY_CHANGES_MAX_WAIT_SECONDS = 25;

/**
 * Query of `GET /registry/changes`.
 *
 * @public
 */
export const registryChangesQuerySchema: RequestSchema<RegistryChangesQuery> =
  z.object({
    after: single
      .refine(
        v => v === undefined || /^\d{1,15}$/.test(v),
        'must be a change cursor',
      )
      .transform(v => (v === undefined ? 0 : Number(v)))
      .describe('The cursor of the last snapshot or delta read (default 0)'),
    wait: single
      .refine(
        v => v === undefined || /^\d{1,2}$/.test(v),
        `must be whole seconds from 0 to ${REGISTRY_CHANGES_MAX_WAIT_SECONDS}`,
      )
      .transform(v => (v === undefined ? 0 : Number(v)))
      .refine(
        v => v <= REGISTRY_CHANGES_MAX_WAIT_SECONDS,
        `must be whole seconds from 0 to ${REGISTRY_CHANGES_MAX_WAIT_SECONDS}`,
      )
      .describe(
        'Seconds to hold the request while nothing changed (default 0): it answers as soon as a change lands, so the provider learns of it at once with one request per wait instead of one every few seconds',
      ),
  });

/**
 * Body of `POST /agents/:kind/:namespace/:name/acceptance`.
 *
 * @public
 */
export const acceptanceRequestSchema: RequestSchema<AcceptanceRequest> =
  z.object({
    justification: reasonSchema.describe(
      'Why the risk is accepted: kept with the acceptance and in the audit trail',
    ),
    expiresAt: z
      .string({
        required_error: 'is required',
        invalid_type_error: 'must be text',
      })
      .regex(
        /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
        'must be an ISO 8601 date (YYYY-MM-DD) or date-time',
      )
      .refine(v => !Number.isNaN(Date.parse(v)), 'must be a real date')
      .describe(
        'When the acceptance ends (a date means the end of that day, UTC); in the future, within agentRisk.acceptance.maxDays',
      ),
  });

/**
 * Query of `DELETE /agents/:kind/:namespace/:name/acceptance`.
 *
 * @public
 */
export const acceptanceRevokeQuerySchema = registryDeleteQuerySchema;

/**
 * Longest URL `POST /import/fetch` reads.
 *
 * @public
 */
export const IMPORT_URL_MAX_LENGTH = 2048;

/**
 * Body of `POST /import/fetch`: the URL of an agent card or threat-model
 * document for the backend to read.
 *
 * @public
 */
export const importFetchRequestSchema: RequestSchema<ImportFetchRequest> =
  z.object({
    url: z
      .string({
        required_error: 'is required',
        invalid_type_error: 'must be text',
      })
      .trim()
      .max(
        IMPORT_URL_MAX_LENGTH,
        `must be at most ${IMPORT_URL_MAX_LENGTH} characters`,
      )
      .refine(v => {
        try {
          const { protocol } = new URL(v);
          return protocol === 'https:' || protocol === 'http:';
        } catch {
          return false;
        }
      }, 'must be an absolute http or https URL')
      .describe(
        'An agent card or document; the host must be allowed by agentRisk.fetch.allow',
      ),
  });
