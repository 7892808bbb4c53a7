import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The Agent Risk collator: one search document per agent the agent-risk backend holds. */
      agentRisk?: {
        /**
         * How often to index. Default: every 10 minutes, with a 15 minute
         * timeout, first run 3 minutes after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Where a result links to; `:namespace`, `:kind` and `:name` are
         * replaced. Default: the agent's Risk tab,
         * `/catalog/:namespace/:kind/:name/risk`.
         */
        locationTemplate?: string;
        /** Agents per page read from `/api/agent-risk/agents` (1 to 500, the backend's limit). Default 100. */
        pageSize?: number;
      };
    };
  };
}
