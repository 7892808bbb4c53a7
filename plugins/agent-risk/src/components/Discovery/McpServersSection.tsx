import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import BlockIcon from '@material-ui/icons/Block';
import HelpIcon from '@material-ui/icons/Help';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { McpListingOutcome } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import { formatDateTime } from '../shared/format';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { ScrollableTable } from '../shared/ScrollableTable';
import { useRiskLabels } from '../shared/useRiskLabels';

const OUTCOME_ICONS: Record<McpListingOutcome, JSX.Element> = {
  listed: <CheckCircleIcon fontSize="small" aria-hidden />,
  failed: <ErrorIcon fontSize="small" color="error" aria-hidden />,
  'not-allowed': <BlockIcon fontSize="small" aria-hidden />,
  'no-endpoint': <HelpIcon fontSize="small" aria-hidden />,
};

/**
 * The Discovery page's MCP servers: each server the tool inventory looked
 * at, with its endpoint, last outcome, tool count and error, and the last run.
 */
export function McpServersSection() {
  const api = useApi(agentRiskApiRef);
  const { t } = useRiskLabels();
  const { loading, error, value } = useAsync(() => api.listMcpServers(), [api]);
  const label = t('discovery.mcpServers.title');

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <RiskErrorPanel error={error} />;
  } else if (value) {
    body = (
      <>
        <Typography variant="body2" gutterBottom>
          {value.lastRun
            ? t('discovery.mcpServers.lastRun', {
                at: formatDateTime(value.lastRun.finishedAt),
                servers: String(value.lastRun.servers),
                failed: String(value.lastRun.failed),
              })
            : t('discovery.mcpServers.neverRun')}
        </Typography>
        {value.servers.length === 0 ? (
          <Typography variant="body2">
            {t('discovery.mcpServers.empty')}
          </Typography>
        ) : (
          <ScrollableTable label={t('common.scrollableTable', { name: label })}>
            <Table size="small" aria-label={label}>
              <TableHead>
                <TableRow>
                  <TableCell>
                    {t('discovery.mcpServers.columns.server')}
                  </TableCell>
                  <TableCell>
                    {t('discovery.mcpServers.columns.endpoint')}
                  </TableCell>
                  <TableCell>
                    {t('discovery.mcpServers.columns.outcome')}
                  </TableCell>
                  <TableCell align="right">
                    {t('discovery.mcpServers.columns.tools')}
                  </TableCell>
                  <TableCell>
                    {t('discovery.mcpServers.columns.listedAt')}
                  </TableCell>
                  <TableCell>
                    {t('discovery.mcpServers.columns.error')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.servers.map(server => (
                  <TableRow key={server.server}>
                    <TableCell>
                      <EntityRefLink
                        entityRef={parseEntityRef(server.server)}
                      />
                    </TableCell>
                    <TableCell style={{ overflowWrap: 'anywhere' }}>
                      {server.endpoint ?? t('discovery.mcpServers.noEndpoint')}
                    </TableCell>
                    <TableCell>
                      <Box
                        display="flex"
                        alignItems="center"
                        style={{ gap: 4 }}
                      >
                        {OUTCOME_ICONS[server.outcome]}
                        <span>
                          {t(`discovery.mcpServers.outcome.${server.outcome}`)}
                        </span>
                      </Box>
                      <Typography variant="caption" color="textSecondary">
                        {formatDateTime(server.outcomeAt)}
                      </Typography>
                    </TableCell>
                    <TableCell align="right">{server.toolCount}</TableCell>
                    <TableCell>
                      {server.listedAt ? formatDateTime(server.listedAt) : '—'}
                    </TableCell>
                    <TableCell>{server.error ?? ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollableTable>
        )}
      </>
    );
  }
  return (
    <InfoCard title={label} subheader={t('discovery.mcpServers.subheader')}>
      {body}
    </InfoCard>
  );
}
