import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import {
  RiskSummary,
  SSVC_OUTCOMES,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { SSVC_OUTCOME_COLORS } from '../Ssvc/ssvcColors';
import { useSsvcLabels } from '../Ssvc';

function Count(props: {
  label: string;
  detail?: string;
  value: number;
  outcome?: SsvcOutcome;
}) {
  const accent = props.outcome && SSVC_OUTCOME_COLORS[props.outcome].background;
  return (
    <Paper
      variant="outlined"
      // A coloured edge repeats the outcome; the label says it in words.
      style={accent ? { borderLeft: `6px solid ${accent}` } : undefined}
    >
      <Box p={2} textAlign="center" role="group" aria-label={props.label}>
        <Typography variant="h4" component="p">
          {props.value}
        </Typography>
        <Typography variant="body2">{props.label}</Typography>
        {props.detail && (
          <Typography variant="caption" component="p">
            {props.detail}
          </Typography>
        )}
      </Box>
    </Paper>
  );
}

/**
 * The leadership view: agents per SSVC outcome, most urgent first, and how
 * many are past their due date. Hidden when the backend serves no counts.
 */
export function SsvcSummary(props: { summary: RiskSummary }) {
  const { bySsvcOutcome, ssvcOverdue } = props.summary;
  const { t, outcomeLabel, outcomeMeaning } = useSsvcLabels();
  if (!bySsvcOutcome) {
    return null;
  }
  return (
    <Box
      mt={2}
      role="region"
      aria-label={t('rankingPage.ssvcSummary.ariaLabel')}
      data-testid="ssvc-summary"
    >
      <Typography variant="subtitle1" component="h2" gutterBottom>
        {t('rankingPage.ssvcSummary.heading')}
      </Typography>
      <Grid container spacing={2}>
        {[...SSVC_OUTCOMES].reverse().map(outcome => (
          <Grid item xs={6} sm={4} md={2} key={outcome}>
            <Count
              label={outcomeLabel(outcome)}
              detail={outcomeMeaning(outcome)}
              value={bySsvcOutcome[outcome] ?? 0}
              outcome={outcome}
            />
          </Grid>
        ))}
        <Grid item xs={6} sm={4} md={2}>
          <Count
            label={t('rankingPage.ssvcSummary.overdue')}
            value={ssvcOverdue ?? 0}
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Count
            label={t('rankingPage.ssvcSummary.none')}
            value={bySsvcOutcome.none ?? 0}
          />
        </Grid>
      </Grid>
    </Box>
  );
}
