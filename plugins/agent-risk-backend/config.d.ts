import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Agent Risk: AIVSS scoring of the AI agents in the catalog. */
  agentRisk?: {
    /**
     * Which entities are agents: kind + spec.type pairs. Default:
     * AiResource/agent and Component/ai-agent.
     * @visibility frontend
     */
    agents?: Array<{
      /** @visibility frontend */
      kind: string;
      /** @visibility frontend */
      type: string;
    }>;
    scoring?: {
      /** The org's scoring model. Default aivss-0.8. */
      model?: 'aivss-0.8' | 'aivss-0.8-floor' | 'aivss-0.5';
      /**
       * CVSS base (0..10) assumed for agents without a CVSS input; such
       * scores are flagged cvssAssumed. Unset: those agents are incomplete.
       */
      assumedCvssBase?: number;
    };
    sync?: {
      /** How often the catalog is re-read. Default 10 minutes. */
      frequency?: HumanDuration | string;
      /** Longest a sync may run. Default 10 minutes. */
      timeout?: HumanDuration | string;
      /** Wait after startup before the first sync. Default 10 seconds. */
      initialDelay?: HumanDuration | string;
      /** Entities per catalog page. Default 500. */
      pageSize?: number;
      /**
       * Largest share (above 0, at most 1) of the stored agents that one sync
       * may remove as gone from the catalog; a sync that would remove more
       * keeps them and logs a warning. Default 0.5.
       */
      maxSweepShare?: number;
    };
    refresh?: {
      /**
       * How long a refresh of one agent waits for the catalog to serve the
       * re-read entity before scoring what it has. Default 10 seconds.
       */
      catalogWait?: HumanDuration | string;
    };
    history?: {
      /** How long score history is kept. Default 365 days. */
      retention?: HumanDuration | string;
    };
    acceptance?: {
      /**
       * Longest a risk acceptance may run, in days (1 to 3650). Default 365.
       * An acceptance also ends when the agent's severity rises.
       */
      maxDays?: number;
    };
    review?: {
      /**
       * How long after its last review (`reviewedAt`) an agent's review falls
       * due. Default 90 days.
       */
      interval?: HumanDuration | string;
    };
    /**
     * Tells owners through Backstage's notifications backend (install
     * `@backstage/plugin-notifications-backend`) when an agent becomes
     * Critical or rises into a band at or above `minimumSeverity`, becomes
     * invalid, or its review falls overdue; each once per agent and event.
     */
    notifications?: {
      /** Default false. */
      enabled?: boolean;
      /**
       * The lowest band whose entry by a rise notifies the owner; becoming
       * Critical always does. Default high.
       */
      minimumSeverity?: 'critical' | 'high' | 'medium' | 'low' | 'none';
      /** Tell the owner when an agent becomes invalid. Default true. */
      invalid?: boolean;
      /** Tell the owner when an agent's review falls overdue. Default true. */
      reviewOverdue?: boolean;
      /**
       * Tell the owner this many days before a risk acceptance expires
       * (0: never). An acceptance that ends (expiry, severity rise) is always
       * told. Default 14.
       */
      acceptanceExpiringDays?: number;
    };
    /**
     * The plugin's own fetch reader (never the backend's integration
     * credentials): what it may read for a user, e.g. the register page's
     * prefill (`POST /import/fetch`).
     */
    fetch?: {
      /**
       * Host patterns a URL from a user or a catalog entity may be read
       * from, redirects included: `agents.example.com`,
       * `*.agents.example.com` (its subdomains, not itself),
       * `127.0.0.1:8080`; a pattern without a port matches every port.
       * Nothing is allowed by default.
       */
      allow?: string[];
      /**
       * Longest one fetch may take: connecting, redirects and the whole
       * body (at most 5 minutes). Default 10 seconds.
       */
      timeout?: HumanDuration | string;
    };
    /** Reach on the catalog graph (spec section 9.1), computed by the sync. */
    reach?: {
      /**
       * How many relations deep an agent's reach goes (dependsOn,
       * consumesApi, apiProvidedBy, partOf), 1 to 10. Default 3: agent,
       * MCP server API, the component providing it, its system.
       */
      depth?: number;
    };
    /** Discovery of what nobody registered (spec section 8). */
    discovery?: {
      /**
       * The MCP tool inventory (spec 8.2): every API entity of type
       * mcp-server whose endpoint is known (spec.remotes entry of type
       * streamable-http, else the annotation agent-risk.io/mcp-endpoint) and
       * whose host agentRisk.fetch.allow names is listed with the MCP client.
       */
      mcpServers?: {
        /** Set false to list no server. Default true. */
        enabled?: boolean;
        /** One run per interval across replicas. Default every 30 minutes. */
        schedule?: {
          frequency?: HumanDuration | string;
          /** Default 10 minutes. */
          timeout?: HumanDuration | string;
          /** Default 30 seconds. */
          initialDelay?: HumanDuration | string;
        };
        /** Longest one server's listing may take, connecting included. Default 30 seconds (at most 5 minutes). */
        timeout?: HumanDuration | string;
        /** Most bytes of one server's answers together. Default 4 MiB. */
        maxBytes?: number;
        /** Servers listed at the same time. Default 8. */
        concurrency?: number;
        /**
         * Headers per server, by the server's entity ref, e.g.
         * `'api:default/github-mcp': { Authorization: 'Bearer …' }`; sent to
         * the endpoint's origin only, never served or logged.
         * @deepVisibility secret
         */
        headers?: { [serverRef: string]: { [header: string]: string } };
      };
      /**
       * Owner of what a source finds when the source names none. Default
       * `unknown`.
       */
      defaultOwner?: string;
      /** A2A agent cards (spec section 8.1). */
      agentCards?: {
        /**
         * When discovery runs (one run per interval across replicas).
         * Default every 30 minutes, timeout 5 minutes.
         */
        schedule?: {
          frequency?: HumanDuration | string;
          timeout?: HumanDuration | string;
          initialDelay?: HumanDuration | string;
        };
        /**
         * Card sources. `url`: a card; `baseUrl`:
         * `/.well-known/agent-card.json` is appended. Named here, their
         * hosts are allowed by being named.
         */
        sources?: Array<{
          url?: string;
          baseUrl?: string;
          /** Owner of the agents this source finds. */
          owner?: string;
        }>;
        /** Keys card signatures are verified against. */
        trustedKeys?: Array<{
          kid: string;
          /** A public JWK. */
          jwk: object;
        }>;
        /** A JWK set of trusted keys (named here, so allowed). */
        jwksUrl?: string;
        /** Cards read at once. Default 8. */
        concurrency?: number;
      };
    };
  };
}
