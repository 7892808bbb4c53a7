import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import {
  RiskSummary,
  SCORE_STATUSES,
  SEVERITIES,
} from '@agent-risk/plugin-agent-risk-common';
import { formatDateTime, modelLabel } from '../shared/format';
import { useRiskLabels } from '../shared/useRiskLabels';

function Count(props: { label: string; value: number }) {
  return (
    <Paper variant="outlined">
      <Box p={2} textAlign="center" role="group" aria-label={props.label}>
        <Typography variant="h4" component="p">
          {props.value}
        </Typography>
        <Typography variant="body2">{props.label}</Typography>
      </Box>
    </Paper>
  );
}

/** Agents per AIVSS band and per status, labelled in words. */
export function SeveritySummary(props: { summary: RiskSummary }) {
  const { summary } = props;
  const { t, severityLabel, statusShortLabel } = useRiskLabels();
  return (
    <Box>
      <Grid container spacing={2}>
        {SEVERITIES.map(severity => (
          <Grid item xs={6} sm={4} md={2} key={severity}>
            <Count
              label={severityLabel(severity)}
              value={summary.bySeverity[severity] ?? 0}
            />
          </Grid>
        ))}
        <Grid item xs={6} sm={4} md={2}>
          <Count
            label={t('rankingPage.summary.totalAgents')}
            value={summary.totalAgents}
          />
        </Grid>
      </Grid>
      {/* Default text colour: the secondary grey falls below 4.5:1 on the page background. */}
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {SCORE_STATUSES.map(status =>
          t('rankingPage.summary.statusCount', {
            status: statusShortLabel(status),
            agents: String(summary.byStatus[status] ?? 0),
          }),
        ).join(' · ')}{' '}
        {t('rankingPage.summary.modelAndSync', {
          model: modelLabel(summary.model),
          lastSync: formatDateTime(summary.lastSyncAt),
        })}
      </Typography>
    </Box>
  );
}
