import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  AgentListItem,
  AgentListOrderField,
  AgentListResponse,
  AgentRiskRecord,
  RiskAcceptance,
  RiskSummary,
  ScoringModelId,
  SortOrder,
  AgentRiskOptions,
  scoreEntity,
  WhatIfScoreResult,
  DEFAULT_REVIEW_INTERVAL_DAYS,
  reviewState,
  AgentCsvRow,
  AcceptanceState,
  scoreSsvc,
  ServerToolInventory,
  describeFinding,
} from '@agent-risk/plugin-agent-risk-common';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { AgentRiskDatabase } from '../database/AgentRiskDatabase';
import {
  AgentAggregates,
  AgentFilter,
  AgentRiskState,
} from '../database/types';
import { AgentVisibility, isVisible } from '../permissions/visibility';

import { decodeCursor, encodeCursor } from './cursor';
import { csvReasons } from './csvReasons';
import { PromiseLru } from './PromiseLru';
import { buildSummary } from './summary';
import { toScoredSsvc } from '../sync/toScoreWrite';
import { ReachService } from '../reach/ReachService';

/**
 * What the detail reads of the MCP tool inventory (mcpInventory/).
 *
 * @public
 */
export interface ToolInventoryReader {
  forServers(serverRefs: readonly string[]): Promise<ServerToolInventory[]>;
  /**
   * The servers' current tools and, when `since` is given, the time of the
   * first tool change after it, from one read.
   */
  forDetail(
    serverRefs: readonly string[],
    since: string | null,
  ): Promise<DetailToolInventory>;
}

/**
 * An agent's MCP servers as its detail shows them.
 *
 * @public
 */
export interface DetailToolInventory {
  /** Each server's current tools, in the order asked for. */
  inventories: ServerToolInventory[];
  /** The first tool change after the review, which makes the review due (spec 8.2). */
  firstChangeSince?: string;
}

/**
 * Reads agents' current risk acceptances (the acceptance service).
 *
 * @public
 */
export interface AcceptanceReader {
  current(entityRefs: readonly string[]): Promise<Map<string, RiskAcceptance>>;
}

/**
 * Filters of the ranking, already validated.
 *
 * @public
 */
export type AgentListFilters = Omit<
  AgentFilter,
  | 'visibleRefs'
  | 'reviewedBefore'
  | 'reviewedSince'
  | 'reviewNow'
  | 'ssvcDueBefore'
  | 'acceptance'
> & {
  /** true: only agents whose review is overdue; false: only those that are not. */
  reviewOverdue?: boolean;
  /** States of the latest risk acceptance, as they are at the time of reading. */
  acceptance?: readonly AcceptanceState[];
};

/**
 * Filters as the API takes them: `includeSubgroups` widens the owner filter along the org.
 *
 * @public
 */
export type AgentListQueryFilters = AgentListFilters & {
  includeSubgroups?: boolean;
};

/** @public */
export interface AgentListOptions {
  filters: AgentListFilters;
  orderBy: AgentListOrderField;
  order: SortOrder;
  limit: number;
  cursor?: string;
}

/** Distinct visible sets whose aggregates are kept; each is a few small arrays. */
const RESTRICTED_AGGREGATES_CACHED = 100;
/** How many ranking counts are kept (a number and a key each). */
const COUNTS_CACHED = 1000;

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Reads of stored risk data: the ranking, one agent's record with rank and
 * history, the summary, and the what-if score. Every read takes the caller's
 * visibility, so hidden agents never show up, not even in counts.
 *
 * @public
 */
export class AgentRiskService {
  /** Aggregates over every agent, for the current data version only. */
  private readonly everyoneAggregates = new PromiseLru<AgentAggregates>(1);

  /**
   * Aggregates of callers with a restricted view, keyed by the visible set's
   * fingerprint and the data version; least recently used first.
   */
  private readonly restrictedAggregates = new PromiseLru<AgentAggregates>(
    RESTRICTED_AGGREGATES_CACHED,
  );

  /** SSVC due times by data version and view, for the summary's past-due count. */
  private readonly dueTimes = new PromiseLru<number[]>(
    RESTRICTED_AGGREGATES_CACHED,
  );

  /** Ranking counts by data version, view and filter; least recently used first. */
  private readonly counts = new PromiseLru<number>(COUNTS_CACHED);

  private readonly reviewIntervalMs: number;
  private readonly database: Pick<
    AgentRiskDatabase,
    'scores' | 'history' | 'syncState'
  >;
  private readonly options: Pick<AgentRiskOptions, 'model' | 'assumedCvssBase'>;
  private readonly now: () => Date;
  private readonly acceptances?: AcceptanceReader;
  private readonly reach?: ReachService;
  private readonly tools?: ToolInventoryReader;

