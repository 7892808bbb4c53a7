import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AGENT_ENTITY_FIELDS,
  AgentRiskOptions,
  isAgentEntity,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { agentCatalogFilter } from '@agent-risk/plugin-agent-risk-backend/testUtils';
import { serviceCredentials } from './server';

export interface NaiveRow {
  entityRef: string;
  score: number | null;
}

/**
 * The way without a score store: on every request, page through every agent
 * in the catalog, score each with the common core, sort by score desc (ties
 * by ref, unscored last) and keep the first `limit`. It asks the catalog for
 * the same few fields the sync does, which flatters it.
 */
export async function naiveFirstPage(
  catalog: CatalogService,
  options: Pick<
    AgentRiskOptions,
    'agentSelectors' | 'model' | 'assumedCvssBase'
  >,
  pageSize: number,
  limit = 50,
): Promise<NaiveRow[]> {
  const rows: NaiveRow[] = [];
  let cursor: string | undefined;
  do {
    const response = await catalog.queryEntities(
      cursor
        ? { cursor, limit: pageSize, fields: AGENT_ENTITY_FIELDS }
        : {
            filter: agentCatalogFilter(options.agentSelectors),
            limit: pageSize,
            fields: AGENT_ENTITY_FIELDS,
          },
      { credentials: serviceCredentials },
    );
    for (const entity of response.items) {
      if (isAgentEntity(entity, options.agentSelectors)) {
        const result = scoreEntity(entity, {
          model: options.model,
          assumedCvssBase: options.assumedCvssBase,
        });
        rows.push({
          entityRef: stringifyEntityRef(entity),
          score: result.status === 'scored' ? result.score : null,
        });
      }
    }
    cursor = response.pageInfo.nextCursor;
  } while (cursor);
  rows.sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) ||
      (a.entityRef < b.entityRef ? -1 : a.entityRef > b.entityRef ? 1 : 0),
  );
  return rows.slice(0, limit);
}
