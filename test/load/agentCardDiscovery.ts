import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { AddressInfo } from 'net';
import express from 'express';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { AGENT_CARD_PATH, AgentCard } from '@a2a-js/sdk';
import { agentCardHandler } from '@a2a-js/sdk/server/express';
import {
  a2aCard,
  signCard,
  signingKey,
} from '../../plugins/agent-risk-backend/src/__testUtils__/a2aAgents';
import { AgentCardDiscovery } from '../../plugins/agent-risk-backend/src/discovery/AgentCardDiscovery';
import { HttpFetchReader } from '../../plugins/agent-risk-backend/src/fetch/FetchReader';
import {
  createAgentRiskDatabase,
  readAgentRiskBackendOptions,
  RegistryService,
} from '../../plugins/agent-risk-backend/src/testUtils';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const WELL_KNOWN = AGENT_CARD_PATH.startsWith('/')
  ? AGENT_CARD_PATH
  : `/${AGENT_CARD_PATH}`;

/**
 * Serves SOURCES real A2A servers (the SDK's agentCardHandler), each with
 * CARDS/SOURCES agents under their own path, and times agent-card discovery
 * over them on a fresh SQLite file: the first run (every card new), a run
 * with no change (no write expected but the run's own row) and a run where
 * a tenth of the cards changed.
 */
export async function main(args: string[]) {
  const sourceCount = flag(args, 'sources', 50);
  const cardCount = flag(args, 'cards', 1000);
  const concurrency = flag(args, 'concurrency', 8);
  const perSource = Math.ceil(cardCount / sourceCount);
  const key = signingKey('bench-key');

  // cards[source][agent]; every fourth card is signed with the SDK's helper.
  const cards: AgentCard[][] = [];
  for (let s = 0; s < sourceCount; s++) {
    const row: AgentCard[] = [];
    for (let a = 0; a < perSource && s * perSource + a < cardCount; a++) {
      const card = a2aCard(`bench-agent-${s}-${a}`);
      row.push(a % 4 === 0 ? await signCard(card, key) : card);
    }
    cards.push(row);
  }

  let requests = 0;
  const servers: http.Server[] = [];
  const urls: string[] = [];
  for (let s = 0; s < sourceCount; s++) {
    const app = express();
    cards[s].forEach((_, a) => {
      app.use(
        `/agent-${a}${WELL_KNOWN}`,
        agentCardHandler({
          agentCardProvider: async () => cards[s][a],
          cache: { maxAge: 0 },
        }),
      );
    });
    const server = http.createServer((req, res) => {
      requests += 1;
      app(req, res);
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    cards[s].forEach((_, a) =>
      urls.push(`http://127.0.0.1:${port}/agent-${a}${WELL_KNOWN}`),
    );
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-card-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const database = await createAgentRiskDatabase(knex);
    const options = readAgentRiskBackendOptions(
      new ConfigReader({
        agentRisk: {
          discovery: {
            defaultOwner: 'group:default/platform',
            agentCards: {
              sources: urls.map(url => ({ url })),
              trustedKeys: [{ kid: key.kid, jwk: key.jwk }],
              concurrency,
            },
          },
        },
      }),
    );
    // No entity carries a card annotation here: an empty catalog (the jest
    // mocks of the test utilities do not run outside jest).
    const catalog = {
      queryEntities: async () => ({
        items: [],
        totalItems: 0,
        pageInfo: {},
      }),
      getEntities: async () => ({ items: [] }),
      getEntityByRef: async () => undefined,
      getEntitiesByRefs: async (request: { entityRefs: string[] }) => ({
        items: request.entityRefs.map(() => undefined),
      }),
    } as any;
    const auth = mockServices.auth();
    const quiet = () => {};
    const logger: any = {
      info: quiet,
      warn: quiet,
      error: quiet,
      debug: quiet,
      child: () => logger,
    };
    const registry = new RegistryService({
      registry: database.registry,
      audit: database.audit,
      scores: database.scores,
      catalog,
      auth,
      logger,
      options,
      userInfo: mockServices.userInfo(),
      mayAssignAnyOwner: async () => true,
    });
    const discovery = new AgentCardDiscovery({
      reader: new HttpFetchReader({ allow: [], timeoutMs: 10_000 }),
      store: database.agentCards,
      registry,
      catalog,
      auth,
      logger,
      options,
    });
    const writes: string[] = [];
    knex.on('query', (q: { sql: string }) => {
      if (/^\s*(insert|update|delete)/i.test(q.sql)) writes.push(q.sql);
    });
    const timed = async (label: string) => {
      writes.length = 0;
      requests = 0;
      const started = process.hrtime.bigint();
      const result = await discovery.run();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const own = writes.filter(sql => !/agent_risk_discovery_runs/.test(sql));
      console.log(
        `${label.padEnd(30)} ${(ms / 1000).toFixed(2).padStart(6)} s  read ${
          result.ok
        }/${result.sources}  failed ${
          result.failed + result.notAllowed
        }  agents written ${String(result.agentsWritten).padStart(
          4,
        )}  HTTP requests ${String(requests).padStart(5)}  writes ${String(
          own.length,
        ).padStart(5)} (+ ${writes.length - own.length} run row)`,
      );
      return { result, ms, own };
    };
    console.log(
      `Agent-card discovery: ${urls.length} cards from ${sourceCount} servers (a quarter signed), concurrency ${concurrency}, SQLite file, Node ${process.version}; default interval 30 minutes`,
    );
    const first = await timed('first run (every card new)');
    const same = await timed('no change');
    for (let s = 0; s < sourceCount; s++) {
      cards[s].forEach((card, a) => {
        if ((s * perSource + a) % 10 === 0) {
          cards[s][a] = { ...card, description: `${card.description} (v2)` };
        }
      });
    }
    const changed = await timed('a tenth of the cards changed');
    if (same.own.length > 0) {
      console.log('FAIL: the no-change run wrote agents or sources');
      process.exitCode = 1;
    }
    if (first.result.ok !== urls.length || changed.result.ok !== urls.length) {
      console.log('FAIL: not every card was read');
      process.exitCode = 1;
    }
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
  }
}
