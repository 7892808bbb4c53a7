import {
  AgentListQuery,
  SummaryQuery,
  TrendQuery,
} from '@agent-risk/plugin-agent-risk-common';
import { GroupTreeResolver } from '../catalog/GroupTreeResolver';
import {
  AgentListFilters,
  AgentListOptions,
  AgentListQueryFilters,
} from '../queries/AgentRiskService';
import { toAgentListOptions, toQueryFilters } from './validation';

/**
 * A parsed query's filters as the services take them. The one place the HTTP
 * API widens an owner filter along the org: with `includeSubgroups`, it
 * grows to every group below the given ones and their members, and the flag
 * itself goes no further.
 */
export class QueryFilters {
  constructor(private readonly groups: GroupTreeResolver) {}

  /** `GET /agents` and its CSV export. */
  async agentList(query: AgentListQuery): Promise<AgentListOptions> {
    const { filters, ...page } = toAgentListOptions(query);
    return { ...page, filters: await this.widen(filters) };
  }

  /** `GET /summary`. */
  summary(query: SummaryQuery): Promise<AgentListFilters> {
    return this.widen(toQueryFilters(query));
  }

  /** `GET /trends`: history has no review or acceptance state to filter on; each point counts the SSVC outcomes instead of filtering by them. */
  trends(query: Omit<TrendQuery, 'days'>): Promise<AgentListFilters> {
    return this.widen(
      toQueryFilters({
        ...query,
        reviewOverdue: undefined,
        acceptance: [],
        ssvcOutcome: [],
        understated: undefined,
        discovered: undefined,
        assessed: undefined,
      }),
    );
  }

  private async widen(
    filters: AgentListQueryFilters,
  ): Promise<AgentListFilters> {
    const { includeSubgroups, ...rest } = filters;
    if (!includeSubgroups || !rest.owner?.length) {
      return rest;
    }
    return { ...rest, owner: await this.groups.expand(rest.owner) };
  }
}
