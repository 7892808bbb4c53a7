import Typography from '@material-ui/core/Typography';
import { useTextStyles } from './textStyles';

/** What an action ended in: a success or a failure. */
export interface Outcome {
  ok: boolean;
  message: string;
  /** Further sentences, each on its own line. */
  details?: string[];
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
    <div
      role={outcome.ok ? 'status' : 'alert'}
      className={outcome.ok ? undefined : textStyles.error}
    >
      <Typography variant="body2" color="inherit">
        {outcome.message}
      </Typography>
      {outcome.details && outcome.details.length > 0 && (
        <ul style={{ margin: 0 }}>
          {outcome.details.map((detail, i) => (
            <Typography component="li" variant="body2" color="inherit" key={i}>
              {detail}
            </Typography>
          ))}
        </ul>
      )}
    </div>
  );
}
