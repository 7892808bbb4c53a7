import { AuthService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AGENT_ENTITY_FIELDS,
  AgentListResponse,
  AgentRiskRecord,
  RiskSummary,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AgentRiskService,
  AgentRiskSync,
  AgentRiskSyncReport,
  createAgentRiskDatabase,
  readAgentRiskBackendOptions,
  TrendService,
} from '@agent-risk/plugin-agent-risk-backend/testUtils';
import { DatabaseKind, openDatabase } from './databases';
import { generateCatalog, GeneratedCatalog } from './entities';
import { FakeCatalog } from './fakeCatalog';
import {
  LatencyStats,
  MemorySnapshot,
  memorySnapshot,
  sample,
  timed,
} from './measure';
import { naiveFirstPage } from './naive';
import { quietLogger, serviceCredentials, startServer } from './server';

export interface RunConfig {
  db: DatabaseKind;
  size: number;
  /** Timed HTTP requests per endpoint. */
  requests: number;
  /** Timed naive rankings. */
  naiveRequests: number;
  /** No-change syncs run back to back to see whether memory stays flat. */
  memorySyncs: number;
}

export interface SyncFigures {
  seconds: number;
  report: AgentRiskSyncReport;
}

export interface RunResult {
  config: RunConfig;
  database: string;
  catalog: {
    entities: number;
    agents: number;
    intended: GeneratedCatalog['intended'];
    generateSeconds: number;
  };
  sync: {
    full: SyncFigures;
    noChange: SyncFigures;
    pageSize: number;
    /** Paging through the (fake) catalog alone, as the sync does. */
    catalogReadSeconds: number;
    /** CPU seconds (user + system) of this process: robust to other work on the machine. */
    cpu: { noChangeSeconds: number; catalogReadSeconds: number };
  };
  /** Memory after each of `memorySyncs` no-change syncs (after a forced GC). */
  memorySyncs: {
    count: number;
    meanSeconds: number;
    heapMiB: number[];
    rssMiB: number[];
    /** Least-squares slope over the syncs, MiB per sync. */
    heapSlopeMiB: number;
    rssSlopeMiB: number;
  };
  /** Statuses as the summary reports them after the sync. */
  byStatus: RiskSummary['byStatus'];
  http: {
    firstPage: LatencyStats;
    filtered: { stats: LatencyStats; query: string; totalCount: number };
    deep: { stats: LatencyStats; page: number; walkSeconds: number };
    summaryCold: { ms: number; aggregateQueries: number };
    summaryWarm: {
      stats: LatencyStats;
      /** Aggregate computations during all warm calls (warm-up included). */
      aggregateQueries: number;
      calls: number;
    };
    /** The summary's aggregate queries run directly on the store, no cache. */
    aggregateUncached: LatencyStats;
    detail: LatencyStats;
    /** Free text: a common word (~5 % of agents) and a rare substring (10 agents). */
    freeText: { common: LatencyStats; rare: LatencyStats };
  };
  naive: { stats: LatencyStats; matchesRanking: boolean };
  memory: MemorySnapshot[];
}

const PAGE_LIMIT = 50;

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Least-squares slope of a series against its index (0 for fewer than two points). */
function slope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}
const DEEP_PAGE = 100;
const WARMUP = 10;

/**
 * Node's fetch may reuse a keep-alive socket the server is closing just then
 * (more likely on a loaded machine): such a request is sent again, once.
 */
