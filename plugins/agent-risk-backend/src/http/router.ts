import express from 'express';
import Router from 'express-promise-router';
import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isError, NotFoundError } from '@backstage/errors';
import {
  agentRiskRoutes,
  csvExportFileName,
  DiscoverySource,
} from '@agent-risk/plugin-agent-risk-common';
import { AcceptanceService } from '../acceptance/AcceptanceService';
import { AgentBomExporter } from '../export/AgentBomExporter';
import { FetchReader } from '../fetch/FetchReader';
import { AgentRiskAccess } from '../permissions/access';
import { requireCatalogService } from '../permissions/callers';
import { isVisible } from '../permissions/visibility';
import { RegistryService } from '../registry/RegistryService';
import { GroupTreeResolver } from '../catalog/GroupTreeResolver';
import { AgentRiskService } from '../queries/AgentRiskService';
import { McpInventory } from '../mcpInventory/McpInventory';
import { TrendService } from '../queries/TrendService';
import { AgentRiskSync } from '../sync/AgentRiskSync';
import { ReachService } from '../reach/ReachService';
import { AGENT_RISK_SYNC_TASK_ID } from '../sync/scheduleSync';
import { contractRoutes } from './contractRoute';
import { writeCsvExport } from './csvExport';
import { CsvExportCache } from './csvExportCache';
import { fetchImportDocument } from './importFetch';
import { databaseUnavailableAs503 } from './databaseUnavailable';
import { QueryFilters } from './queryFilters';

/** @public */
export interface AgentRiskRouterOptions {
  httpAuth: HttpAuthService;
  access: AgentRiskAccess;
  service: AgentRiskService;
  trends: TrendService;
  /** Widens an owner filter to sub-groups and members (`includeSubgroups`). */
  groups: GroupTreeResolver;
  sync: AgentRiskSync;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** The registry of agents created in Backstage, and their audit trail (spec section 6). */
  registry: RegistryService;
  /** Risk acceptances (spec section 7). */
  acceptances: AcceptanceService;
  /**
   * Reads the URLs of `POST /import/fetch`: the plugin's own reader, without
   * integration credentials; `agentRisk.fetch.allow` decides which hosts.
   */
  fetchReader: FetchReader;
  /** Builds the CycloneDX export (spec section 10.2). */
  bomExporter: AgentBomExporter;
  /** Reach on the catalog graph (spec 9.1): `GET /reached-by`. */
  reach: ReachService;
  /** The MCP tool inventory (spec 8.2). */
  mcpInventory: McpInventory;
  /** Agent-card discovery's sources and their last run (spec section 8.1); none when absent. */
  discoverySources?: () => Promise<DiscoverySource[]>;
}

/**
 * The HTTP API, route by route as `agentRiskRoutes` in the common package
 * defines it. Reads take a user or service token, routes that act for a
 * person a user token, the registry feed the catalog's service token
 * (httpAuth answers 401 without a token, 403 for the wrong caller). Reads
 * need `agent-risk.read`, refreshes `agent-risk.refresh`, a full sync
 * `agent-risk.sync`; bad input is a 400 that names the parameter.
 *
 * @public
 */
