import { TrendRemoval, TrendStateChange } from '../../queries/dailyTrend';
import { AgentFilter } from '../types';

/**
 * Which agents a trend covers: the ranking's filters on the agents' current attributes.
 *
 * @public
 */
export type TrendScope = Pick<
  AgentFilter,
  'owner' | 'system' | 'lifecycle' | 'q' | 'visibleRefs'
>;

/**
 * The stored history a trend is replayed from.
 *
 * @public
 */
export interface TrendInputs {
  /** Each agent's last change before `since`, then every change from `since` on. */
  changes: TrendStateChange[];
  removals: TrendRemoval[];
}

/**
 * Reads score history and tombstones for trends.
 *
 * @public
 */
export interface TrendStore {
  readTrendInputs(scope: TrendScope, since: string): Promise<TrendInputs>;
}
