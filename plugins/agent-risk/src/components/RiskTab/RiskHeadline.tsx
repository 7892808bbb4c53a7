import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Gauge, InfoCard } from '@backstage/core-components';
import {
  AgentRiskRecord,
  parseAssessment,
} from '@agent-risk/plugin-agent-risk-common';
import {
  formatMultiplier,
  formatPoints,
  formatScore,
  modelLabel,
} from '../shared/format';
import { getRiskGaugeColor } from '../shared/riskColors';
import { SeverityChip } from '../shared/SeverityChip';
import { useTextStyles } from '../shared/textStyles';
import { useRiskLabels } from '../shared/useRiskLabels';

function Input(props: {
  label: string;
  value: string;
  note?: string;
  noteColor?: 'error' | 'textSecondary';
}) {
  const text = useTextStyles();
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h6" component="p">
        {props.value}
      </Typography>
      {props.note && (
        <Typography
          variant="caption"
          color={
            props.noteColor === 'textSecondary' ? 'textSecondary' : undefined
          }
          className={
            props.noteColor === 'textSecondary' ? undefined : text.error
          }
        >
          {props.note}
        </Typography>
      )}
    </Box>
  );
}

/** The score, its band in words, the model, and the formula inputs. */
export function RiskHeadline(props: {
  record: AgentRiskRecord;
  /** The entity's annotations, to tell declared multipliers from defaults. */
  annotations?: Record<string, string>;
}) {
  const { record, annotations } = props;
  const declared = parseAssessment(annotations).assessment;
  const { t, severityLabel, statusLabel } = useRiskLabels();
  const defaultNote = t('riskTab.headline.defaultNote');
  const scored = record.status === 'scored' && record.score !== null;
  return (
    <InfoCard title={t('riskTab.headline.title')}>
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={3}>
          {scored ? (
            // The gauge grows with its column; cap it so it stays a glance on phones.
            <Box maxWidth={180} mx="auto">
              <Gauge
                value={record.score!}
                max={10}
                relativeToMax
                unit=""
                decimalDigits={1}
                getColor={getRiskGaugeColor}
              />
            </Box>
          ) : (
            <Typography variant="h4" component="p">
              {t('common.notScored')}
            </Typography>
          )}
        </Grid>
        <Grid item xs={12} sm={9}>
          <Typography variant="h4" component="p" data-testid="risk-headline">
            {t('common.aivssScore', { score: formatScore(record.score) })}{' '}
            <SeverityChip severity={record.severity} size="medium" />
          </Typography>
          <Typography variant="body1" gutterBottom>
            {scored
              ? t('common.severityRisk', {
                  severity: severityLabel(record.severity),
                })
              : statusLabel(record.status)}{' '}
            {t('riskTab.headline.model', { model: modelLabel(record.model) })}
          </Typography>
          <Box
            display="flex"
            flexWrap="wrap"
            mt={1}
            role="group"
            aria-label={t('riskTab.headline.formulaInputs')}
          >
            <Input
              label={t('riskTab.headline.cvssBase')}
              value={formatScore(record.cvssBase)}
              note={record.cvssAssumed ? t('common.cvssAssumed') : undefined}
            />
            <Input
              label={t('riskTab.headline.aars')}
              value={formatPoints(record.aars)}
            />
            <Input
              label={t('riskTab.headline.factorSum')}
              value={
                record.factorSum === null
                  ? '—'
                  : t('riskTab.headline.factorSumValue', {
                      sum: formatPoints(record.factorSum),
                    })
              }
            />
            <Input
              label={t('riskTab.headline.threatMultiplier')}
              value={formatMultiplier(record.threatMultiplier)}
              note={
                declared.threatMultiplier.defaulted ? defaultNote : undefined
              }
              noteColor="textSecondary"
            />
            <Input
              label={t('riskTab.headline.mitigationFactor')}
              value={formatMultiplier(record.mitigationFactor)}
              note={
                declared.mitigationFactor.defaulted ? defaultNote : undefined
              }
              noteColor="textSecondary"
            />
          </Box>
          {record.rank !== null && (
            <Typography variant="body2">
              {t('riskTab.headline.rank', {
                rank: <strong>{record.rank}</strong>,
              })}
              {record.percentile !== null &&
                t('riskTab.headline.percentile', {
                  percentile: record.percentile.toFixed(0),
                })}
            </Typography>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}
