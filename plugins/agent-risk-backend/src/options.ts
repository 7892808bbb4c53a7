import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  AgentRiskOptions,
  DEFAULT_ACCEPTANCE_MAX_DAYS,
  DEFAULT_REVIEW_INTERVAL_DAYS,
  readAgentRiskOptions,
  SEVERITIES,
  Severity,
} from '@agent-risk/plugin-agent-risk-common';
import { DEFAULT_IMPORT_OWNER } from '@agent-risk/plugin-agent-risk-common/import';
import { parseHostPattern } from './fetch/hostPatterns';

/**
 * Everything the backend reads from `agentRisk.*`, with defaults applied.
 *
 * @public
 */
export interface AgentRiskBackendOptions extends AgentRiskOptions {
  sync: {
    frequency: HumanDuration;
    timeout: HumanDuration;
    initialDelay: HumanDuration;
    /** Entities per catalog page. */
    pageSize: number;
    /** Largest share of stored agents one sync may remove (0..1). */
    maxSweepShare: number;
  };
  refresh: {
    /** How long a refresh waits for the catalog to serve the re-read entity. */
    catalogWait: HumanDuration;
  };
  history: {
    retention: HumanDuration;
  };
  acceptance: {
    /** Longest a risk acceptance may run, in days. */
    maxDays: number;
  };
  review: {
    /** How long after its last review an agent's review falls due. */
    interval: HumanDuration;
  };
  notifications: {
    /** Whether owners are told through Backstage's notifications backend. */
    enabled: boolean;
    /** The lowest band whose entry by a rise is told; becoming Critical always is. */
    minimumSeverity: Severity;
    /** Tell the owner when an agent becomes invalid. */
    invalid: boolean;
    /** Tell the owner when an agent's review falls overdue. */
    reviewOverdue: boolean;
    /** Tell the owner this many days before an acceptance expires (0: never). */
    acceptanceExpiringDays: number;
  };
  fetch: {
    /**
     * Host patterns a URL from a user or an entity may be read from
     * (`agents.example.com`, `*.agents.example.com`, `127.0.0.1:8080`).
     */
    allow: string[];
    /** Longest one fetch may take, redirects and body included. */
    timeout: HumanDuration;
  };
  reach: {
    /** How many relations deep an agent's reach goes (spec 9.1). */
    depth: number;
  };
  discovery: {
    /** Owner of what a source finds when the source names none. */
    defaultOwner: string;
    agentCards: {
      schedule: {
        frequency: HumanDuration;
        timeout: HumanDuration;
        initialDelay: HumanDuration;
      };
      /** Card URLs (a `baseUrl` has the well-known path appended), each with its owner. */
      sources: Array<{ url: string; owner: string | null }>;
      trustedKeys: Array<{ kid: string; jwk: Record<string, unknown> }>;
      jwksUrl: string | null;
      /** Cards read at once. */
      concurrency: number;
    };
    mcpServers: {
      enabled: boolean;
      schedule: {
        frequency: HumanDuration;
        timeout: HumanDuration;
        initialDelay: HumanDuration;
      };
      /** Longest one server's listing may take. */
      timeout: HumanDuration;
      /** Most bytes of one server's answers together. */
      maxBytes: number;
      /** Servers listed at the same time. */
      concurrency: number;
      /** Headers per server entity ref (lower case): secrets. */
      headers: Record<string, Record<string, string>>;
    };
  };
}

/** Where an A2A server serves its card (A2A 1.0; 0.3 used agent-card.json too). */
export const AGENT_CARD_WELL_KNOWN_PATH = '/.well-known/agent-card.json';

function httpUrl(text: string, key: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`Invalid ${key} "${text}"; expected an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Invalid ${key} "${text}"; expected an http(s) URL`);
  }
  return url.toString();
}

/** A server's card: the well-known path under the base URL's own path (`/billing` too). */
function cardUrlOf(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(
    /\/+$/,
    '',
  )}${AGENT_CARD_WELL_KNOWN_PATH}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

