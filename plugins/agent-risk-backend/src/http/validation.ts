import { z } from 'zod/v3';
import { InputError } from '@backstage/errors';
import {
  AgentListQuery,
  SummaryQuery,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AgentListOptions,
  AgentListQueryFilters,
} from '../queries/AgentRiskService';

/** Where a request value came from, as the 400 message names it. */
export type RequestPart = 'query parameter' | 'path parameter' | 'request body';

/** Parses with a contract schema; throws an InputError that names the first bad field. */
export function parseRequestPart<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  part: RequestPart,
): z.output<T> {
  if (
    part === 'request body' &&
    (typeof input !== 'object' || input === null || Array.isArray(input))
  ) {
    throw new InputError('Invalid request body: expected a JSON object');
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = part === 'request body' ? 'request body field' : part;
    const field = issue.path.length > 0 ? issue.path.join('.') : where;
    throw new InputError(`Invalid ${where} "${field}": ${issue.message}`);
  }
  return result.data;
}

/** The ranking's filters of a parsed query (`GET /agents`, `/summary`), before the owner filter is widened along the org. */
export function toQueryFilters(query: SummaryQuery): AgentListQueryFilters {
  return {
    owner: query.owner,
    system: query.system,
    severity: query.severity,
    status: query.status,
    lifecycle: query.lifecycle,
    q: query.q,
    reviewOverdue: query.reviewOverdue,
    acceptance: query.acceptance,
    ssvcOutcome: query.ssvcOutcome,
    understated: query.understated,
    discovered: query.discovered,
    assessed: query.assessed,
    includeSubgroups: query.includeSubgroups,
  };
}

/** The parsed query of `GET /agents` as the read model takes it, before the owner filter is widened. */
export function toAgentListOptions(
  query: AgentListQuery,
): Omit<AgentListOptions, 'filters'> & { filters: AgentListQueryFilters } {
  return {
    limit: query.limit,
    cursor: query.cursor,
    orderBy: query.orderBy,
    order: query.order,
    filters: toQueryFilters(query),
  };
}
