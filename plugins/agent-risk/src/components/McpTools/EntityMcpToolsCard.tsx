import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  RELATION_API_CONSUMED_BY,
  RELATION_DEPENDENCY_OF,
} from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { agentRiskApiRef } from '../../api';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { useRiskLabels } from '../shared/useRiskLabels';
import { hasToolsToShow, ListingState, McpToolList } from './McpToolList';

/**
 * The entities whose own relations say they depend on or consume this one,
 * as the signed-in user may read them. The server's reverse relations say
 * the same once the catalog has stitched them, which can lag.
 */
async function forwardDependents(
  catalogApi: Pick<typeof catalogApiRef.T, 'getEntities'>,
  entity: Entity,
) {
  const ref = stringifyEntityRef(entity);
  const { items } = await catalogApi.getEntities({
    filter: [{ 'relations.dependsOn': ref }, { 'relations.consumesApi': ref }],
    fields: ['kind', 'metadata.namespace', 'metadata.name'],
  });
  return items.map(item => parseEntityRef(stringifyEntityRef(item)));
}

function uniqueRefs<
  T extends { kind: string; namespace: string; name: string },
>(refs: T[]): T[] {
  const seen = new Set<string>();
  return refs.filter(ref => {
    const key = stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The card on an MCP server's API page: its tools as Agent Risk last listed
 * them, and the agents (and other entities) that depend on it.
 */
export function EntityMcpToolsCard() {
  const { entity } = useEntity();
  const api = useApi(agentRiskApiRef);
  const { t } = useRiskLabels();
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const { loading, error, value } = useAsync(
    () => api.getMcpServerTools({ namespace, name }),
    [api, namespace, name],
  );
  const catalogApi = useApi(catalogApiRef);
  const dependents = useAsync(
    () => forwardDependents(catalogApi, entity),
    [catalogApi, entity],
  );
  const users = uniqueRefs([
    ...getEntityRelations(entity, RELATION_DEPENDENCY_OF),
    ...getEntityRelations(entity, RELATION_API_CONSUMED_BY),
    ...(dependents.value ?? []),
  ]);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body =
      (error as { response?: { status?: number } }).response?.status === 404 ? (
        <Typography variant="body2">{t('mcpTools.notMcpServer')}</Typography>
      ) : (
        <RiskErrorPanel error={error} />
      );
  } else if (value) {
    body = (
      <>
        <ListingState inventory={value} />
        {hasToolsToShow(value) && (
          <McpToolList tools={value.tools} label={t('mcpTools.cardTitle')} />
        )}
      </>
    );
  }
  return (
    <InfoCard
      title={t('mcpTools.cardTitle')}
      subheader={t('mcpTools.cardSubheader')}
    >
      {body}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          {t('mcpTools.usedBy')}
        </Typography>
        {users.length === 0 && dependents.loading && <Progress />}
        {users.length === 0 && !dependents.loading ? (
          <Typography variant="body2">{t('mcpTools.usedByNone')}</Typography>
        ) : (
          <EntityRefLinks entityRefs={users} />
        )}
      </Box>
    </InfoCard>
  );
}
