import {
  ScoreStatus,
  Severity,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentFilter } from '../types';

/**
 * One stored state change of an agent (a history entry).
 *
 * @public
 */
export interface TrendStateChange {
  entityRef: string;
  /** ISO 8601 UTC. */
  at: string;
  status: ScoreStatus;
  severity: Severity | null;
  /** The SSVC outcome then; null without one. */
  ssvcOutcome: SsvcOutcome | null;
}

/**
 * An agent that left the catalog at `at` (ISO 8601 UTC).
 *
 * @public
 */
export interface TrendRemoval {
  entityRef: string;
  at: string;
}

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