function readDiscovery(
  config: Config,
): Omit<AgentRiskBackendOptions['discovery'], 'mcpServers'> {
  const key = 'agentRisk.discovery.agentCards';
  const sources = (config.getOptionalConfigArray(`${key}.sources`) ?? []).map(
    (source, index) => {
      const url = source.getOptionalString('url');
      const baseUrl = source.getOptionalString('baseUrl');
      if ((url === undefined) === (baseUrl === undefined)) {
        throw new Error(
          `Invalid ${key}.sources[${index}]: give exactly one of url (a card) or baseUrl (a server: ${AGENT_CARD_WELL_KNOWN_PATH} is appended)`,
        );
      }
      const cardUrl =
        url !== undefined
          ? httpUrl(url, `${key}.sources[${index}].url`)
          : cardUrlOf(httpUrl(baseUrl!, `${key}.sources[${index}].baseUrl`));
      return { url: cardUrl, owner: source.getOptionalString('owner') ?? null };
    },
  );
  const trustedKeys = (
    config.getOptionalConfigArray(`${key}.trustedKeys`) ?? []
  ).map(entry => ({
    kid: entry.getString('kid'),
    jwk: entry.getConfig('jwk').get() as Record<string, unknown>,
  }));
  const jwksUrl = config.getOptionalString(`${key}.jwksUrl`);
  const concurrency = config.getOptionalNumber(`${key}.concurrency`) ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new Error(
      `Invalid ${key}.concurrency ${concurrency}; expected an integer from 1 to 64`,
    );
  }
  return {
    defaultOwner:
      config.getOptionalString('agentRisk.discovery.defaultOwner') ??
      DEFAULT_IMPORT_OWNER,
    agentCards: {
      schedule: {
        frequency: duration(config, `${key}.schedule.frequency`, {
          minutes: 30,
        }),
        timeout: duration(config, `${key}.schedule.timeout`, { minutes: 5 }),
        initialDelay: duration(config, `${key}.schedule.initialDelay`, {
          seconds: 15,
        }),
      },
      sources,
      trustedKeys,
      jwksUrl: jwksUrl ? httpUrl(jwksUrl, `${key}.jwksUrl`) : null,
      concurrency,
    },
  };
}

const DEFAULT_PAGE_SIZE = 500;
const MAX_PAGE_SIZE = 10000;
const DEFAULT_MAX_SWEEP_SHARE = 0.5;
const DEFAULT_REACH_DEPTH = 3;
const MAX_REACH_DEPTH = 10;
const MAX_FETCH_TIMEOUT_MS = 5 * 60 * 1000;

function duration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

