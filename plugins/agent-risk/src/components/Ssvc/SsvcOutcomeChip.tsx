import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { SsvcOutcome } from '@agent-risk/plugin-agent-risk-common';
import { SSVC_OUTCOME_COLORS } from './ssvcColors';
import { useSsvcLabels } from './useSsvcLabels';

const colors = (outcome: SsvcOutcome) => ({
  backgroundColor: SSVC_OUTCOME_COLORS[outcome].background,
  color: SSVC_OUTCOME_COLORS[outcome].text,
});

const useStyles = makeStyles({
  Immediate: colors('Immediate'),
  'Out-of-Cycle': colors('Out-of-Cycle'),
  Scheduled: colors('Scheduled'),
  Defer: colors('Defer'),
});

/**
 * The SSVC outcome, always in words; the colour only repeats the word. A
 * span, so it may sit inside a paragraph.
 */
export function SsvcOutcomeChip(props: {
  outcome: SsvcOutcome | null | undefined;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const { outcomeLabel } = useSsvcLabels();
  const { outcome, size = 'small' } = props;
  return (
    <Chip
      component="span"
      size={size}
      label={outcomeLabel(outcome)}
      className={outcome ? classes[outcome] : undefined}
      variant={outcome ? 'default' : 'outlined'}
      data-ssvc-outcome={outcome ?? 'none'}
    />
  );
}
