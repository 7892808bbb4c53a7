import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AgentSelector } from '@agent-risk/plugin-agent-risk-common';
import { EvidenceStore } from '../database/evidence/EvidenceStore';
import { CatalogEvidenceFactsSource } from './CatalogEvidenceFactsSource';
import {
  combineEvidenceFactsSources,
  EvidenceFactsSource,
} from './EvidenceFactsSource';
import { EvidenceService } from './EvidenceService';

/**
 * The evidence service with its facts sources: first the agent's own
 * entity and direct dependencies (the catalog as it is), then `more`, whose
 * fields replace the first's. This is the seam where reach on the catalog
 * graph (a source answering `reach` and `reachedByAgents`) and the listed
 * MCP tool inventory (a source answering `tools`) plug in.
 *
 * @public
 */
export function createEvidenceService(deps: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  store: EvidenceStore;
  agentSelectors?: readonly AgentSelector[];
  more?: readonly EvidenceFactsSource[];
}): EvidenceService {
  const source = combineEvidenceFactsSources([
    new CatalogEvidenceFactsSource({
      catalog: deps.catalog,
      auth: deps.auth,
      logger: deps.logger,
      agentSelectors: deps.agentSelectors,
    }),
    ...(deps.more ?? []),
  ]);
  return new EvidenceService({
    source,
    store: deps.store,
    logger: deps.logger,
  });
}
