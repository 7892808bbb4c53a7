import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { agentRiskApiRef } from '../../api';
import { formatScore } from '../shared/format';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { ScrollableTable } from '../shared/ScrollableTable';
import { SeverityChip } from '../shared/SeverityChip';
import { useRiskLabels } from '../shared/useRiskLabels';
import { pathWords } from './entityLabels';

/** How many of the riskiest agents the card lists. */
const LISTED = 10;

/**
 * For a component, API, resource or system page: the agents that can act on
 * this entity through the catalog's relations, riskiest first, each with its
 * path (spec 9.1).
 */
export function ReachedByCard() {
  const { entity } = useEntity();
  const api = useApi(agentRiskApiRef);
  const { t, severityLabel } = useRiskLabels();
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getReachedBy(ref, { limit: LISTED }),
    [api, ref.kind, ref.namespace, ref.name],
  );
  const body = () => {
    if (state.loading) {
      return <Progress />;
    }
    if (state.error) {
      return <RiskErrorPanel error={state.error} />;
    }
    const result = state.value!;
    if (result.totalCount === 0) {
      return <Typography variant="body2">{t('reachedBy.empty')}</Typography>;
    }
    const riskiest = result.items[0];
    const unlisted = result.totalCount - result.items.length - result.hidden;
    return (
      <>
        {riskiest && (
          <Typography variant="body1" data-testid="reached-by-headline">
            {t('reachedBy.headline', {
              count: result.totalCount,
              agent: riskiest.title,
              score:
                riskiest.score === null
                  ? severityLabel(null)
                  : `${formatScore(riskiest.score)} ${severityLabel(
                      riskiest.severity,
                    )}`,
            })}
          </Typography>
        )}
        {result.items.length > 0 && (
          <ScrollableTable
            label={t('common.scrollableTable', { name: t('reachedBy.title') })}
          >
            <Table size="small" aria-label={t('reachedBy.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('reachedBy.agentColumn')}</TableCell>
                  <TableCell>{t('reachedBy.riskColumn')}</TableCell>
                  <TableCell>{t('reachedBy.pathColumn')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.items.map(agent => (
                  <TableRow key={agent.entityRef}>
                    <TableCell>
                      <EntityRefLink
                        entityRef={agent.entityRef}
                        title={agent.title}
                      />
                    </TableCell>
                    <TableCell>
                      {formatScore(agent.score)}{' '}
                      <SeverityChip severity={agent.severity} />
                    </TableCell>
                    <TableCell>{pathWords(agent.path)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollableTable>
        )}
        {result.hidden > 0 && (
          <Typography variant="body2">
            {t('reachedBy.hidden', { count: result.hidden })}
          </Typography>
        )}
        {unlisted > 0 && (
          <Typography variant="body2">
            {t('reachedBy.more', { count: unlisted })}
          </Typography>
        )}
      </>
    );
  };
  return <InfoCard title={t('reachedBy.title')}>{body()}</InfoCard>;
}