  constructor(deps: {
    database: Pick<AgentRiskDatabase, 'scores' | 'history' | 'syncState'>;
    options: Pick<AgentRiskOptions, 'model' | 'assumedCvssBase'> & {
      review?: { interval: HumanDuration };
    };
    /** Where acceptances come from; without it every agent's is null. */
    acceptances?: AcceptanceReader;
    /** Reach on the catalog graph; without it every agent's is null and the exposure empty. */
    reach?: ReachService;
    /** The MCP tool inventory; without it every agent's tools are empty. */
    tools?: ToolInventoryReader;
    now?: () => Date;
  }) {
    this.tools = deps.tools;
    this.database = deps.database;
    this.reach = deps.reach;
    this.options = deps.options;
    this.now = deps.now ?? (() => new Date());
    this.acceptances = deps.acceptances;
    this.reviewIntervalMs = durationToMilliseconds(
      deps.options.review?.interval ?? { days: DEFAULT_REVIEW_INTERVAL_DAYS },
    );
  }

  /**
   * Adds the review state and whether the SSVC due date has passed, which
   * depend on the time of reading: a passed SSVC deadline makes the review
   * overdue too.
   */
  private withReview<
    T extends {
      reviewedAt: string | null;
      ssvc: { dueAt: string | null } | null;
    },
  >(
    item: T,
    now: Date = this.now(),
  ): Omit<T, 'ssvc'> & {
    reviewDue: string | null;
    reviewOverdue: boolean;
    ssvc: (NonNullable<T['ssvc']> & { overdue: boolean }) | null;
  } {
    const review = reviewState(item.reviewedAt, this.reviewIntervalMs, now);
    const ssvc = item.ssvc
      ? {
          ...(item.ssvc as NonNullable<T['ssvc']>),
          overdue:
            item.ssvc.dueAt !== null &&
            Date.parse(item.ssvc.dueAt) < now.getTime(),
        }
      : null;
    return {
      ...item,
      reviewDue: review.reviewDue,
      reviewOverdue: review.reviewOverdue || Boolean(ssvc?.overdue),
      ssvc,
    };
  }

  /** The store's filter: visibility, and the review filter as an instant. */
  private storeFilter(
    filters: AgentListFilters,
    visibility: AgentVisibility,
  ): AgentFilter {
    const { reviewOverdue, acceptance, ...rest } = filters;
    const filter: AgentFilter = withVisibility(rest, visibility);
    if (acceptance && acceptance.length > 0) {
      filter.acceptance = {
        states: acceptance,
        now: this.now().toISOString(),
      };
    }
    if (reviewOverdue !== undefined) {
      const cutoff = new Date(
        this.now().getTime() - this.reviewIntervalMs,
      ).toISOString();
      filter.reviewNow = this.now().toISOString();
      if (reviewOverdue) {
        filter.reviewedBefore = cutoff;
      } else {
        filter.reviewedSince = cutoff;
      }
    }
    return filter;
  }

  private async currentAcceptances(
    entityRefs: readonly string[],
  ): Promise<Map<string, RiskAcceptance>> {
    return this.acceptances && entityRefs.length > 0
      ? this.acceptances.current(entityRefs)
      : new Map<string, RiskAcceptance>();
  }

  async listAgents(
    request: AgentListOptions,
    visibility: AgentVisibility,
  ): Promise<AgentListResponse> {
    if (visibility.type === 'none') {
      return { items: [], totalCount: 0, nextCursor: null };
    }
    const after = request.cursor
      ? decodeCursor(request.cursor, request.orderBy, request.order)
      : undefined;
    const filter = this.storeFilter(request.filters, visibility);
    const page = this.database.scores.listAgents({
      filter,
      order: { field: request.orderBy, direction: request.order },
      limit: request.limit,
      after,
    });
    // The page's acceptances, if any, are read as soon as the page is in,
    // while the count (the slower query) still runs.
    const [{ next }, items, totalCount] = await Promise.all([
      page,
      page.then(async p => {
        const current = await this.currentAcceptances(p.refsWithAcceptance);
        const now = this.now();
        // One object per row: the time of reading taken once, and the
        // acceptance set on the review's copy instead of copying it again.
        return p.items.map(item =>
          Object.assign(this.withReview(item, now), {
            acceptance: current.get(item.entityRef) ?? null,
          }),
        );
      }),
      this.count(filter, visibility),
    ]);
    return {
      items,
      totalCount,
      nextCursor: next
        ? encodeCursor(next, request.orderBy, request.order)
        : null,
    };
  }

