import {
  ACCEPTANCE_STATES,
  AcceptanceState,
  AGENT_LIST_DEFAULT_LIMIT,
  AGENT_LIST_ORDER_FIELDS,
  AgentListOrderField,
  isSeverity,
  SCORE_STATUSES,
  ScoreStatus,
  Severity,
  SortOrder,
  SSVC_OUTCOMES,
  SsvcOutcomeCounts,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentListFilters } from '../../api';

/** The ranking page's view, as kept in the URL query string so it can be shared. */
export interface RankingQuery extends AgentListFilters {
  orderBy: AgentListOrderField;
  order: SortOrder;
  limit: number;
  /** "Owned by me": filter by the signed-in user's ownership refs. */
  mine: boolean;
  /** 1-based page number, so a shared link opens on the same page. */
  page: number;
  /** The keyset cursor of `page`; the server pages by cursor only. */
  cursor?: string;
}

/** The page sizes offered; a `limit` in the URL is clamped to one of them. */
export const PAGE_SIZES = [10, 25, 50, 100];

/** The smallest offered page size holding `limit` rows, or the largest. */
export function clampPageSize(limit: number): number {
  return (
    PAGE_SIZES.find(size => size >= limit) ?? PAGE_SIZES[PAGE_SIZES.length - 1]
  );
}

/** Keys that only move within the same view; any other change starts again at page 1. */
export const PAGE_POSITION_KEYS: readonly (keyof RankingQuery)[] = [
  'page',
  'cursor',
];

/** The order a column starts in when first clicked: numbers and times high first, names A to Z. */
export const DEFAULT_ORDER: Record<AgentListOrderField, SortOrder> = {
  score: 'desc',
  computedAt: 'desc',
  name: 'asc',
  owner: 'asc',
  cvssBase: 'desc',
  severity: 'desc',
  // Earliest deadline first.
  dueAt: 'asc',
};

const isOrderField = (v: string | null): v is AgentListOrderField =>
  (AGENT_LIST_ORDER_FIELDS as readonly (string | null)[]).includes(v);
/** The outcome filter's values: the outcomes, and `none` for agents without SSVC. */
export const SSVC_OUTCOME_FILTERS: readonly (keyof SsvcOutcomeCounts)[] = [
  ...[...SSVC_OUTCOMES].reverse(),
  'none',
];
const isOutcomeFilter = (v: string): v is keyof SsvcOutcomeCounts =>
  (SSVC_OUTCOME_FILTERS as readonly string[]).includes(v);
const isAcceptanceState = (v: string): v is AcceptanceState =>
  (ACCEPTANCE_STATES as readonly string[]).includes(v);
const isStatus = (v: string): v is ScoreStatus =>
  (SCORE_STATUSES as readonly string[]).includes(v);

/** Reads the view from the URL, dropping values the backend would reject. */
export function parseRankingQuery(params: URLSearchParams): RankingQuery {
  const all = (key: string) => params.getAll(key).filter(v => v.trim() !== '');
  const orderByParam = params.get('orderBy');
  const orderBy = isOrderField(orderByParam) ? orderByParam : 'score';
  const orderParam = params.get('order');
  const order: SortOrder =
    orderParam === 'asc' || orderParam === 'desc'
      ? orderParam
      : DEFAULT_ORDER[orderBy];
  const limitParam = Number(params.get('limit'));
  // Clamped to an offered size: the page-size select must show a value it has.
  const limit =
    params.has('limit') && Number.isInteger(limitParam) && limitParam > 0
      ? clampPageSize(limitParam)
      : AGENT_LIST_DEFAULT_LIMIT;
  const cursor = params.get('cursor') || undefined;
  const pageParam = Number(params.get('page'));
  // Without its cursor a page number cannot be fetched: start at page 1.
  const page =
    cursor && Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  return {
    owner: all('owner'),
    severity: all('severity').filter(isSeverity) as Severity[],
    status: all('status').filter(isStatus),
    system: all('system'),
    lifecycle: all('lifecycle'),
    acceptance: all('acceptance').filter(isAcceptanceState),
    ssvcOutcome: all('ssvcOutcome').filter(isOutcomeFilter),
    q: params.get('q') ?? '',
    reviewOverdue: params.get('reviewOverdue') === 'true' ? true : undefined,
    understated: params.get('understated') === 'true' ? true : undefined,
    discovered: params.get('discovered') === 'true' ? true : undefined,
    // "Not yet assessed" is the one choice the page offers.
    assessed: params.get('assessed') === 'false' ? false : undefined,
    orderBy,
    order,
    limit,
    mine: params.get('mine') === 'true',
    page,
    cursor: page > 1 ? cursor : undefined,
  };
}

/** Writes the view back to the URL, leaving defaults out so links stay short. */
export function toSearchParams(query: RankingQuery): URLSearchParams {
  const params = new URLSearchParams();
  const add = (key: string, values: readonly string[] | undefined) =>
    values?.forEach(v => params.append(key, v));
  add('owner', query.owner);
  add('severity', query.severity);
  add('status', query.status);
  add('system', query.system);
  add('lifecycle', query.lifecycle);
  add('acceptance', query.acceptance);
  add('ssvcOutcome', query.ssvcOutcome);
  if (query.q) params.set('q', query.q);
  if (query.reviewOverdue) params.set('reviewOverdue', 'true');
  if (query.understated) params.set('understated', 'true');
  if (query.discovered) params.set('discovered', 'true');
  if (query.assessed === false) params.set('assessed', 'false');
  if (query.orderBy !== 'score') params.set('orderBy', query.orderBy);
  if (query.order !== DEFAULT_ORDER[query.orderBy])
    params.set('order', query.order);
  if (query.limit !== AGENT_LIST_DEFAULT_LIMIT)
    params.set('limit', String(query.limit));
  if (query.mine) params.set('mine', 'true');
  if (query.page > 1 && query.cursor) {
    params.set('page', String(query.page));
    params.set('cursor', query.cursor);
  }
  return params;
}
