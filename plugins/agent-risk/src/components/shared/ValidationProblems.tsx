import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { FieldError, ScoreStatus } from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from './useRiskLabels';

/** The catalog's validation problems, one per annotation key. */
export function ValidationProblems(props: {
  status: ScoreStatus;
  errors: FieldError[];
}) {
  const { status, errors } = props;
  const { t, statusLabel } = useRiskLabels();
  if (status === 'scored' && errors.length === 0) {
    return null;
  }
  return (
    <Alert
      severity={status === 'invalid' ? 'error' : 'warning'}
      role="region"
      aria-label={t('common.validationProblems.ariaLabel')}
    >
      <AlertTitle>{statusLabel(status)}</AlertTitle>
      <Typography variant="body2">
        {t('common.validationProblems.intro')}
      </Typography>
      <List dense disablePadding>
        {errors.map(error => (
          <ListItem key={`${error.field}:${error.message}`} disableGutters>
            <ListItemText
              primary={<code>{error.field}</code>}
              secondary={error.message}
              // The alert's own text colour: grey on its tint is below 4.5:1.
              secondaryTypographyProps={{ color: 'inherit' }}
            />
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