  /**
   * What a CSV export of this view can be kept under: the data version (any
   * change to a score, record, evidence or acceptance moves it), the view
   * and the filter. Undefined when the filter itself depends on the time of
   * reading: such an export is read afresh every time. The cells that depend
   * on the time (review due, SSVC overdue, an acceptance's state) are the
   * keeper's to watch (see http/csvExportCache).
   */
  async csvExportKey(
    request: Omit<AgentListOptions, 'limit' | 'cursor'>,
    visibility: AgentVisibility,
  ): Promise<string | undefined> {
    // A caller who sees nothing gets an empty export, never a kept one.
    if (
      visibility.type === 'none' ||
      dependsOnTime(this.storeFilter(request.filters, visibility))
    ) {
      return undefined;
    }
    const state = await this.database.syncState.getState();
    return `${cacheKey(state)}:${viewKey(visibility)}:${JSON.stringify([
      request.filters,
      request.orderBy,
      request.order,
    ])}`;
  }

  /** The CSV export: the ranking in order, each row with its reasons. */
  async *streamCsvRows(
    request: Omit<AgentListOptions, 'limit' | 'cursor'>,
    visibility: AgentVisibility,
  ): AsyncGenerator<AgentCsvRow[]> {
    if (visibility.type === 'none') {
      return;
    }
    for await (const batch of this.database.scores.iterateAgentsWithReasons({
      filter: this.storeFilter(request.filters, visibility),
      order: { field: request.orderBy, direction: request.order },
    })) {
      const now = this.now();
      const acceptances = await this.currentAcceptances(
        batch.filter(row => row.hasAcceptance).map(row => row.agent.entityRef),
      );
      // Without an object rest pattern: V8 copies what a rest pattern leaves
      // slowly, and that was half the export's own time.
      yield batch.map(({ agent, reasons, evidence }) => {
        const review = this.withReview(agent, now);
        const why = csvReasons(reasons ?? undefined);
        return {
          entityRef: agent.entityRef,
          title: agent.title,
          owner: agent.owner,
          ownerTitle: agent.ownerTitle,
          system: agent.system,
          systemTitle: agent.systemTitle,
          lifecycle: agent.lifecycle,
          model: agent.model,
          status: agent.status,
          score: agent.score,
          severity: agent.severity,
          cvssBase: agent.cvssBase,
          cvssAssumed: agent.cvssAssumed,
          factorSum: agent.factorSum,
          reason: agent.reason,
          computedAt: agent.computedAt,
          acceptance: acceptances.get(agent.entityRef) ?? null,
          reviewedAt: agent.reviewedAt,
          reviewDue: review.reviewDue,
          reviewOverdue: review.reviewOverdue,
          ssvc: review.ssvc,
          understated: agent.understated,
          discovered: agent.discovered,
          assessed: agent.assessed,
          topDrivers: why.topDrivers,
          errors: why.errors,
          evidence: evidence.map(describeFinding).join('; '),
        };
      });
    }
  }

  /**
   * Every ranking row in view, in order, a batch at a time, each with its
   * review state and acceptance (for the bill of materials).
   */
  async *streamAgents(
    request: Omit<AgentListOptions, 'limit' | 'cursor'>,
    visibility: AgentVisibility,
    batchSize?: number,
  ): AsyncGenerator<AgentListItem[]> {
    if (visibility.type === 'none') {
      return;
    }
    for await (const batch of this.database.scores.iterateAgentsWithReasons({
      filter: this.storeFilter(request.filters, visibility),
      order: { field: request.orderBy, direction: request.order },
      batchSize,
    })) {
      const now = this.now();
      const acceptances = await this.currentAcceptances(
        batch.filter(row => row.hasAcceptance).map(row => row.agent.entityRef),
      );
      yield batch.map(({ agent }) => ({
        ...this.withReview(agent, now),
        acceptance: acceptances.get(agent.entityRef) ?? null,
      }));
    }
  }

  /** Which of these (lower-case) refs are stored agents the caller may see. */
  async findAgents(
    entityRefs: readonly string[],
    visibility: AgentVisibility,
  ): Promise<string[]> {
    if (visibility.type === 'none') {
      return [];
    }
    return this.database.scores.existingRefs(
      entityRefs.filter(ref => isVisible(visibility, ref)),
    );
  }

