import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  describeCardSignature,
  DiscoverySource,
} from '@agent-risk/plugin-agent-risk-common';
import useAsync from 'react-use/esm/useAsync';
import { agentRiskApiRef } from '../../api';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { ScrollableTable } from '../shared/ScrollableTable';
import { formatDateTime } from '../shared/format';
import { useRiskLabels } from '../shared/useRiskLabels';

function SourceRow(props: { source: DiscoverySource }) {
  const { source } = props;
  const { t } = useRiskLabels();
  return (
    <TableRow>
      <TableCell>
        {/* A URL from config or an entity: shown as text, never followed from here. */}
        <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
          {source.url}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {t(`discovery.kind.${source.kind}`)}
        </Typography>
      </TableCell>
      <TableCell>{source.entityRef ?? t('discovery.none')}</TableCell>
      <TableCell>
        {source.lastRunAt
          ? formatDateTime(source.lastRunAt)
          : t('discovery.never')}
      </TableCell>
      <TableCell>
        {t(`discovery.outcome.${source.outcome}`)}
        {source.unreachableSince && (
          <Typography variant="caption" display="block" color="error">
            {t('discovery.unreachableSince', {
              since: formatDateTime(source.unreachableSince),
              seen: source.lastSeenAt
                ? formatDateTime(source.lastSeenAt)
                : t('discovery.never'),
            })}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right">{source.cardsFound}</TableCell>
      <TableCell>
        {source.signature
          ? describeCardSignature(source.signature)
          : t('discovery.none')}
      </TableCell>
      <TableCell>
        {source.errors.length === 0
          ? t('discovery.none')
          : source.errors.map((error, i) => (
              // Plain text: a card's or server's words are data, rendered inert.
              <Typography variant="body2" key={i}>
                {error}
              </Typography>
            ))}
      </TableCell>
    </TableRow>
  );
}

/**
 * Each agent-card source (app-config and `agent-risk.io/agent-card-url`
 * annotations) with its last run, outcome, cards found and errors.
 */
export function DiscoverySources() {
  const api = useApi(agentRiskApiRef);
  const { t } = useRiskLabels();
  const { loading, error, value } = useAsync(
    () => api.listDiscoverySources(),
    [api],
  );
  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <RiskErrorPanel error={error} />;
  } else if (!value || value.sources.length === 0) {
    body = <Typography variant="body2">{t('discovery.empty')}</Typography>;
  } else {
    body = (
      // Seven columns: on a phone the table scrolls in its card, not the page.
      <ScrollableTable
        label={t('common.scrollableTable', {
          name: t('discovery.sourcesTitle'),
        })}
      >
        <Table size="small" aria-label={t('discovery.sourcesAriaLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('discovery.columns.source')}</TableCell>
              <TableCell>{t('discovery.columns.agent')}</TableCell>
              <TableCell>{t('discovery.columns.lastRun')}</TableCell>
              <TableCell>{t('discovery.columns.outcome')}</TableCell>
              <TableCell align="right">
                {t('discovery.columns.cards')}
              </TableCell>
              <TableCell>{t('discovery.columns.signature')}</TableCell>
              <TableCell>{t('discovery.columns.errors')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.sources.map(source => (
              <SourceRow key={source.url} source={source} />
            ))}
          </TableBody>
        </Table>
      </ScrollableTable>
    );
  }
  return <InfoCard title={t('discovery.sourcesTitle')}>{body}</InfoCard>;
}
