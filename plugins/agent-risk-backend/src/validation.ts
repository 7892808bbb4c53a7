import { z } from 'zod';
import { InputError } from '@backstage/errors';
import {
  AGENT_LIST_DEFAULT_LIMIT,
  AGENT_LIST_MAX_LIMIT,
  AGENT_LIST_ORDER_FIELDS,
  SCORE_STATUSES,
  SCORING_MODEL_IDS,
  SEVERITIES,
  TREND_DEFAULT_DAYS,
  TREND_MAX_DAYS,
} from '@agent-risk/plugin-agent-risk-common';
import { normalizeRef } from './refs';
import { hasUnsafeText } from './service/unsafeText';
import {
  AgentListOptions,
  AgentListQueryFilters,
} from './service/AgentRiskService';

const UNSAFE_TEXT_MESSAGE =
  'must not contain control characters or invalid Unicode';

/** A query parameter that may be repeated (`owner=a&owner=b` means either). */
const repeated = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .refine(
    v => v === undefined || ![v].flat().some(hasUnsafeText),
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

const refList = (defaultKind: string) =>
  repeated.transform((values, ctx) =>
    values.map(value => {
      const ref = normalizeRef(value, defaultKind, 'default');
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

const listQuerySchema = z.object({
  limit: single.transform((v, ctx) => {
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
  }),
  cursor: single,
  orderBy: single.pipe(
    z
      .enum(AGENT_LIST_ORDER_FIELDS, {
        errorMap: () => ({
          message: `must be one of ${AGENT_LIST_ORDER_FIELDS.join(', ')}`,
        }),
      })
      .default('score'),
  ),
  order: single.pipe(
    z
      .enum(['asc', 'desc'], {
        errorMap: () => ({ message: 'must be asc or desc' }),
      })
      .default('desc'),
  ),
  owner: refList('group'),
  // A system ref or a system title, in any case.
  system: repeated,
  severity: oneOfEach(SEVERITIES),
  status: oneOfEach(SCORE_STATUSES),
  lifecycle: repeated,
  q: single.refine(
    v => v === undefined || v.length <= 200,
    'must be at most 200 characters',
  ),
  reviewOverdue: single.transform((v, ctx) => {
    if (v !== undefined && v !== 'true' && v !== 'false') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be true or false, got "${v}"`,
      });
    }
    return v === undefined ? undefined : v === 'true';
  }),
  includeSubgroups: single.transform((v, ctx) => {
    if (v !== undefined && v !== 'true' && v !== 'false') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be true or false, got "${v}"`,
      });
    }
    return v === 'true';
  }),
});

/** Throws an InputError that names the first bad field. */
function parseOrThrow<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length > 0 ? issue.path.join('.') : where;
    throw new InputError(`Invalid ${where} "${field}": ${issue.message}`);
  }
  return result.data;
}

/** Reads the query of `GET /agents` and `GET /agents.csv`. */
export function parseAgentListQuery(
  query: unknown,
): Omit<AgentListOptions, 'filters'> & { filters: AgentListQueryFilters } {
  const q = parseOrThrow(listQuerySchema, query, 'query parameter');
  return {
    limit: q.limit,
    cursor: q.cursor,
    orderBy: q.orderBy,
    order: q.order,
    filters: {
      owner: q.owner,
      system: q.system,
      severity: q.severity,
      status: q.status,
      lifecycle: q.lifecycle,
      q: q.q,
      reviewOverdue: q.reviewOverdue,
      includeSubgroups: q.includeSubgroups,
    },
  };
}

const filterQuerySchema = listQuerySchema.pick({
  owner: true,
  system: true,
  severity: true,
  status: true,
  lifecycle: true,
  q: true,
  reviewOverdue: true,
  includeSubgroups: true,
});

/** Reads the ranking's filters from the query of `GET /summary`. */
export function parseSummaryQuery(query: unknown): AgentListQueryFilters {
  return parseOrThrow(filterQuerySchema, query, 'query parameter');
}

const trendQuerySchema = filterQuerySchema.extend({
  days: single.transform((v, ctx) => {
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
  }),
});

/** Reads the query of `GET /trends`: `days` plus the ranking's filters. */
export function parseTrendQuery(query: unknown): {
  days: number;
  filters: AgentListQueryFilters;
} {
  const { days, ...filters } = parseOrThrow(
    trendQuerySchema,
    query,
    'query parameter',
  );
  return { days, filters };
}

const scoreBodySchema = z.object({
  entity: z
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
    .passthrough(),
  model: z
    .enum(SCORING_MODEL_IDS, {
      errorMap: () => ({
        message: `must be one of ${SCORING_MODEL_IDS.join(', ')}`,
      }),
    })
    .optional(),
});

/** Reads the body of `POST /score`. */
export function parseScoreBody(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'Invalid request body: expected a JSON object { entity, model? }',
    );
  }
  return parseOrThrow(scoreBodySchema, body, 'request body field');
}

const refPart = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^:/]+$/, 'must not contain ":" or "/"')
  .refine(v => !hasUnsafeText(v), UNSAFE_TEXT_MESSAGE);

/** Reads `:kind/:namespace/:name` path parameters. */
export function parseEntityPath(params: unknown) {
  return parseOrThrow(
    z.object({ kind: refPart, namespace: refPart, name: refPart }),
    params,
    'path parameter',
  );
}
