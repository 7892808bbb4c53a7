import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableFooter from '@material-ui/core/TableFooter';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import {
  AgentRiskRecord,
  SCORING_MODELS,
} from '@agent-risk/plugin-agent-risk-common';
import { formatPoints } from '../shared/format';
import { ScrollableTable } from '../shared/ScrollableTable';
import { useTextStyles } from '../shared/textStyles';
import { RiskLabels, useRiskLabels } from '../shared/useRiskLabels';
import { rankFactors, RankedFactor, shownContributions } from './rankFactors';

/** The value cell: the number, or what the YAML says and why it was rejected. */
function FactorValue(props: {
  row: RankedFactor;
  rawValue: string | undefined;
  error: string | undefined;
}) {
  const { row, rawValue, error } = props;
  const text = useTextStyles();
  const { t } = useRiskLabels();
  if (row.value !== undefined || (rawValue === undefined && !error)) {
    return (
      <>
        {row.value === null || row.value === undefined
          ? t('riskTab.factors.missing')
          : row.value.toFixed(2)}
      </>
    );
  }
  return (
    <>
      {rawValue !== undefined ? (
        <code>{JSON.stringify(rawValue)}</code>
      ) : (
        t('riskTab.factors.missing')
      )}
      {error && (
        <Typography
          variant="caption"
          display="block"
          className={text.error}
          style={{ whiteSpace: 'normal', minWidth: 120 }}
          data-testid="factor-error"
        >
          {error}
        </Typography>
      )}
    </>
  );
}

const useStyles = makeStyles({
  // The theme breaks words anywhere: without a floor, the factor names and
  // descriptions wrapped a few letters per line on a phone.
  factor: { minWidth: 130 },
  // Numbers never break: the theme would split "0.15" after the dot.
  number: { whiteSpace: 'nowrap' },
});

/** Why the total differs from the AARS uplift shown above it, when it does. */
function describeTotal(
  record: AgentRiskRecord,
  total: number,
  { t }: RiskLabels,
) {
  if (
    record.aars === null ||
    formatPoints(record.aars) === formatPoints(total)
  ) {
    return undefined;
  }
  return SCORING_MODELS[record.model]?.usesMitigation
    ? t('riskTab.factors.totalWithMitigation', {
        aars: formatPoints(record.aars),
        mitigation: String(record.mitigationFactor),
      })
    : t('riskTab.factors.totalHalfThreat');
}

/**
 * The ten AIVSS agentic factors and what each adds to the score. The shown
 * contributions are rounded so they add up to the shown total.
 */
export function FactorTable(props: {
  record: AgentRiskRecord;
  /** The entity's annotations, to show a rejected value as written. */
  annotations?: Record<string, string>;
}) {
  const { record, annotations = {} } = props;
  const classes = useStyles();
  const labels = useRiskLabels();
  const { t } = labels;
  const rows = rankFactors(record.factors, record.contributions);
  const { byFactor: shown, total } = shownContributions(rows);
  const errors = new Map(record.errors.map(e => [e.field, e.message]));
  const totalNote = describeTotal(record, total, labels);
  return (
    <InfoCard
      title={t('riskTab.factors.title')}
      subheader={t('riskTab.factors.subheader')}
    >
      <ScrollableTable
        label={t('common.scrollableTable', {
          name: t('riskTab.factors.ariaLabel'),
        })}
      >
        <Table size="small" aria-label={t('riskTab.factors.ariaLabel')}>
          <TableHead>
            <TableRow>
              <TableCell className={classes.factor}>
                {t('riskTab.factors.factor')}
              </TableCell>
              {/* Short headers, so all three columns fit a phone. */}
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {t('riskTab.factors.value')}
                <br />
                {t('riskTab.factors.valueRange')}
              </TableCell>
              <TableCell align="right" className={classes.number}>
                {t('riskTab.factors.points')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <TableRow key={row.id} data-testid={`factor-row-${row.id}`}>
                <TableCell className={classes.factor}>
                  <Typography variant="body2">{row.title}</Typography>
                  <Typography variant="caption" color="textSecondary">
                    {row.description}
                  </Typography>
                </TableCell>
                <TableCell align="right" className={classes.number}>
                  <FactorValue
                    row={row}
                    rawValue={annotations[row.annotation]}
                    error={errors.get(row.annotation)}
                  />
                </TableCell>
                <TableCell align="right" className={classes.number}>
                  {formatPoints(shown.get(row.id))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          {shown.size > 0 && (
            <TableFooter>
              <TableRow>
                <TableCell colSpan={2}>
                  <Typography variant="body2">
                    <strong>{t('riskTab.factors.total')}</strong>
                    {totalNote && ` (${totalNote})`}
                  </Typography>
                </TableCell>
                <TableCell
                  align="right"
                  className={classes.number}
                  data-testid="factor-total"
                >
                  <strong>{formatPoints(total)}</strong>
                </TableCell>
              </TableRow>
            </TableFooter>
          )}
        </Table>
      </ScrollableTable>
    </InfoCard>
  );
}
