import Typography from '@material-ui/core/Typography';
import { useTextStyles } from './textStyles';

/** What an action ended in: a success or a failure. */
export interface Outcome {
  ok: boolean;
  message: string;
}

/**
 * The line under a form that says how an action went: announced politely on
 * success (`status`), at once on failure (`alert`), in an error shade that
 * keeps AA contrast.
 */
export function OutcomeMessage(props: { outcome: Outcome | undefined }) {
  const textStyles = useTextStyles();
  const { outcome } = props;
  if (!outcome) {
    return null;
  }
  return (
    <Typography
      variant="body2"
      role={outcome.ok ? 'status' : 'alert'}
      className={outcome.ok ? undefined : textStyles.error}
    >
      {outcome.message}
    </Typography>
  );
}
