import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import {
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { useRiskLabels } from '../shared/useRiskLabels';

/** The agent's tool surface: the entities it `dependsOn`, e.g. MCP servers. */
export function AgentTools(props: { entity: Entity }) {
  const tools = getEntityRelations(props.entity, RELATION_DEPENDS_ON);
  const { t } = useRiskLabels();
  return (
    <InfoCard
      title={t('riskTab.tools.title')}
      subheader={t('riskTab.tools.subheader')}
    >
      {tools.length === 0 ? (
        <Typography variant="body2">
          {t('riskTab.tools.empty', { field: <code>spec.dependsOn</code> })}
        </Typography>
      ) : (
        <EntityRefLinks entityRefs={tools} defaultKind="API" />
      )}
    </InfoCard>
  );
}
