import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { REGISTRY_REASON_MAX_LENGTH } from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';

/** The reason for the audit trail, the submit button, and why it is disabled. */
export function SubmitCard(props: {
  reason: string;
  onReason: (reason: string) => void;
  onSubmit: () => void;
  submitting: boolean;
  submitError?: string;
  /** The labels of the fields with a problem. */
  problemFields: string[];
  /** Shown at the reason once it was left empty or the form submitted. */
  reasonError?: string;
  /** Undefined while the permission is being checked. */
  allowed: boolean | undefined;
}) {
  const { t } = useRiskLabels();
  const { reason, problemFields, allowed, submitting } = props;
  // A click with problems shows them all at their fields instead of sending.
  const canSubmit = allowed === true && !submitting;
  return (
    <InfoCard title={t('registerPage.submit.title')}>
      <TextField
        id="register-reason"
        label={t('registerPage.submit.reason')}
        required
        fullWidth
        margin="dense"
        value={reason}
        onChange={e => props.onReason(e.target.value)}
        inputProps={{ maxLength: REGISTRY_REASON_MAX_LENGTH }}
        error={!!props.reasonError}
        helperText={props.reasonError}
      />
      {props.submitError && (
        <Typography color="error" role="alert">
          {props.submitError}
        </Typography>
      )}
      <Button
        variant="contained"
        color="primary"
        disabled={!canSubmit}
        onClick={props.onSubmit}
      >
        {t('registerPage.submit.button')}
      </Button>
      {problemFields.length > 0 && (
        <Typography variant="body2" data-testid="agent-risk-register-problems">
          {t('registerPage.submit.problems', {
            fields: problemFields.join(', '),
          })}
        </Typography>
      )}
      {allowed === false && (
        <Typography variant="body2">
          {t('registerPage.submit.forbidden')}
        </Typography>
      )}
    </InfoCard>
  );
}
