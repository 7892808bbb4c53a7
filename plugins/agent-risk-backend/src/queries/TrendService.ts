import { RiskTrendResponse } from '@agent-risk/plugin-agent-risk-common';
import { TrendStore } from '../database/trends/TrendStore';
import { AgentVisibility } from '../permissions/visibility';
import { AgentListFilters } from './AgentRiskService';
import { dailyTrend, startOfDay, utcDay } from './dailyTrend';

/** @public */
export interface TrendRequest {
  days: number;
  /** The ranking's filters: attributes scope the agents, severity and status each day's count. */
  filters: AgentListFilters;
}

/**
 * `GET /trends`: the daily state of the agents the caller may read, replayed
 * from stored history up to now.
 *
 * @public
 */
export class TrendService {
  constructor(
    private readonly store: TrendStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getTrends(
    request: TrendRequest,
    visibility: AgentVisibility,
  ): Promise<RiskTrendResponse> {
    const today = utcDay(this.now());
    const firstDay = startOfDay(today, 1 - request.days).slice(0, 10);
    const { owner, system, lifecycle, q, severity, status } = request.filters;
    const inputs =
      visibility.type === 'none'
        ? { changes: [], removals: [] }
        : await this.store.readTrendInputs(
            {
              owner,
              system,
              lifecycle,
              q,
              visibleRefs:
                visibility.type === 'some' ? visibility.refs : undefined,
            },
            startOfDay(firstDay),
          );
    return {
      points: dailyTrend({
        ...inputs,
        firstDay,
        days: request.days,
        severity,
        status,
      }),
    };
  }
}
