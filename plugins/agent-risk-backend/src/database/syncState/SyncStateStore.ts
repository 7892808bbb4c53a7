import { AgentRiskState } from '../types';

/**
 * The sync's bookkeeping: when the last complete sync finished, and a data
 * version that grows with every change to the stored scores (it keys the
 * read models cached in memory).
 *
 * @public
 */
export interface SyncStateStore {
  getState(): Promise<AgentRiskState>;
  setLastSyncAt(at: string): Promise<void>;
}
