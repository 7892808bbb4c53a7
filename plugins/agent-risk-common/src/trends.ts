import { ScoreStatus } from './scoring';
import { Severity } from './severity';

/** `GET /trends` answers at most this many days. */
export const TREND_MAX_DAYS = 365;
/** Days answered when `days` is not given. */
export const TREND_DEFAULT_DAYS = 90;

/** The state of the agents in view at the end of one UTC day. */
export interface RiskTrendPoint {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  totalAgents: number;
  /** Scored agents per band (unscored agents have no band). */
  bySeverity: Record<Severity, number>;
  byStatus: Record<ScoreStatus, number>;
}

/** `GET /trends`: one point per day, oldest first, the last one today. */
export interface RiskTrendResponse {
  points: RiskTrendPoint[];
}
