import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AgentListItem,
  AgentRiskOptions,
  AgentSelector,
} from '@agent-risk/plugin-agent-risk-common';
import {
  AgentBomAgent,
  agentBomInputFromEntities,
  AgentBomMcpServer,
  buildAgentBom,
  isMcpServerEntity,
} from '@agent-risk/plugin-agent-risk-common/bom';
import { AgentVisibility } from '../permissions/visibility';
import { AgentListOptions } from '../queries/AgentRiskService';
import { toolsFromDefinition } from '../sync/mcpTools';

/** Agents read from the store, and entities from the catalog, per round trip. */
const BATCH_SIZE = 500;

/**
 * Where the exporter reads the ranking: the same reads as `GET /agents`.
 *
 * @public
 */
export interface AgentBomSource {
  streamAgents(
    request: Omit<AgentListOptions, 'limit' | 'cursor'>,
    visibility: AgentVisibility,
    batchSize?: number,
  ): AsyncGenerator<AgentListItem[]>;
}

/** @public */
export interface AgentBomExporterOptions {
  service: AgentBomSource;
  catalog: CatalogService;
  options: Pick<AgentRiskOptions, 'model' | 'assumedCvssBase'> & {
    agentSelectors?: readonly AgentSelector[];
  };
  /** The producing tool named in the BOM's metadata. */
  tool?: { name: string; version?: string };
}

/**
 * `GET /export/cyclonedx`: the agents in the caller's view as a CycloneDX 1.6
 * AI bill of materials (spec section 10.2), built by the common
 * `buildAgentBom` as the CLI builds it.
 *
 * The assessment (scores, SSVC outcome, review date, acceptance) is the
 * stored one, as the ranking shows it; what the store does not keep (the
 * description, links, tags and dependencies) comes from the catalog, read
 * with the caller's own credentials, so the BOM never names an entity the
 * caller may not read: an agent or MCP server the catalog does not return
 * is left out. The store is read a batch at a time; only the compact BOM
 * input is held until the document is built.
 *
 * @public
 */
export class AgentBomExporter {
  constructor(private readonly options: AgentBomExporterOptions) {}

  async export(
    request: Omit<AgentListOptions, 'limit' | 'cursor'>,
    visibility: AgentVisibility,
    credentials: BackstageCredentials,
    now: Date = new Date(),
  ): Promise<string> {
    const agents: AgentBomAgent[] = [];
    for await (const batch of this.options.service.streamAgents(
      request,
      visibility,
      BATCH_SIZE,
    )) {
      const entities = await this.readEntities(
        batch.map(item => item.entityRef),
        credentials,
      );
      const fromCatalog = new Map(
        this.bomInput(entities).agents.map(agent => [
          agent.entityRef.toLocaleLowerCase('en-US'),
          agent,
        ]),
      );
      for (const item of batch) {
        const agent = fromCatalog.get(item.entityRef);
        if (agent) {
          agents.push(withStoredAssessment(agent, item));
        }
      }
    }
    return buildAgentBom(
      {
        agents,
        mcpServers: await this.mcpServers(agents, credentials),
      },
      { timestamp: now, tool: this.options.tool },
    );
  }

  /** The MCP servers the agents depend on that the caller may read. */
  private async mcpServers(
    agents: readonly AgentBomAgent[],
    credentials: BackstageCredentials,
  ): Promise<AgentBomMcpServer[]> {
    const agentRefs = new Set(
      agents.map(a => a.entityRef.toLocaleLowerCase('en-US')),
    );
    const targets = new Set<string>();
    for (const agent of agents) {
      for (const ref of agent.dependsOn ?? []) {
        const key = ref.toLocaleLowerCase('en-US');
        // Only APIs can be MCP servers: other targets need no catalog read.
        if (!agentRefs.has(key) && key.startsWith('api:')) {
          targets.add(key);
        }
      }
    }
    const refs = [...targets];
    const servers: AgentBomMcpServer[] = [];
    for (let i = 0; i < refs.length; i += BATCH_SIZE) {
      const entities = await this.readEntities(
        refs.slice(i, i + BATCH_SIZE),
        credentials,
      );
      servers.push(
        ...this.bomInput(entities.filter(isMcpServerEntity)).mcpServers,
      );
    }
    return servers;
  }

  private bomInput(entities: Entity[]) {
    const { model, assumedCvssBase, agentSelectors } = this.options.options;
    return agentBomInputFromEntities(entities, {
      model,
      assumedCvssBase,
      agentSelectors,
      // The tools an MCP server's entity lists, as the sync reads them.
      toolsOf: toolsFromDefinition,
    });
  }

  /** The entities the caller may read, by the caller's own credentials. */
  private async readEntities(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials },
    );
    return items.filter((e): e is Entity => Boolean(e));
  }
}

/**
 * The agent as the catalog describes it, with the assessment as the backend
 * stored it (the same numbers as the ranking, the acceptance, and the owner
 * name the sync resolved).
 */
function withStoredAssessment(
  agent: AgentBomAgent,
  item: AgentListItem,
): AgentBomAgent {
  return {
    ...agent,
    owner:
      agent.owner && item.ownerTitle
        ? { ...agent.owner, displayName: item.ownerTitle }
        : agent.owner,
    aivss: {
      status: item.status,
      model: item.model,
      score: item.score,
      severity: item.severity,
      cvssAssumed: item.cvssAssumed,
    },
    ssvc: item.ssvc
      ? { status: item.ssvc.status, outcome: item.ssvc.outcome }
      : null,
    reviewedAt: item.reviewedAt,
    acceptance: item.acceptance
      ? { state: item.acceptance.state, expiresAt: item.acceptance.expiresAt }
      : null,
  };
}
