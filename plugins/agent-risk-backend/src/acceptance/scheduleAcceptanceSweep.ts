import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';

/** The scheduler task id of the acceptance expiry sweep. */
export const ACCEPTANCE_SWEEP_TASK_ID = 'agent-risk-acceptance-sweep';

/**
 * Ends acceptances at their expiry even when no sync runs; one replica at a
 * time (`scope: 'global'`), and a transition only applies once anyway.
 */
export async function scheduleAcceptanceSweep(options: {
  scheduler: SchedulerService;
  /** Ends what is due and tells the owners. */
  sweep: () => Promise<void>;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, sweep, logger } = options;
  await scheduler.scheduleTask({
    id: ACCEPTANCE_SWEEP_TASK_ID,
    scope: 'global',
    frequency: { minutes: 5 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      try {
        await sweep();
      } catch (error) {
        logger.error('Agent risk acceptance sweep failed', error as Error);
        throw error;
      }
    },
  });
}
