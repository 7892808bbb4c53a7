import {
  AcceptanceState,
  AgentListItem,
  AgentListOrderField,
  AgentRiskRecord,
  EvidenceFinding,
  OwnerRiskRollup,
  ScoreHistoryEntry,
  ScoreStatus,
  Severity,
  SortOrder,
  SsvcDetail,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * An agent's SSVC decision as stored: whether it is overdue depends on the
 * time of reading.
 *
 * @public
 */
export type StoredSsvc = Omit<SsvcDetail, 'overdue'>;

/**
 * An agent's SSVC result as scored, before the store dates it (the
 * assessment date may be when the store first saw its inputs).
 *
 * @public
 */
export type ScoredSsvc = Omit<SsvcDetail, 'overdue' | 'assessedAt' | 'dueAt'>;

/**
 * What the store keeps per agent: the detail record without the parts computed at read time.
 *
 * @public
 */
export type StoredAgentRecord = Omit<
  AgentRiskRecord,
  | 'rank'
  | 'percentile'
  | 'history'
  | 'reviewDue'
  | 'reviewOverdue'
  | 'acceptance'
  | 'ssvc'
  | 'reach'
  | 'tools'
> & { ssvc: StoredSsvc | null };

/**
 * One agent as the detail reads it: its stored record, and whether a risk
 * acceptance is stored for it (read in the same query).
 *
 * @public
 */
export type StoredAgentDetail = StoredAgentRecord & { hasAcceptance: boolean };

/**
 * A ranking row as stored: the review state depends on the time of reading,
 * and the acceptance comes from its own store.
 *
 * @public
 */
export type StoredAgentListItem = Omit<
  AgentListItem,
  'reviewDue' | 'reviewOverdue' | 'acceptance' | 'ssvc'
> & {
  ssvc: Omit<
    StoredSsvc,
    'categoryAverages' | 'exposure' | 'likelihood' | 'errors'
  > | null;
};

/**
 * What an agent's CSV reasons are made of: its factor contributions and
 * validation problems, stored beside its record.
 *
 * @public
 */
export type StoredAgentReasons = Pick<
  StoredAgentRecord,
  'contributions' | 'errors'
>;

/**
 * One row of the CSV export as stored: the agent, its reasons, and whether
 * it has a risk acceptance record (current or ended) to read.
 *
 * @public
 */
export interface StoredAgentWithReasons {
  agent: StoredAgentListItem;
  reasons: StoredAgentReasons | null;
  /** Its evidence findings (spec 9.2). */
  evidence: EvidenceFinding[];
  hasAcceptance: boolean;
}

/**
 * One agent's freshly computed score, ready to be written.
 *
 * @public
 */
export interface AgentScoreWrite {
  record: Omit<
    StoredAgentRecord,
    | 'computedAt'
    | 'ssvc'
    | 'evidence'
    | 'understated'
    | 'discovered'
    | 'assessed'
  > & {
    ssvc: ScoredSsvc | null;
  };
  kind: string;
  namespace: string;
  name: string;
  /** Hash of the scoring inputs; a change appends a history entry. */
  inputHash: string;
  /** Hash of the record; a change rewrites the row. */
  recordHash: string;
  /**
   * Hash of everything the record is computed from (see `sourceHashOf`);
   * the sync skips re-scoring an agent whose stored hash matches. Absent:
   * the next sync scores the agent again.
   */
  sourceHash?: string;
  /**
   * Hash of the SSVC annotations: while it stays the same, an agent without
   * reviewedAt keeps the assessment date the store first gave it.
   */
  ssvcInputsHash: string;
  /** It carries `agent-risk.io/discovered-from`: found by discovery (spec 8.1). */
  discovered?: boolean;
  /** It carries any `aivss.owasp.org/` annotation: someone assessed it. */
  assessed?: boolean;
}

/**
 * Filters of the ranking. Each list means "any of"; an absent or empty list
 * does not filter.
 *
 * @public
 */
export interface AgentFilter {
  owner?: readonly string[];
  severity?: readonly Severity[];
  status?: readonly ScoreStatus[];
  /** System refs or system titles, in any case. */
  system?: readonly string[];
  /** Lifecycles, in any case. */
  lifecycle?: readonly string[];
  /** Case-insensitive substring of the entity ref, name, title, owner or system title, a MAESTRO threat id, or an MCP server or tool name. */
  q?: string;
  /** States of the latest risk acceptance, as they are at `now`. */
  acceptance?: { states: readonly AcceptanceState[]; now: string };
  /** Only agents last reviewed before this instant (or never): overdue ones. */
  reviewedBefore?: string;
  /** Only agents reviewed at or after this instant: not overdue. */
  reviewedSince?: string;
  /**
   * With `reviewedBefore` or `reviewedSince`: an SSVC due date before this
   * instant (now) makes an agent overdue too.
   */
  reviewNow?: string;
  /** AIVSS-SSVC outcomes; `none`: agents without one. */
  ssvcOutcome?: readonly (SsvcOutcome | 'none')[];
  /** true: only agents with an understated evidence finding; false: only those without. */
  understated?: boolean;
  /** true: only agents found by discovery; false: only those registered otherwise. */
  discovered?: boolean;
  /** true: only agents with any AIVSS annotation; false: only those without (not yet assessed). */
  assessed?: boolean;
  /** Only agents whose SSVC due date is before this instant: overdue ones. */
  ssvcDueBefore?: string;
  /**
   * Restricts to these (lower-case) entity refs: the agents the caller may
   * read. Undefined means no restriction.
   */
  visibleRefs?: readonly string[];
}

/** @public */
export interface AgentOrder {
  field: AgentListOrderField;
  direction: SortOrder;
}

/**
 * A keyset position: the sort value and entity ref of the last row seen.
 *
 * @public
 */
export interface AgentKeyset {
  value: string | number;
  entityRef: string;
}

/** @public */
export interface AgentPage {
  items: StoredAgentListItem[];
  /** Position after the last item, when more rows may follow. */
  next: AgentKeyset | null;
  /**
   * The items that have a risk acceptance record (current or ended): only
   * theirs need reading, and usually there are none on a page.
   */
  refsWithAcceptance: string[];
}

/**
 * An agent the database refused, and why.
 *
 * @public
 */
export interface AgentWriteProblem {
  entityRef: string;
  error: string;
}

/**
 * The state an agent's status and band were in, before or after a write.
 *
 * @public
 */
export interface AgentBandState {
  status: ScoreStatus;
  severity: Severity | null;
  /**
   * The SSVC outcome; undefined when not known (a row stored before SSVC
   * decisions were).
   */
  ssvcOutcome?: SsvcOutcome | null;
}

/**
 * An agent whose status or band a write changed (or that is new).
 *
 * @public
 */
export interface AgentStateChange {
  entityRef: string;
  title: string;
  owner: string | null;
  score: number | null;
  /** Null for an agent stored for the first time. */
  previous: AgentBandState | null;
  current: AgentBandState;
  /** The write's time (ISO 8601): with the agent, it names this change. */
  changedAt: string;
  /** The SSVC due date after the write, if any. */
  ssvcDueAt?: string | null;
}

/** @public */
export interface AgentWriteReport {
  /** Rows inserted or rewritten. */
  written: number;
  /** History entries appended. */
  historyAppended: number;
  /** Agents whose record was refused and that were stored as invalid instead, naming the error. */
  storedAsProblem: AgentWriteProblem[];
  /** Agents that could not be written at all; their stored row (if any) is unchanged. */
  failed: AgentWriteProblem[];
  /** Agents whose status or band changed, and new agents. */
  changes: AgentStateChange[];
}

/**
 * Per-owner roll-up: the same shape the API returns.
 *
 * @public
 */
export type OwnerAggregate = OwnerRiskRollup;

/**
 * Raw aggregates the summary is built from.
 *
 * @public
 */
export interface AgentAggregates {
  byStatusAndSeverity: Array<{
    status: ScoreStatus;
    severity: Severity | null;
    count: number;
  }>;
  byOwner: OwnerAggregate[];
  /** How many scored agents have each distinct score. */
  byScore: Array<{ score: number; count: number }>;
  /** How many agents have each SSVC outcome (null: none). */
  bySsvcOutcome: Array<{ outcome: SsvcOutcome | null; count: number }>;
}

/** @public */
export interface AgentRiskState {
  /** Grows with every write to the scores; keys cached read models. */
  dataVersion: number;
  lastSyncAt: string | null;
}

export type { ScoreHistoryEntry };
