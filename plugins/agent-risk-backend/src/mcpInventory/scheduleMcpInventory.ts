import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { AgentRiskBackendOptions } from '../options';
import { McpInventory } from './McpInventory';

/** The scheduler task id of the MCP tool inventory. */
export const MCP_INVENTORY_TASK_ID = 'agent-risk-mcp-inventory';

/**
 * Schedules the MCP tool inventory; `scope: 'global'`: one run per interval
 * across replicas sharing a database.
 */
export async function scheduleMcpInventory(options: {
  scheduler: SchedulerService;
  inventory: McpInventory;
  logger: LoggerService;
  schedule: AgentRiskBackendOptions['discovery']['mcpServers']['schedule'];
}): Promise<void> {
  const { scheduler, inventory, logger, schedule } = options;
  await scheduler.scheduleTask({
    id: MCP_INVENTORY_TASK_ID,
    scope: 'global',
    frequency: schedule.frequency,
    timeout: schedule.timeout,
    initialDelay: schedule.initialDelay,
    fn: async signal => {
      try {
        const result = await inventory.run(signal);
        logger.info(
          `MCP tool inventory: ${result.servers} servers, ${result.listed} listed, ${result.failed} failed, ${result.notAllowed} not allowed, ${result.toolChanges} tool changes on ${result.changed} servers`,
        );
      } catch (error) {
        logger.error(
          'MCP tool inventory failed; kept the last good listings',
          error as Error,
        );
        throw error;
      }
    },
  });
}