export async function createRouter(
  options: AgentRiskRouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    access,
    service,
    trends,
    groups,
    sync,
    scheduler,
    logger,
    registry,
    acceptances,
    discoverySources,
    fetchReader,
    bomExporter,
    reach,
    mcpInventory,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  const route = contractRoutes(router, httpAuth);
  const queryFilters = new QueryFilters(groups);
  const csvExports = new CsvExportCache();

  route(agentRiskRoutes.listAgents, async ({ credentials, query }) => {
    const visibility = await access.requireRead(credentials);
    return service.listAgents(await queryFilters.agentList(query), visibility);
  });

  route(
    agentRiskRoutes.exportAgentsCsv,
    async ({ credentials, query, res }) => {
      const visibility = await access.requireRead(credentials);
      const { filters, orderBy, order } = await queryFilters.agentList(query);
      const request = { filters, orderBy, order };
      await writeCsvExport({
        res,
        rows: () => service.streamCsvRows(request, visibility),
        logger,
        filename: csvExportFileName(query),
        cache: {
          exports: csvExports,
          key: await service.csvExportKey(request, visibility),
        },
      });
    },
  );

  route(
    agentRiskRoutes.exportCycloneDx,
    async ({ credentials, query, res }) => {
      const visibility = await access.requireRead(credentials);
      const { filters, orderBy, order } = await queryFilters.agentList(query);
      const now = new Date();
      const bom = await bomExporter.export(
        { filters, orderBy, order },
        visibility,
        credentials,
        now,
      );
      // attachment() first: it sets a Content-Type from the file name.
      res.attachment(
        `agent-risk-bom-${now.toISOString().slice(0, 10)}.cdx.json`,
      );
      // end(), not send(): send() would append a charset to the media type.
      res
        .status(200)
        .setHeader(
          'Content-Type',
          agentRiskRoutes.exportCycloneDx.response.contentType,
        )
        .end(bom, 'utf8');
    },
  );

  route(agentRiskRoutes.getMcpServerTools, async ({ credentials, params }) => {
    await access.requireReadPermission(credentials);
    return mcpInventory.serverTools(
      stringifyEntityRef({ kind: 'api', ...params }),
      credentials,
    );
  });

  route(agentRiskRoutes.listMcpServers, async ({ credentials }) => {
    await access.requireReadPermission(credentials);
    return mcpInventory.discovery(credentials);
  });

  route(agentRiskRoutes.getAgent, async ({ credentials, params }) => {
    const visibility = await access.requireRead(credentials);
    return service.getAgent(
      stringifyEntityRef(params),
      visibility,
      credentials,
    );
  });

  route(
    agentRiskRoutes.getReachedBy,
    async ({ credentials, params, query }) => {
      const visibility = await access.requireRead(credentials);
      return reach.reachedBy(
        stringifyEntityRef(params),
        query.limit,
        visibility,
        credentials,
      );
    },
  );

  route(agentRiskRoutes.refreshAgent, async ({ credentials, params }) => {
    const ref = stringifyEntityRef(params);
    await access.requireRefresh(credentials);
    await access.requireReadPermission(credentials);
    const outcome = await sync.refreshAgent(params, credentials);
    if (!outcome) {
      throw new NotFoundError(`${ref} is not an agent in the catalog`);
    }
    // The caller's cached visible set may predate a brand-new agent.
    const agent = await service.getAgent(
      ref,
      await access.visibilityIncluding(credentials, ref),
      credentials,
    );
    const previous = outcome.previous;
    return {
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
  });

  route(agentRiskRoutes.triggerSync, async ({ credentials }) => {
    await access.requireSync(credentials);
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
    return { triggered: AGENT_RISK_SYNC_TASK_ID, alreadyRunning };
  });

  route(agentRiskRoutes.getSummary, async ({ credentials, query }) => {
    const visibility = await access.requireRead(credentials);
    return service.getSummary(
      visibility,
      await queryFilters.summary(query),
      credentials,
    );
  });

  route(agentRiskRoutes.getTrends, async ({ credentials, query }) => {
    const { days, ...rest } = query;
    const visibility = await access.requireRead(credentials);
    return trends.getTrends(
      { days, filters: await queryFilters.trends(rest) },
      visibility,
    );
  });

  route(agentRiskRoutes.listDiscoverySources, async ({ credentials }) => {
    await access.requireReadPermission(credentials);
    return { sources: discoverySources ? await discoverySources() : [] };
  });

  route(agentRiskRoutes.scoreEntity, async ({ credentials, body }) => {
    await access.requireReadPermission(credentials);
    return service.scoreEntity(body.entity as Entity, body.model);
  });

  route(agentRiskRoutes.registerAgent, async ({ credentials, body }) => {
    await access.requireCreate(credentials);
    return registry.create(body, credentials);
  });

  route(
    agentRiskRoutes.updateRegistryAgent,
    async ({ credentials, params, body }) => {
      // Permission before ownership: a caller who may not edit the agent
      // learns 403, not where it is defined.
      await access.requireUpdate(credentials, await registry.refAt(params));
      return registry.update(params, body, credentials);
    },
  );

  route(
    agentRiskRoutes.deleteRegistryAgent,
    async ({ credentials, params, query }) => {
      await access.requireUpdate(credentials, await registry.refAt(params));
      await registry.delete(params, query, credentials);
    },
  );

  route(agentRiskRoutes.fetchImportDocument, async ({ credentials, body }) => {
    // Only who may register may make the backend read a URL.
    await access.requireCreate(credentials);
    return fetchImportDocument(fetchReader, body.url);
  });

  route(agentRiskRoutes.listAudit, async ({ credentials, params, query }) => {
    const ref = stringifyEntityRef(params).toLocaleLowerCase('en-US');
    const visibility = await access.requireRead(credentials);
    if (!isVisible(visibility, ref)) {
      throw new NotFoundError(`No agent ${ref}`);
    }
    if (query.registrations === 'all') {
      // Earlier agents of this name: a security team's view, not the owners'.
      await access.requireAuditHistory(credentials);
    }
    return registry.listAudit(ref, query);
  });

  /** The agent at the path, if the caller may read it: else 404, as for reads. */
  const visibleAgent = async (
    credentials: BackstageCredentials,
    params: { kind: string; namespace: string; name: string },
  ) => {
    const ref = stringifyEntityRef(params).toLocaleLowerCase('en-US');
    const visibility = await access.requireRead(credentials);
    // Existence and visibility only: the record itself is not needed here.
    if ((await service.findAgents([ref], visibility)).length === 0) {
      throw new NotFoundError(`No agent risk record for ${ref}`);
    }
    return ref;
  };

  route(
    agentRiskRoutes.requestAcceptance,
    async ({ credentials, params, body }) => {
      const ref = await visibleAgent(credentials, params);
      await access.requireAcceptanceRequest(credentials, ref);
      return {
        entityRef: ref,
        acceptance: await acceptances.request(ref, body, credentials),
      };
    },
  );

  route(agentRiskRoutes.approveAcceptance, async ({ credentials, params }) => {
    const ref = await visibleAgent(credentials, params);
    await access.requireAcceptanceApprove(credentials, ref);
    return {
      entityRef: ref,
      acceptance: await acceptances.approve(ref, credentials),
    };
  });

  route(
    agentRiskRoutes.revokeAcceptance,
    async ({ credentials, params, query }) => {
      const ref = await visibleAgent(credentials, params);
      await access.requireAcceptanceRevoke(credentials, ref);
      await acceptances.revoke(ref, query.reason, credentials);
    },
  );

  // The entity provider's feed hands out every registry entity: the
  // catalog's own service token only, and the catalog then guards each entity.
  route(agentRiskRoutes.getRegistrySnapshot, async ({ credentials }) => {
    requireCatalogService(credentials);
    return registry.snapshot();
  });

  route(
    agentRiskRoutes.getRegistryChanges,
    async ({ credentials, query, res }) => {
      requireCatalogService(credentials);
      // A held request ends early when the provider hangs up (shutdown); the
      // response's close, not the request's (that fires once the body is read).
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      return registry.changesSince(query.after, {
        waitMs: query.wait * 1000,
        signal: gone.signal,
      });
    },
  );

  router.use(databaseUnavailableAs503);
  return router;
}
