import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import {
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';

/** The agent's tool surface: the entities it `dependsOn`, e.g. MCP servers. */
export function AgentTools(props: { entity: Entity }) {
  const tools = getEntityRelations(props.entity, RELATION_DEPENDS_ON);
  return (
    <InfoCard title="Tools" subheader="Entities this agent depends on">
      {tools.length === 0 ? (
        <Typography variant="body2">
          No tools declared. Add them to <code>spec.dependsOn</code>.
        </Typography>
      ) : (
        <EntityRefLinks entityRefs={tools} defaultKind="API" />
      )}
    </InfoCard>
  );
}
