import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { AgentRiskRecord } from '@agent-risk/plugin-agent-risk-common';
import {
  hasToolsToShow,
  ListingState,
  McpToolList,
  toolsFromDefinition,
} from '../McpTools/McpToolList';
import { useRiskLabels } from '../shared/useRiskLabels';

/**
 * The agent's tool surface: the entities it `dependsOn`, and for each MCP
 * server the tools it lists (spec 8.2), those that may write or destroy
 * marked, and what changed since the last review.
 */
export function AgentTools(props: {
  entity: Entity;
  record?: AgentRiskRecord;
}) {
  const dependencies = getEntityRelations(props.entity, RELATION_DEPENDS_ON);
  const servers = props.record?.tools ?? [];
  const { t } = useRiskLabels();
  return (
    <InfoCard
      title={t('riskTab.tools.title')}
      subheader={t('riskTab.tools.subheader')}
    >
      {dependencies.length === 0 && servers.length === 0 ? (
        <Typography variant="body2">
          {t('riskTab.tools.empty', { field: <code>spec.dependsOn</code> })}
        </Typography>
      ) : (
        <EntityRefLinks entityRefs={dependencies} defaultKind="API" />
      )}
      {servers.map(server => {
        const ref = parseEntityRef(server.server);
        const fromDefinition = toolsFromDefinition(server);
        return (
          <Box key={server.server} mt={2}>
            <Typography variant="subtitle2" component="h3">
              {t('mcpTools.serverTitle', {
                server: (<EntityRefLink entityRef={ref} />) as any,
              })}
            </Typography>
            <ListingState inventory={server} />
            {hasToolsToShow(server) && (
              <McpToolList
                tools={server.tools}
                // A definition's tools have no change history to show.
                reviewedAt={
                  fromDefinition ? undefined : props.record?.reviewedAt ?? null
                }
                label={t('mcpTools.serverTitle', { server: ref.name })}
              />
            )}
          </Box>
        );
      })}
    </InfoCard>
  );
}
