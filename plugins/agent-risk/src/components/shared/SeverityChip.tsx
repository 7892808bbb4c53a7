import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { Severity } from '@agent-risk/plugin-agent-risk-common';
import { severityLabel } from './format';

const useStyles = makeStyles(theme => ({
  critical: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
  },
  high: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  medium: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  low: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  none: {},
  unscored: {},
}));

/**
 * The AIVSS band, always in words; the colour only repeats what the word says.
 */
export function SeverityChip(props: {
  severity: Severity | null | undefined;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const { severity, size = 'small' } = props;
  return (
    <Chip
      size={size}
      label={severityLabel(severity)}
      className={classes[severity ?? 'unscored']}
      variant={severity && severity !== 'none' ? 'default' : 'outlined'}
    />
  );
}
