import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { Severity } from '@agent-risk/plugin-agent-risk-common';
import { SEVERITY_COLORS } from './severityColors';
import { useRiskLabels } from './useRiskLabels';

const band = (severity: keyof typeof SEVERITY_COLORS) => ({
  backgroundColor: SEVERITY_COLORS[severity].background,
  color: SEVERITY_COLORS[severity].text,
});

const useStyles = makeStyles({
  critical: band('critical'),
  high: band('high'),
  medium: band('medium'),
  low: band('low'),
  none: {},
  unscored: {},
});

/**
 * The AIVSS band, always in words; the colour only repeats what the word says.
 * Rendered as a span so it may sit inside a paragraph (a div may not).
 */
export function SeverityChip(props: {
  severity: Severity | null | undefined;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const { severityLabel } = useRiskLabels();
  const { severity, size = 'small' } = props;
  return (
    <Chip
      component="span"
      size={size}
      label={severityLabel(severity)}
      className={classes[severity ?? 'unscored']}
      variant={severity && severity !== 'none' ? 'default' : 'outlined'}
      data-severity={severity ?? 'unscored'}
    />
  );
}