  /** One agent's full record; NotFoundError when unknown or hidden. */
  /**
   * One agent's record. The caller's credentials decide which reached
   * entities are named; without them only a caller who may read every
   * entity sees names.
   */
  async getAgent(
    entityRef: string,
    visibility: AgentVisibility,
    credentials?: BackstageCredentials,
  ): Promise<AgentRiskRecord> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    if (!isVisible(visibility, ref)) {
      throw new NotFoundError(`No agent risk record for ${entityRef}`);
    }
    // The record (with whether it has an acceptance), its history and reach
    // side by side, and the score distribution of the caller's view (kept
    // per data version), which gives rank and percentile without a count;
    // then, only where there are any, its servers' tools and its acceptance.
    const [found, history, distribution, reach] = await Promise.all([
      this.database.scores.getAgent(ref),
      this.database.history.getHistory(ref),
      this.viewAggregates(visibility),
      this.reach?.reachFor(ref, visibility, credentials) ?? null,
    ]);
    if (!found) {
      throw new NotFoundError(`No agent risk record for ${entityRef}`);
    }
    const { hasAcceptance, ...stored } = found;
    const position =
      stored.status === 'scored' && stored.score !== null
        ? scorePosition(stored.score, distribution)
        : undefined;
    const servers = stored.mcpServers.map(server => server.entityRef);
    const reviewed = this.withReview(stored);
    const [tools, acceptance] = await Promise.all([
      // A tool that appeared, changed or disappeared after the last review
      // makes the review due (spec 8.2).
      this.tools && servers.length > 0
        ? this.tools.forDetail(servers, stored.reviewedAt)
        : undefined,
      // Read only for an agent the record says has one.
      hasAcceptance ? this.acceptances?.current([ref]) : undefined,
    ]);
    const toolChange = tools?.firstChangeSince;
    if (toolChange !== undefined) {
      reviewed.reviewOverdue = true;
      if (reviewed.reviewDue === null || toolChange < reviewed.reviewDue) {
        reviewed.reviewDue = toolChange;
      }
    }
    return {
      ...reviewed,
      tools: tools?.inventories ?? [],
      acceptance: acceptance?.get(ref) ?? null,
      rank: position ? position.higher + 1 : null,
      percentile:
        position && position.total > 0
          ? round1((position.lower / position.total) * 100)
          : null,
      history,
      reach,
    };
  }

  /**
   * The summary of the agents in view that pass the ranking's filters; its
   * exposure is of every agent in view, and names only systems the caller
   * may read (see getAgent on credentials).
   */
  async getSummary(
    visibility: AgentVisibility,
    filters: AgentListFilters = {},
    credentials?: BackstageCredentials,
  ): Promise<RiskSummary> {
    const state = await this.database.syncState.getState();
    const filter = this.storeFilter(filters, visibility);
    const filtered = visibility.type !== 'none' && isFiltered(filter);
    // Past due depends on the time of reading. A filtered summary counts it
    // in the database; the caller's whole view counts it in the due dates
    // kept per data version, which saves a scan of every agent per request.
    const now = this.now();
    let ssvcOverdue: Promise<number>;
    if (visibility.type === 'none') {
      ssvcOverdue = Promise.resolve(0);
    } else if (filtered) {
      ssvcOverdue = this.database.scores.countAgents({
        ...filter,
        ssvcDueBefore: now.toISOString(),
      });
    } else {
      ssvcOverdue = this.viewDueTimes(visibility, state).then(times =>
        countBefore(times, now.getTime()),
      );
    }
    // Filtered summaries vary too much to cache; the filters run in the database.
    const aggregates = filtered
      ? this.database.scores.aggregate(filter)
      : this.viewAggregates(visibility, state);
    const exposure = this.reach?.exposure(visibility, credentials) ?? [];
    return {
      ...buildSummary(
        await aggregates,
        this.options.model,
        state.lastSyncAt,
        await ssvcOverdue,
      ),
      exposure: await exposure,
    };
  }

  /**
   * The aggregates of everything in the caller's view, computed once per
   * data version (and visible set).
   */
  private async viewAggregates(
    visibility: AgentVisibility,
    known?: AgentRiskState,
  ): Promise<AgentAggregates> {
    if (visibility.type === 'none') {
      return {
        byStatusAndSeverity: [],
        byOwner: [],
        byScore: [],
        bySsvcOutcome: [],
      };
    }
    const version = cacheKey(
      known ?? (await this.database.syncState.getState()),
    );
    if (visibility.type === 'all') {
      return this.everyoneAggregates.get(version, () =>
        this.database.scores.aggregate({}),
      );
    }
    return this.restrictedAggregates.get(
      `${version}:${visibility.fingerprint}`,
      () => this.database.scores.aggregate(withVisibility({}, visibility)),
    );
  }

  /** The SSVC due times (ms) in the caller's view, earliest first, kept per data version (and visible set). */
  private viewDueTimes(
    visibility: Exclude<AgentVisibility, { type: 'none' }>,
    state: AgentRiskState,
  ): Promise<number[]> {
    return this.dueTimes.get(
      `${cacheKey(state)}:${viewKey(visibility)}`,
      async () =>
        (
          await this.database.scores.ssvcDueDates(
            withVisibility({}, visibility),
          )
        )
          .map(date => Date.parse(date))
          .filter(time => !Number.isNaN(time))
          .sort((a, b) => a - b),
    );
  }

  /** Scores a posted entity with the common core; nothing is stored. */
  scoreEntity(entity: Entity, model?: ScoringModelId): WhatIfScoreResult {
    const { assessment, ...result } = scoreEntity(entity, {
      model: model ?? this.options.model,
      assumedCvssBase: this.options.assumedCvssBase,
    });
    return {
      ...result,
      factors: assessment.factors,
      layers: assessment.layers,
      ssvc: toScoredSsvc(scoreSsvc(entity.metadata?.annotations ?? {})),
    };
  }

  /**
   * The ranking's totalCount. Counts over stored columns change only when
   * stored scores do, so they are kept per data version, view and filter:
   * paging through a filtered ranking counts once. Filters that depend on
   * the time of reading (acceptance states, review dates) count every time.
   */
  private async count(
    filter: AgentFilter,
    visibility: Exclude<AgentVisibility, { type: 'none' }>,
  ): Promise<number> {
    if (dependsOnTime(filter)) {
      return this.database.scores.countAgents(filter);
    }
    const state = await this.database.syncState.getState();
    const { visibleRefs, ...columns } = filter;
    return this.counts.get(
      `${cacheKey(state)}:${viewKey(visibility)}:${JSON.stringify(columns)}`,
      () => this.database.scores.countAgents(filter),
    );
  }

  /**
   * Computes the unrestricted read models now, so the first reader after a
   * sync that changed data does not pay for the aggregate queries.
   */
  async warmCaches(): Promise<void> {
    await this.viewAggregates({ type: 'all' });
  }
}

