import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { agentRiskApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { formatScore, STATUS_SHORT_LABELS } from '../shared/format';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { ScrollableTable } from '../shared/ScrollableTable';
import { SeverityChip } from '../shared/SeverityChip';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { GroupRiskTrend } from '../Trends/GroupRiskTrend';

const GROUP_CARD_LIMIT = 10;

/** Group page card: the agents this group owns, riskiest first. */
export function GroupAgentRiskCard() {
  const { entity } = useEntity();
  const api = useApi(agentRiskApiRef);
  const riskTabLink = useAgentRiskTabLink();
  const rankingRoute = useRouteRef(rootRouteRef);
  const groupRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(
    () =>
      api.listAgents({
        owner: [groupRef],
        includeSubgroups: true,
        orderBy: 'score',
        order: 'desc',
        limit: GROUP_CARD_LIMIT,
      }),
    [api, groupRef],
  );
  const deepLink = {
    title: 'Open in the agent risk ranking',
    link: `${rankingRoute()}?${new URLSearchParams({ owner: groupRef })}`,
  };

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <RiskErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    body = (
      <Typography variant="body2">
        This group, its sub-teams and their members own no agents.
      </Typography>
    );
  } else {
    body = (
      <>
        <Typography variant="body2" gutterBottom>
          {value.totalCount} agent{value.totalCount === 1 ? '' : 's'} owned by
          this group, its sub-teams and their members
          {value.totalCount > value.items.length &&
            `; the ${value.items.length} riskiest are shown`}
          .
        </Typography>
        <ScrollableTable label="Agents owned by this group, scrollable">
          <Table size="small" aria-label="Agents owned by this group">
            <TableHead>
              <TableRow>
                <TableCell>Agent</TableCell>
                <TableCell align="right">AIVSS</TableCell>
                <TableCell>Severity</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.items.map(item => (
                <TableRow key={item.entityRef}>
                  <TableCell>
                    <Link to={riskTabLink(item.entityRef)}>
                      {item.title || item.entityRef}
                    </Link>
                  </TableCell>
                  <TableCell align="right">{formatScore(item.score)}</TableCell>
                  <TableCell>
                    <SeverityChip severity={item.severity} />
                  </TableCell>
                  <TableCell>{STATUS_SHORT_LABELS[item.status]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollableTable>
        <GroupRiskTrend groupRef={groupRef} />
      </>
    );
  }
  return (
    // Plugin root: the e2e scopes its accessibility checks by this id.
    <div data-testid="agent-risk-group-card">
      <InfoCard
        title="Agent risk"
        subheader="Agents owned by this group and its sub-teams, by AIVSS score"
        deepLink={deepLink}
      >
        {body}
      </InfoCard>
    </div>
  );
}
