import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { AgentRiskBackendOptions } from '../options';
import {
  AgentCardDiscovery,
  AGENT_CARD_DISCOVERY_TASK_ID,
} from './AgentCardDiscovery';

/**
 * Schedules agent-card discovery. `scope: 'global'`: one run per interval
 * across the replicas that share the database.
 */
export async function scheduleAgentCardDiscovery(options: {
  scheduler: SchedulerService;
  discovery: AgentCardDiscovery;
  logger: LoggerService;
  schedule: AgentRiskBackendOptions['discovery']['agentCards']['schedule'];
}): Promise<void> {
  const { scheduler, discovery, logger, schedule } = options;
  await scheduler.scheduleTask({
    id: AGENT_CARD_DISCOVERY_TASK_ID,
    scope: 'global',
    frequency: schedule.frequency,
    timeout: schedule.timeout,
    initialDelay: schedule.initialDelay,
    fn: async () => {
      try {
        const result = await discovery.run();
        logger.info(
          `Agent card discovery: ${result.sources} sources, ${result.ok} read, ${result.failed} failed, ${result.notAllowed} not allowed; ${result.agentsWritten} agents written`,
        );
      } catch (error) {
        logger.error(
          'Agent card discovery failed; kept what was found before',
          error as Error,
        );
        throw error;
      }
    },
  });
}
