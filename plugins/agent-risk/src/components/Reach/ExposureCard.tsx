import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { SystemExposure } from '@agent-risk/plugin-agent-risk-common';
import { ScrollableTable } from '../shared/ScrollableTable';
import { useRiskLabels } from '../shared/useRiskLabels';

/**
 * The ranking page's exposure view: the systems Critical and High agents
 * can act on, with counts; each system links to its page, whose card lists
 * those agents and their paths.
 */
export function ExposureCard(props: { exposure: SystemExposure[] }) {
  const { t } = useRiskLabels();
  return (
    <InfoCard title={t('exposure.title')} subheader={t('exposure.subheader')}>
      {props.exposure.length === 0 ? (
        <Typography variant="body2">{t('exposure.empty')}</Typography>
      ) : (
        <ScrollableTable
          label={t('common.scrollableTable', { name: t('exposure.title') })}
        >
          <Table size="small" aria-label={t('exposure.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('exposure.systemColumn')}</TableCell>
                <TableCell align="right">
                  {t('exposure.criticalColumn')}
                </TableCell>
                <TableCell align="right">{t('exposure.highColumn')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {props.exposure.map(row => (
                <TableRow key={row.system}>
                  <TableCell>
                    <EntityRefLink entityRef={row.system} />
                  </TableCell>
                  <TableCell align="right">{row.critical}</TableCell>
                  <TableCell align="right">{row.high}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollableTable>
      )}
    </InfoCard>
  );
}
