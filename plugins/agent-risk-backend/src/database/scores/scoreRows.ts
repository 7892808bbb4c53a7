import {
  AgentListOrderField,
  ScoreStatus,
  ScoringModelId,
  Severity,
  SsvcAgentClass,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { num, numOrNull } from '../tables';
import { AgentScoreWrite, StoredAgentListItem } from '../types';
import { ownerSortKey, severitySortKey } from './sortKeys';
import { DatedSsvc, NO_DUE_DATE_SORT } from './ssvcDates';
import { searchTextOf } from './searchText';

/*
 * The scores table's row, both ways: what a write stores (typed columns for
 * every filter and order) and what the ranking reads back.
 */

/** Characters of the display name kept as its sort key. */
const SORT_NAME_MAX_LENGTH = 256;

/** The column each order of the ranking sorts by. */
export const ORDER_COLUMNS: Record<AgentListOrderField, string> = {
  score: 'score_sort',
  name: 'sort_name',
  owner: 'owner_sort',
  computedAt: 'computed_at',
  cvssBase: 'cvss_sort',
  severity: 'severity_sort',
  dueAt: 'ssvc_due_sort',
};

/**
 * What a ranking row shows. The sort key columns are left out: a page reads
 * only the one its order needs (for the next page's keyset), so each row
 * costs fewer values to send and parse.
 */
export const LIST_COLUMNS = [
  'entity_ref',
  'title',
  'owner',
  'owner_title',
  'system',
  'system_title',
  'lifecycle',
  'model',
  'status',
  'score',
  'severity',
  'cvss_base',
  'cvss_assumed',
  'factor_sum',
  'reviewed_at',
  'computed_at',
  'reason',
  'ssvc_status',
  'ssvc_outcome',
  'ssvc_class',
  'ssvc_risk_score',
  'ssvc_assessed_at',
  'ssvc_due_at',
  'understated',
  'discovered',
  'assessed',
];

/** A ranking row as the list query reads it. */
export type ListRow = {
  /** JSON, only when asked for (the CSV's reasons). */
  reasons?: string | null;
  /** JSON, only when asked for (the CSV's evidence findings). */
  evidence?: string | null;
  /** Boolean on PostgreSQL, 0 or 1 on SQLite. */
  has_acceptance: boolean | number;
  entity_ref: string;
  title: string;
  owner: string;
  owner_title: string | null;
  system: string | null;
  system_title: string | null;
  lifecycle: string | null;
  model: string;
  status: string;
  score: number | string | null;
  /** The sort keys: only the one of the page's order is read. */
  score_sort?: number | string;
  severity: string | null;
  cvss_base: number | string | null;
  cvss_assumed: boolean | number;
  factor_sum: number | string | null;
  computed_at: string;
  reviewed_at: string | null;
  sort_name?: string;
  owner_sort?: string;
  severity_sort?: number | string;
  cvss_sort?: number | string;
  reason: string | null;
  ssvc_status: string | null;
  ssvc_outcome: string | null;
  ssvc_class: string | null;
  ssvc_risk_score: number | string | null;
  ssvc_assessed_at: string | null;
  ssvc_due_at: string | null;
  ssvc_due_sort?: string;
  /** Boolean on PostgreSQL, 0 or 1 on SQLite. */
  understated: boolean | number;
  /** Boolean on PostgreSQL, 0 or 1 on SQLite. */
  discovered: boolean | number;
  /** Boolean on PostgreSQL, 0 or 1 on SQLite. */
  assessed: boolean | number;
};

export function toListItem(row: ListRow): StoredAgentListItem {
  return {
    entityRef: row.entity_ref,
    title: row.title,
    owner: row.owner === '' ? null : row.owner,
    ownerTitle: row.owner_title ?? null,
    system: row.system,
    systemTitle: row.system_title ?? null,
    lifecycle: row.lifecycle,
    model: row.model as ScoringModelId,
    status: row.status as ScoreStatus,
    score: numOrNull(row.score),
    severity: row.severity as Severity | null,
    cvssBase: numOrNull(row.cvss_base),
    cvssAssumed: Boolean(row.cvss_assumed),
    factorSum: numOrNull(row.factor_sum),
    reason: row.reason ?? null,
    computedAt: row.computed_at,
    reviewedAt: row.reviewed_at ?? null,
    ssvc: row.ssvc_status
      ? {
          status: row.ssvc_status as 'scored' | 'incomplete' | 'invalid',
          outcome: (row.ssvc_outcome as SsvcOutcome | null) ?? null,
          agentClass: (row.ssvc_class as SsvcAgentClass | null) ?? null,
          riskScore: numOrNull(row.ssvc_risk_score),
          assessedAt: row.ssvc_assessed_at ?? null,
          dueAt: row.ssvc_due_at ?? null,
        }
      : null,
    understated: Boolean(row.understated),
    discovered: Boolean(row.discovered),
    assessed: Boolean(row.assessed),
  };
}

/** The keyset value of a row for an order: what the next page starts after. */
export function sortValue(
  row: ListRow,
  field: AgentListOrderField,
): string | number {
  switch (field) {
    case 'score':
      return num(row.score_sort!);
    case 'name':
      return row.sort_name!;
    case 'owner':
      return row.owner_sort!;
    case 'severity':
      return num(row.severity_sort!);
    case 'cvssBase':
      return num(row.cvss_sort!);
    case 'dueAt':
      return row.ssvc_due_sort!;
    case 'computedAt':
    default:
      return row.computed_at;
  }
}

/** The scores row of an agent's record, written at `computedAt`. */
export function toScoreRow(
  s: AgentScoreWrite,
  computedAt: string,
  dated: DatedSsvc,
) {
  const r = s.record;
  const ssvc = dated.ssvc;
  const lower = (text: string | null) =>
    text === null ? null : text.toLocaleLowerCase('en-US');
  return {
    entity_ref: r.entityRef,
    kind: s.kind,
    namespace: s.namespace,
    name: s.name,
    title: r.title,
    // Bounded: a sort key longer than this adds nothing, and PostgreSQL
    // cannot index arbitrarily long values.
    sort_name: (r.title || s.name)
      .slice(0, SORT_NAME_MAX_LENGTH)
      .toLocaleLowerCase('en-US'),
    owner: r.owner ?? '',
    owner_sort: ownerSortKey(r.owner, r.ownerTitle),
    system: r.system,
    lifecycle: r.lifecycle,
    owner_title: r.ownerTitle,
    system_title: r.systemTitle,
    lifecycle_key: lower(r.lifecycle),
    system_key: lower(r.system),
    system_title_key: lower(r.systemTitle),
    model: r.model,
    status: r.status,
    score: r.score,
    score_sort: r.score ?? -1,
    severity: r.severity,
    severity_sort: severitySortKey(r.severity),
    cvss_base: r.cvssBase,
    cvss_sort: r.cvssBase ?? -1,
    cvss_assumed: r.cvssAssumed,
    factor_sum: r.factorSum,
    reason: r.reason,
    computed_at: computedAt,
    reviewed_at: r.reviewedAt,
    input_hash: s.inputHash,
    record_hash: s.recordHash,
    source_hash: s.sourceHash ?? null,
    ssvc_status: ssvc?.status ?? null,
    ssvc_outcome: ssvc?.outcome ?? null,
    ssvc_class: ssvc?.agentClass ?? null,
    ssvc_risk_score: ssvc?.riskScore ?? null,
    ssvc_inputs_hash: s.ssvcInputsHash,
    ssvc_seen_at: dated.seenAt,
    ssvc_assessed_at: ssvc?.assessedAt ?? null,
    ssvc_due_at: ssvc?.dueAt ?? null,
    ssvc_due_sort: ssvc?.dueAt ?? NO_DUE_DATE_SORT,
    search_text: searchTextOf(r, s.name),
    discovered: s.discovered ?? false,
    assessed: s.assessed ?? false,
  };
}