/** Read models change only when stored scores do; the sync time is read fresh. */
function cacheKey(state: AgentRiskState): string {
  return String(state.dataVersion);
}

/**
 * What a kept read model is kept per: the caller's visible set, or `all`.
 * Never called for a caller who sees nothing (nothing is kept for them).
 */
function viewKey(
  visibility: Exclude<AgentVisibility, { type: 'none' }>,
): string {
  return visibility.type === 'all' ? 'all' : visibility.fingerprint;
}

/** Whether what a store filter selects changes with the time of reading. */
function dependsOnTime(filter: AgentFilter): boolean {
  return Boolean(
    filter.acceptance ||
      filter.reviewedBefore ||
      filter.reviewedSince ||
      filter.ssvcDueBefore,
  );
}

/** Whether a store filter narrows the ranking (the caller's visible set aside). */
function isFiltered(filters: AgentFilter): boolean {
  return Boolean(
    filters.acceptance?.states.length ||
      filters.reviewedBefore ||
      filters.reviewedSince ||
      filters.q ||
      filters.owner?.length ||
      filters.severity?.length ||
      filters.status?.length ||
      filters.ssvcOutcome?.length ||
      filters.ssvcDueBefore ||
      filters.system?.length ||
      filters.lifecycle?.length ||
      filters.understated !== undefined ||
      filters.discovered !== undefined ||
      filters.assessed !== undefined,
  );
}

function withVisibility(
  filters: Omit<AgentFilter, 'visibleRefs'>,
  visibility: AgentVisibility,
): AgentFilter {
  return visibility.type === 'some'
    ? { ...filters, visibleRefs: visibility.refs }
    : { ...filters };
}

/** How many of these ascending times are before `time` (a binary search). */
export function countBefore(sorted: readonly number[], time: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < time) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

/** How many scored agents in a distribution score higher and lower, and how many are scored. */
function scorePosition(score: number, distribution: AgentAggregates) {
  const position = { higher: 0, lower: 0, total: 0 };
  for (const bucket of distribution.byScore) {
    position.total += bucket.count;
    if (bucket.score > score) {
      position.higher += bucket.count;
    } else if (bucket.score < score) {
      position.lower += bucket.count;
    }
  }
  return position;
}