/**
 * Reads and checks the backend's settings; throws a clear error on bad config.
 *
 * @public
 */
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
  const maxSweepShare =
    config.getOptionalNumber('agentRisk.sync.maxSweepShare') ??
    DEFAULT_MAX_SWEEP_SHARE;
  if (!(maxSweepShare > 0 && maxSweepShare <= 1)) {
    throw new Error(
      `Invalid agentRisk.sync.maxSweepShare ${maxSweepShare}; expected a number above 0 and at most 1`,
    );
  }
  const maxDays =
    config.getOptionalNumber('agentRisk.acceptance.maxDays') ??
    DEFAULT_ACCEPTANCE_MAX_DAYS;
  if (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > 3650) {
    throw new Error(
      `Invalid agentRisk.acceptance.maxDays ${maxDays}; expected an integer from 1 to 3650`,
    );
  }
  const acceptanceExpiringDays =
    config.getOptionalNumber(
      'agentRisk.notifications.acceptanceExpiringDays',
    ) ?? 14;
  if (
    !Number.isInteger(acceptanceExpiringDays) ||
    acceptanceExpiringDays < 0 ||
    acceptanceExpiringDays > 365
  ) {
    throw new Error(
      `Invalid agentRisk.notifications.acceptanceExpiringDays ${acceptanceExpiringDays}; expected an integer from 0 to 365`,
    );
  }
  const agents = config.getOptionalConfigArray('agentRisk.agents');
  if (agents && agents.length === 0) {
    // An empty list would send the catalog no filter at all.
    throw new Error(
      'Invalid agentRisk.agents: the list is empty; list at least one { kind, type } pair, or remove the key to use the defaults (AiResource/agent and Component/ai-agent)',
    );
  }
  const minimumSeverity =
    config.getOptionalString('agentRisk.notifications.minimumSeverity') ??
    'high';
  if (!(SEVERITIES as readonly string[]).includes(minimumSeverity)) {
    throw new Error(
      `Invalid agentRisk.notifications.minimumSeverity "${minimumSeverity}"; expected one of ${SEVERITIES.join(
        ', ',
      )}`,
    );
  }
  const fetchAllow =
    config.getOptionalStringArray('agentRisk.fetch.allow') ?? [];
  fetchAllow.forEach((pattern, index) => {
    if (!parseHostPattern(pattern)) {
      throw new Error(
        `Invalid agentRisk.fetch.allow[${index}] "${pattern}"; expected a host pattern in lower case such as agents.example.com, *.agents.example.com or 127.0.0.1:8080 (no scheme or path; without a port it matches every port)`,
      );
    }
  });
  const fetchTimeout = duration(config, 'agentRisk.fetch.timeout', {
    seconds: 10,
  });
  const fetchTimeoutMs = durationToMilliseconds(fetchTimeout);
  if (!(fetchTimeoutMs > 0 && fetchTimeoutMs <= MAX_FETCH_TIMEOUT_MS)) {
    throw new Error(
      `Invalid agentRisk.fetch.timeout; expected a duration above 0 and at most 5 minutes`,
    );
  }
  const reachDepth =
    config.getOptionalNumber('agentRisk.reach.depth') ?? DEFAULT_REACH_DEPTH;
  if (
    !Number.isInteger(reachDepth) ||
    reachDepth < 1 ||
    reachDepth > MAX_REACH_DEPTH
  ) {
    throw new Error(
      `Invalid agentRisk.reach.depth ${reachDepth}; expected an integer from 1 to ${MAX_REACH_DEPTH}`,
    );
  }
  const mcp = 'agentRisk.discovery.mcpServers';
  const mcpTimeout = duration(config, `${mcp}.timeout`, { seconds: 30 });
  const mcpTimeoutMs = durationToMilliseconds(mcpTimeout);
  if (!(mcpTimeoutMs > 0 && mcpTimeoutMs <= MAX_FETCH_TIMEOUT_MS)) {
    throw new Error(
      `Invalid ${mcp}.timeout; expected a duration above 0 and at most 5 minutes`,
    );
  }
  const mcpMaxBytes =
    config.getOptionalNumber(`${mcp}.maxBytes`) ?? 4 * 1024 * 1024;
  if (
    !Number.isInteger(mcpMaxBytes) ||
    mcpMaxBytes < 1024 ||
    mcpMaxBytes > 64 * 1024 * 1024
  ) {
    throw new Error(
      `Invalid ${mcp}.maxBytes ${mcpMaxBytes}; expected an integer from 1024 to 67108864`,
    );
  }
  const mcpConcurrency = config.getOptionalNumber(`${mcp}.concurrency`) ?? 8;
  if (
    !Number.isInteger(mcpConcurrency) ||
    mcpConcurrency < 1 ||
    mcpConcurrency > 64
  ) {
    throw new Error(
      `Invalid ${mcp}.concurrency ${mcpConcurrency}; expected an integer from 1 to 64`,
    );
  }
  const mcpHeaders: Record<string, Record<string, string>> = {};
  const headersConfig = config.getOptionalConfig(`${mcp}.headers`);
  for (const server of headersConfig?.keys() ?? []) {
    const values = headersConfig!.getConfig(server);
    mcpHeaders[server.toLocaleLowerCase('en-US')] = Object.fromEntries(
      // The values are secrets: a bad one is named by its key only.
      values.keys().map(name => [name, values.getString(name)]),
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
      maxSweepShare,
    },
    refresh: {
      catalogWait: duration(config, 'agentRisk.refresh.catalogWait', {
        seconds: 10,
      }),
    },
    history: {
      retention: duration(config, 'agentRisk.history.retention', {
        days: 365,
      }),
    },
    acceptance: { maxDays },
    review: {
      interval: duration(config, 'agentRisk.review.interval', {
        days: DEFAULT_REVIEW_INTERVAL_DAYS,
      }),
    },
    notifications: {
      enabled:
        config.getOptionalBoolean('agentRisk.notifications.enabled') ?? false,
      minimumSeverity: minimumSeverity as Severity,
      invalid:
        config.getOptionalBoolean('agentRisk.notifications.invalid') ?? true,
      reviewOverdue:
        config.getOptionalBoolean('agentRisk.notifications.reviewOverdue') ??
        true,
      acceptanceExpiringDays,
    },
    fetch: { allow: fetchAllow, timeout: fetchTimeout },
    reach: { depth: reachDepth },
    discovery: {
      ...readDiscovery(config),
      mcpServers: {
        enabled: config.getOptionalBoolean(`${mcp}.enabled`) ?? true,
        schedule: {
          frequency: duration(config, `${mcp}.schedule.frequency`, {
            minutes: 30,
          }),
          timeout: duration(config, `${mcp}.schedule.timeout`, {
            minutes: 10,
          }),
          initialDelay: duration(config, `${mcp}.schedule.initialDelay`, {
            seconds: 30,
          }),
        },
        timeout: mcpTimeout,
        maxBytes: mcpMaxBytes,
        concurrency: mcpConcurrency,
        headers: mcpHeaders,
      },
    },
  };
}
