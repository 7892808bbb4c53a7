import express from 'express';
import Router from 'express-promise-router';
import {
  HttpAuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isError, NotFoundError } from '@backstage/errors';
import { AgentRefreshResult } from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskAccess } from './service/access';
import { AgentRiskService } from './service/AgentRiskService';
import { writeCsvExport } from './service/csvExport';
import { databaseUnavailableAs503 } from './service/databaseUnavailable';
import { AgentRiskSync } from './sync/AgentRiskSync';
import { AGENT_RISK_SYNC_TASK_ID } from './sync/scheduleSync';
import {
  parseAgentListQuery,
  parseEntityPath,
  parseScoreBody,
  parseSummaryQuery,
  parseTrendQuery,
} from './validation';
import { TrendService } from './trends/TrendService';
import {
  expandOwnerFilter,
  GroupTreeResolver,
} from './ownership/GroupTreeResolver';

export interface AgentRiskRouterOptions {
  httpAuth: HttpAuthService;
  access: AgentRiskAccess;
  service: AgentRiskService;
  trends: TrendService;
  groups: GroupTreeResolver;
  sync: AgentRiskSync;
  scheduler: SchedulerService;
  logger: LoggerService;
}

/**
 * The HTTP API of spec section 5. Every route needs a user or service token
 * (httpAuth answers 401 otherwise); reads need `agent-risk.read`, refreshes
 * `agent-risk.refresh`, a full sync `agent-risk.sync`; bad input is a 400
 * that names the parameter.
 */
export async function createRouter(
  options: AgentRiskRouterOptions,
): Promise<express.Router> {
  const { httpAuth, access, service, trends, groups, sync, scheduler, logger } =
    options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/agents', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseAgentListQuery(req.query);
    const visibility = await access.requireRead(credentials);
    const filters = await expandOwnerFilter(query.filters, groups);
    res.json(await service.listAgents({ ...query, filters }, visibility));
  });

  router.get('/agents.csv', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseAgentListQuery(req.query);
    const { orderBy, order } = query;
    const visibility = await access.requireRead(credentials);
    const filters = await expandOwnerFilter(query.filters, groups);
    await writeCsvExport({
      res,
      rows: service.streamCsvRows({ filters, orderBy, order }, visibility),
      logger,
      filename: 'agent-risk.csv',
    });
  });

  router.get('/agents/:kind/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = stringifyEntityRef(parseEntityPath(req.params));
    const visibility = await access.requireRead(credentials);
    res.json(await service.getAgent(ref, visibility));
  });

  router.post('/agents/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
    const compound = parseEntityPath(req.params);
    const ref = stringifyEntityRef(compound);
    await access.requireRefresh(credentials);
    await access.requireReadPermission(credentials);
    const outcome = await sync.refreshAgent(compound, credentials);
    if (!outcome) {
      throw new NotFoundError(`${ref} is not an agent in the catalog`);
    }
    // The caller's cached visible set may predate a brand-new agent.
    const agent = await service.getAgent(
      ref,
      await access.freshVisibility(credentials),
    );
    const previous = outcome.previous;
    const result: AgentRefreshResult = {
      agent,
      refreshedAt: outcome.refreshedAt,
      catalogUpdated: outcome.catalogUpdated,
      scoreChanged:
        !previous ||
        previous.status !== agent.status ||
        previous.score !== agent.score ||
        previous.model !== agent.model,
      previous: previous
        ? {
            status: previous.status,
            score: previous.score,
            severity: previous.severity,
          }
        : null,
    };
    res.json(result);
  });

  router.post('/sync', async (req, res) => {
    await access.requireSync(await credentialsOf(req));
    let alreadyRunning = false;
    try {
      await scheduler.triggerTask(AGENT_RISK_SYNC_TASK_ID);
    } catch (error) {
      // The scheduler refuses to trigger a task that is running: that run will do.
      if (!isError(error) || error.name !== 'ConflictError') {
        throw error;
      }
      alreadyRunning = true;
    }
    res
      .status(202)
      .json({ triggered: AGENT_RISK_SYNC_TASK_ID, alreadyRunning });
  });

  router.get('/summary', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseSummaryQuery(req.query);
    const visibility = await access.requireRead(credentials);
    const filters = await expandOwnerFilter(query, groups);
    res.json(await service.getSummary(visibility, filters));
  });

  router.get('/trends', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { days, filters: query } = parseTrendQuery(req.query);
    const visibility = await access.requireRead(credentials);
    const filters = await expandOwnerFilter(query, groups);
    res.json(await trends.getTrends({ days, filters }, visibility));
  });

  router.post('/score', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseScoreBody(req.body);
    await access.requireReadPermission(credentials);
    res.json(service.scoreEntity(body.entity as Entity, body.model));
  });

  router.use(databaseUnavailableAs503);
  return router;
}
