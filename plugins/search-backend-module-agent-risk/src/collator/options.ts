import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { AGENT_LIST_MAX_LIMIT } from '@agent-risk/plugin-agent-risk-common';

const CONFIG_KEY = 'search.collators.agentRisk';

export const DEFAULT_LOCATION_TEMPLATE = '/catalog/:namespace/:kind/:name/risk';
export const DEFAULT_PAGE_SIZE = 100;

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 3 },
};

export interface AgentRiskCollatorConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  locationTemplate: string;
  pageSize: number;
}

/** Reads `search.collators.agentRisk`; a bad value names its key. */
export function readAgentRiskCollatorConfig(
  root: Config,
): AgentRiskCollatorConfig {
  const config = root.getOptionalConfig(CONFIG_KEY);
  const pageSize = config?.getOptionalNumber('pageSize') ?? DEFAULT_PAGE_SIZE;
  if (
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > AGENT_LIST_MAX_LIMIT
  ) {
    throw new InputError(
      `${CONFIG_KEY}.pageSize must be a whole number from 1 to ${AGENT_LIST_MAX_LIMIT}, got ${pageSize}`,
    );
  }
  return {
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    locationTemplate:
      config?.getOptionalString('locationTemplate') ??
      DEFAULT_LOCATION_TEMPLATE,
    pageSize,
  };
}
