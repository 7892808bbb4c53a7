import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EvidenceFacts } from '@agent-risk/plugin-agent-risk-common';
import { ReachReader } from '../reach/ReachService';
import { ToolInventoryReader } from '../queries/AgentRiskService';
import { dependencyRefs } from './CatalogEvidenceFactsSource';
import { EvidenceFactsSource } from './EvidenceFactsSource';

const refOf = (agent: Entity) =>
  stringifyEntityRef(agent).toLocaleLowerCase('en-US');

/**
 * Reach on the catalog graph as evidence facts (spec 9.1 to 9.2): the
 * stored reach replaces the default source's one-hop reach, and the number
 * of agents that reach this one feeds `talks-to-agents`. An agent whose
 * reach the sync has not computed yet keeps the one-hop facts.
 *
 * @public
 */
export class ReachEvidenceFactsSource implements EvidenceFactsSource {
  constructor(private readonly reach: ReachReader) {}

  async factsFor(
    agents: readonly Entity[],
  ): Promise<Map<string, Partial<EvidenceFacts>>> {
    const refs = agents.map(refOf);
    const [reach, reachedBy] = await Promise.all([
      this.reach.reachOf(refs),
      this.reach.reachedByAgentCount(refs),
    ]);
    const facts = new Map<string, Partial<EvidenceFacts>>();
    for (const ref of refs) {
      facts.set(ref, {
        reach: reach.get(ref),
        reachedByAgents: reachedBy.get(ref),
      });
    }
    return facts;
  }
}

/**
 * The listed MCP tool inventory as evidence facts (spec 8.2 to 9.2): when a
 * server an agent depends on has been listed, its listed tools and their
 * hints replace the tools its YAML definition names. Servers never listed
 * leave the default source's answer in place.
 *
 * @public
 */
export class InventoryEvidenceFactsSource implements EvidenceFactsSource {
  constructor(private readonly inventory: ToolInventoryReader) {}

  async factsFor(
    agents: readonly Entity[],
  ): Promise<Map<string, Partial<EvidenceFacts>>> {
    const serversOf = new Map(
      agents.map(agent => [
        refOf(agent),
        dependencyRefs(agent).filter(ref => ref.startsWith('api:')),
      ]),
    );
    const all = [...new Set([...serversOf.values()].flat())];
    const listed = (
      all.length ? await this.inventory.forServers(all) : []
    ).filter(server => server.listedAt !== null);
    const byServer = new Map(listed.map(server => [server.server, server]));
    const facts = new Map<string, Partial<EvidenceFacts>>();
    for (const [ref, servers] of serversOf) {
      const tools = servers.flatMap(server => byServer.get(server) ?? []);
      if (tools.length > 0) {
        facts.set(ref, { tools });
      }
    }
    return facts;
  }
}
