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
import { formatScore } from '../shared/format';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { ScrollableTable } from '../shared/ScrollableTable';
import { SeverityChip } from '../shared/SeverityChip';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { GroupRiskTrend } from '../Trends/GroupRiskTrend';
import { useRiskLabels } from '../shared/useRiskLabels';

const GROUP_CARD_LIMIT = 10;

/** Group page card: the agents this group owns, riskiest first. */
export function GroupAgentRiskCard() {
  const { entity } = useEntity();
  const api = useApi(agentRiskApiRef);
  const riskTabLink = useAgentRiskTabLink();
  const rankingRoute = useRouteRef(rootRouteRef);
  const { t, statusShortLabel } = useRiskLabels();
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
    title: t('groupCard.deepLink'),
    link: `${rankingRoute()}?${new URLSearchParams({ owner: groupRef })}`,
  };

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <RiskErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    body = <Typography variant="body2">{t('groupCard.empty')}</Typography>;
  } else {
    body = (
      <>
        <Typography variant="body2" gutterBottom>
          {t('groupCard.owned', { count: value.totalCount })}
          {value.totalCount > value.items.length &&
            t('groupCard.riskiestShown', {
              shown: String(value.items.length),
            })}
          .
        </Typography>
        <ScrollableTable
          label={t('common.scrollableTable', {
            name: t('groupCard.scrollLabel'),
          })}
        >
          <Table size="small" aria-label={t('groupCard.scrollLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('groupCard.columns.agent')}</TableCell>
                <TableCell align="right">
                  {t('groupCard.columns.score')}
                </TableCell>
                <TableCell>{t('groupCard.columns.severity')}</TableCell>
                <TableCell>{t('groupCard.columns.status')}</TableCell>
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
                  <TableCell>{statusShortLabel(item.status)}</TableCell>
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
        title={t('groupCard.title')}
        subheader={t('groupCard.subheader')}
        deepLink={deepLink}
      >
        {body}
      </InfoCard>
    </div>
  );
}
