import { AgentFilter } from '../store/types';
import { TrendRemoval, TrendStateChange } from '../trends/dailyTrend';

/** Which agents a trend covers: the ranking's filters on the agents' current attributes. */
export type TrendScope = Pick<
  AgentFilter,
  'owner' | 'system' | 'lifecycle' | 'q' | 'visibleRefs'
>;

/** The stored history a trend is replayed from. */
export interface TrendInputs {
  /** Each agent's last change before `since`, then every change from `since` on. */
  changes: TrendStateChange[];
  removals: TrendRemoval[];
}

/** Reads score history and tombstones for trends. */
export interface TrendStore {
  readTrendInputs(scope: TrendScope, since: string): Promise<TrendInputs>;
}