async function fetchOnce(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetchOnce(url);
  if (!response.ok) {
    throw new Error(
      `GET ${url} answered ${response.status}: ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

function log(config: RunConfig, message: string) {
  console.log(`  [${config.db} ${config.size}] ${message}`);
}

/** One database at one size: seed, sync twice, time the API, time the naive way. */
export async function runBenchmark(config: RunConfig): Promise<RunResult> {
  const memory: MemorySnapshot[] = [memorySnapshot('start')];

  // (a) seed
  const generated = await timed(async () => generateCatalog(config.size));
  const { entities, owners, intended } = generated.result;
  const catalog = new FakeCatalog(entities);
  const catalogService = catalog.asService();
  memory.push(memorySnapshot('seed'));
  log(config, `generated ${entities.length} entities (${config.size} agents)`);

  const backendOptions = readAgentRiskBackendOptions(
    new ConfigReader({ agentRisk: { scoring: { model: 'aivss-0.8' } } }),
  );
  const database = await openDatabase(config.db);
  try {
    const store = await createAgentRiskDatabase(database.knex);
    const auth = {
      getOwnServiceCredentials: async () => serviceCredentials,
    } as unknown as AuthService;
    const sync = new AgentRiskSync({
      catalog: catalogService,
      auth,
      database: store,
      logger: quietLogger,
      options: backendOptions,
    });

    // (a) full sync on an empty store, then a sync with nothing changed
    const full = await timed(() => sync.syncAll());
    memory.push(memorySnapshot('full sync'));
    log(
      config,
      `full sync ${full.ms.toFixed(0)} ms, written ${full.result.written}`,
    );
    // CPU time of this process too: on a shared machine wall time includes
    // waiting for a core, CPU time does not (PostgreSQL's own work is in
    // another process and not counted; SQLite's is).
    const noChangeCpu = process.cpuUsage();
    const noChange = await timed(() => sync.syncAll());
    const noChangeCpuSeconds = cpuSecondsSince(noChangeCpu);
    memory.push(memorySnapshot('no-change sync'));
    log(
      config,
      `no-change sync ${noChange.ms.toFixed(
        0,
      )} ms (${noChange.result.catalogSeconds.toFixed(
        1,
      )} s reading the catalog, ${
        noChange.result.unchanged
      } agents not scored again), written ${noChange.result.written}`,
    );

    // What the sync spends reading the catalog, so the rest is its own work.
    const catalogReadCpu = process.cpuUsage();
    const catalogRead = await timed(async () => {
      let cursor: string | undefined;
      do {
        const page = await catalogService.queryEntities(
          cursor
            ? {
                cursor,
                limit: backendOptions.sync.pageSize,
                fields: AGENT_ENTITY_FIELDS,
              }
            : {
                filter: [
                  { kind: 'AiResource', 'spec.type': 'agent' },
                  { kind: 'Component', 'spec.type': 'ai-agent' },
                ],
                limit: backendOptions.sync.pageSize,
                fields: AGENT_ENTITY_FIELDS,
              },
          { credentials: serviceCredentials },
        );
        cursor = page.pageInfo.nextCursor;
      } while (cursor);
    });
    const catalogReadCpuSeconds = cpuSecondsSince(catalogReadCpu);
    log(
      config,
      `catalog read alone ${catalogRead.ms.toFixed(
        0,
      )} ms; CPU: no-change sync ${noChangeCpuSeconds.toFixed(
        1,
      )} s, catalog read alone ${catalogReadCpuSeconds.toFixed(1)} s`,
    );

    // (b) HTTP through the real router
    let aggregateQueries = 0;
    const aggregate = store.scores.aggregate.bind(store.scores);
    store.scores.aggregate = filter => {
      aggregateQueries += 1;
      return aggregate(filter);
    };
    const service = new AgentRiskService({
      database: store,
      options: backendOptions,
    });
    const server = await startServer({
      service,
      trends: new TrendService(store.trends),
      sync,
      catalog: catalogService,
      backendOptions,
    });
    let http: RunResult['http'];
    let firstPageItems: AgentListResponse['items'];
    let byStatus: RiskSummary['byStatus'];
    try {
      const url = (path: string) => `${server.baseUrl}${path}`;

      // The first summary after a sync finds an empty cache.
      const cold = await timed(() => getJson<RiskSummary>(url('/summary')));
      const summaryCold = { ms: cold.ms, aggregateQueries };
      byStatus = cold.result.byStatus;

      const firstPage = await sample(
        config.requests,
        () => getJson(url(`/agents?limit=${PAGE_LIMIT}`)),
        WARMUP,
      );
      firstPageItems = (
        await getJson<AgentListResponse>(url(`/agents?limit=${PAGE_LIMIT}`))
      ).items;

      const owner = owners[7];
      const filteredQuery = `severity=high&owner=${encodeURIComponent(
        owner,
      )}&limit=${PAGE_LIMIT}`;
      const filteredCount = (
        await getJson<AgentListResponse>(url(`/agents?${filteredQuery}`))
      ).totalCount;
      const filtered = await sample(
        config.requests,
        () => getJson(url(`/agents?${filteredQuery}`)),
        WARMUP,
      );

      // Walk to page 100 the way a client would, then time that page alone.
      const walk = await timed(async () => {
        let cursor = '';
        for (let page = 1; page < DEEP_PAGE; page++) {
          const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
          const body = await getJson<AgentListResponse>(
            url(`/agents?limit=${PAGE_LIMIT}${query}`),
          );
          if (!body.nextCursor) {
            throw new Error(`The ranking ended before page ${DEEP_PAGE}`);
          }
          cursor = body.nextCursor;
        }
        return cursor;
      });
      const deepUrl = url(
        `/agents?limit=${PAGE_LIMIT}&cursor=${encodeURIComponent(walk.result)}`,
      );
      const deep = await sample(
        config.requests,
        () => getJson(deepUrl),
        WARMUP,
      );

      const beforeWarm = aggregateQueries;
      const summaryWarm = await sample(
        config.requests,
        () => getJson(url('/summary')),
        WARMUP,
      );
      const warmQueries = aggregateQueries - beforeWarm;
      const aggregateUncached = await sample(5, () => aggregate({}));

      // Detail of many different agents, spread over the catalog.
      const agentRefs = entities
        .filter(e => e.spec?.type === 'agent' || e.spec?.type === 'ai-agent')
        .map(e => parseEntityRef(`${e.kind}:default/${e.metadata.name}`));
      const step = Math.max(1, Math.floor(agentRefs.length / config.requests));
      const detail = await sample(
        config.requests,
        i => {
          const ref = agentRefs[(i * step) % agentRefs.length];
          return getJson<AgentRiskRecord>(
            url(`/agents/${ref.kind}/${ref.namespace}/${ref.name}`),
          );
        },
        WARMUP,
      );

      const freeText = {
        common: await sample(
          config.requests,
          () => getJson(url(`/agents?limit=${PAGE_LIMIT}&q=ledger`)),
          WARMUP,
        ),
        rare: await sample(
          config.requests,
          () => getJson(url(`/agents?limit=${PAGE_LIMIT}&q=agent-01234`)),
          WARMUP,
        ),
      };

      http = {
        freeText,
        firstPage,
        filtered: {
          stats: filtered,
          query: filteredQuery.replace(`&limit=${PAGE_LIMIT}`, ''),
          totalCount: filteredCount,
        },
        deep: { stats: deep, page: DEEP_PAGE, walkSeconds: walk.ms / 1000 },
        summaryCold,
        summaryWarm: {
          stats: summaryWarm,
          aggregateQueries: warmQueries,
          calls: config.requests + WARMUP,
        },
        aggregateUncached,
        detail,
      };
    } finally {
      await server.close();
    }
    memory.push(memorySnapshot('http'));
    log(
      config,
      `http first page p50 ${http.firstPage.p50.toFixed(
        2,
      )} ms, p95 ${http.firstPage.p95.toFixed(2)} ms`,
    );

    // (c) the naive way, for comparison
    let naiveTop: Awaited<ReturnType<typeof naiveFirstPage>> = [];
    const naive = await sample(config.naiveRequests, async () => {
      naiveTop = await naiveFirstPage(
        catalogService,
        backendOptions,
        backendOptions.sync.pageSize,
        PAGE_LIMIT,
      );
    });
    memory.push(memorySnapshot('naive'));
    log(
      config,
      `naive p50 ${naive.p50.toFixed(0)} ms = ${(
        naive.p50 / http.firstPage.p50
      ).toFixed(0)}× the ranking first-page p50`,
    );
    // (d) memory over many no-change syncs: it must not grow from run to run.
    const heapMiB: number[] = [];
    const rssMiB: number[] = [];
    const syncsStarted = Date.now();
    for (let i = 0; i < config.memorySyncs; i++) {
      await sync.syncAll();
      const snapshot = memorySnapshot(`sync ${i + 1}`);
      heapMiB.push(snapshot.heapUsedMiB);
      rssMiB.push(process.memoryUsage().rss / 1024 / 1024);
    }
    const memorySyncs = {
      count: config.memorySyncs,
      meanSeconds:
        (Date.now() - syncsStarted) / 1000 / Math.max(1, config.memorySyncs),
      heapMiB,
      rssMiB,
      heapSlopeMiB: slope(heapMiB),
      rssSlopeMiB: slope(rssMiB),
    };
    if (config.memorySyncs > 0) {
      log(
        config,
        `${
          config.memorySyncs
        } no-change syncs, ${memorySyncs.meanSeconds.toFixed(
          1,
        )} s each: heap slope ${memorySyncs.heapSlopeMiB.toFixed(
          3,
        )} MiB/sync, RSS slope ${memorySyncs.rssSlopeMiB.toFixed(3)} MiB/sync`,
      );
    }

    // Same scores in the same order: the store ranks what the core computes.
    const matchesRanking =
      naiveTop.length === firstPageItems.length &&
      naiveTop.every((row, i) => row.score === firstPageItems[i].score);

    return {
      config,
      database: database.description,
      catalog: {
        entities: entities.length,
        agents: config.size,
        intended,
        generateSeconds: generated.ms / 1000,
      },
      sync: {
        full: { seconds: full.ms / 1000, report: full.result },
        noChange: { seconds: noChange.ms / 1000, report: noChange.result },
        pageSize: backendOptions.sync.pageSize,
        catalogReadSeconds: catalogRead.ms / 1000,
        cpu: {
          noChangeSeconds: noChangeCpuSeconds,
          catalogReadSeconds: catalogReadCpuSeconds,
        },
      },
      memorySyncs,
      byStatus,
      http,
      naive: { stats: naive, matchesRanking },
      memory,
    };
  } finally {
    await database.dispose();
  }
}
