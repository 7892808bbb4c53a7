import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { AcceptanceService } from './AcceptanceService';

/** The scheduler task id of the acceptance expiry sweep. */
export const ACCEPTANCE_SWEEP_TASK_ID = 'agent-risk-acceptance-sweep';

/**
 * Ends acceptances at their expiry even when no sync runs; one replica at a
 * time (`scope: 'global'`), and a transition only applies once anyway.
 */
export async function scheduleAcceptanceSweep(options: {
  scheduler: SchedulerService;
  acceptances: AcceptanceService;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, acceptances, logger } = options;
  await scheduler.scheduleTask({
    id: ACCEPTANCE_SWEEP_TASK_ID,
    scope: 'global',
    frequency: { minutes: 5 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      try {
        await acceptances.sweep();
      } catch (error) {
        logger.error('Agent risk acceptance sweep failed', error as Error);
        throw error;
      }
    },
  });
}
