import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import {
  AgentRiskOptions,
  readAgentRiskOptions,
} from '@agent-risk/plugin-agent-risk-common';

/** Everything the backend reads from `agentRisk.*`, with defaults applied. */
export interface AgentRiskBackendOptions extends AgentRiskOptions {
  sync: {
    frequency: HumanDuration;
    timeout: HumanDuration;
    initialDelay: HumanDuration;
    /** Entities per catalog page. */
    pageSize: number;
  };
  history: {
    retention: HumanDuration;
  };
}

const DEFAULT_PAGE_SIZE = 500;
const MAX_PAGE_SIZE = 10000;

function duration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

/** Reads and checks the backend's settings; throws a clear error on bad config. */
export function readAgentRiskBackendOptions(
  config: Config,
): AgentRiskBackendOptions {
  const pageSize =
    config.getOptionalNumber('agentRisk.sync.pageSize') ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new Error(
      `Invalid agentRisk.sync.pageSize ${pageSize}; expected an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  return {
    ...readAgentRiskOptions(config),
    sync: {
      frequency: duration(config, 'agentRisk.sync.frequency', { minutes: 10 }),
      timeout: duration(config, 'agentRisk.sync.timeout', { minutes: 10 }),
      initialDelay: duration(config, 'agentRisk.sync.initialDelay', {
        seconds: 10,
      }),
      pageSize,
    },
    history: {
      retention: duration(config, 'agentRisk.history.retention', {
        days: 365,
      }),
    },
  };
}
