import { Entity } from '@backstage/catalog-model';
import { EvidenceFacts } from '@agent-risk/plugin-agent-risk-common';

/**
 * Where the evidence rules' facts come from. Each source answers what it
 * knows for a page of agent entities, keyed by lower-case entity ref; the
 * evidence service lays the answers over one another in order (a later
 * source's field wins). The default source reads the agent's own entity and
 * its direct dependencies; reach on the catalog graph (spec 9.1) and the
 * listed MCP tool inventory (spec 8.2) plug in as further sources.
 *
 * @public
 */
export interface EvidenceFactsSource {
  factsFor(
    agents: readonly Entity[],
  ): Promise<Map<string, Partial<EvidenceFacts>>>;
}

/**
 * Lays the sources' answers over one another, in order: a later source's
 * field replaces an earlier one's (so reach computed on the graph replaces
 * the one-hop reach of the default source, and listed tools replace the
 * tools named in YAML). A source that fails fails the page: findings drawn
 * from part of the facts would clear stored ones on a guess, so the
 * service keeps the stored findings instead.
 *
 * @public
 */
export function combineEvidenceFactsSources(
  sources: readonly EvidenceFactsSource[],
): EvidenceFactsSource {
  return {
    async factsFor(agents) {
      const combined = new Map<string, Partial<EvidenceFacts>>();
      const answers = await Promise.all(
        sources.map(source => source.factsFor(agents)),
      );
      for (const answer of answers) {
        for (const [ref, facts] of answer) {
          const defined = Object.fromEntries(
            Object.entries(facts).filter(([, v]) => v !== undefined),
          );
          combined.set(ref, { ...combined.get(ref), ...defined });
        }
      }
      return combined;
    },
  };
}
