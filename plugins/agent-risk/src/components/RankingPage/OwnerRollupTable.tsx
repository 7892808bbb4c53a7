import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { EntityRefOrText } from '../shared/EntityRefOrText';
import { OwnerRiskRollup } from '@agent-risk/plugin-agent-risk-common';
import { formatScore } from '../shared/format';
import { ScrollableTable } from '../shared/ScrollableTable';
import { useRiskLabels } from '../shared/useRiskLabels';

const useStyles = makeStyles(theme => ({
  // Short numeric columns: keep headers on one line.
  head: { whiteSpace: 'nowrap' },
  // Long team names wrap by word, never one syllable per line on a phone.
  owner: {
    minWidth: 160,
    [theme.breakpoints.down('xs')]: { minWidth: 140 },
  },
  table: { minWidth: 480, [theme.breakpoints.down('xs')]: { minWidth: 0 } },
  // On a phone the owner, Max and Mean fit without scrolling sideways.
  row: {
    [theme.breakpoints.down('xs')]: {
      '& > *': { padding: theme.spacing(0.75, 1) },
    },
  },
}));

/** Which teams own the most risk (roll-up computed by the backend). */
export function OwnerRollupTable(props: { owners: OwnerRiskRollup[] }) {
  const classes = useStyles();
  const { t } = useRiskLabels();
  return (
    <InfoCard
      title={t('rankingPage.ownerRollup.title')}
      subheader={t('rankingPage.ownerRollup.subheader')}
    >
      {props.owners.length === 0 ? (
        <Typography variant="body2">
          {t('rankingPage.ownerRollup.empty')}
        </Typography>
      ) : (
        <ScrollableTable
          label={t('common.scrollableTable', {
            name: t('rankingPage.ownerRollup.title'),
          })}
        >
          <Table
            size="small"
            aria-label={t('rankingPage.ownerRollup.title')}
            className={classes.table}
          >
            <TableHead>
              <TableRow className={`${classes.head} ${classes.row}`}>
                <TableCell>
                  {t('rankingPage.ownerRollup.columns.owner')}
                </TableCell>
                <TableCell align="right">
                  {t('rankingPage.ownerRollup.columns.max')}
                </TableCell>
                <TableCell align="right">
                  {t('rankingPage.ownerRollup.columns.mean')}
                </TableCell>
                <TableCell align="right">
                  {t('rankingPage.ownerRollup.columns.critical')}
                </TableCell>
                <TableCell align="right">
                  {t('rankingPage.ownerRollup.columns.high')}
                </TableCell>
                <TableCell align="right">
                  {t('rankingPage.ownerRollup.columns.agents')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {props.owners.map(row => (
                <TableRow key={row.owner} className={classes.row}>
                  <TableCell className={classes.owner}>
                    <EntityRefOrText
                      entityRef={row.owner}
                      title={row.ownerTitle}
                      defaultKind="Group"
                    />
                  </TableCell>
                  <TableCell align="right">
                    {formatScore(row.maxScore)}
                  </TableCell>
                  <TableCell align="right">
                    {formatScore(row.meanScore)}
                  </TableCell>
                  <TableCell align="right">{row.critical}</TableCell>
                  <TableCell align="right">{row.high}</TableCell>
                  <TableCell align="right">{row.agents}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollableTable>
      )}
    </InfoCard>
  );
}
