import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { AgentRiskBackendOptions } from '../options';
import { AgentRiskSync } from './AgentRiskSync';

/** The scheduler task id; `POST /sync` triggers it. */
export const AGENT_RISK_SYNC_TASK_ID = 'agent-risk-sync';

/**
 * Schedules the full sync. `scope: 'global'` makes the scheduler run it on one
 * replica at a time when several share a database.
 */
export async function scheduleAgentRiskSync(options: {
  scheduler: SchedulerService;
  sync: AgentRiskSync;
  logger: LoggerService;
  schedule: AgentRiskBackendOptions['sync'];
}): Promise<void> {
  const { scheduler, sync, logger, schedule } = options;
  await scheduler.scheduleTask({
    id: AGENT_RISK_SYNC_TASK_ID,
    scope: 'global',
    frequency: schedule.frequency,
    timeout: schedule.timeout,
    initialDelay: schedule.initialDelay,
    fn: async signal => {
      try {
        await sync.syncAll(signal);
      } catch (error) {
        logger.error(
          'Agent risk sync failed; kept the last good scores',
          error as Error,
        );
        throw error;
      }
    },
  });
}
