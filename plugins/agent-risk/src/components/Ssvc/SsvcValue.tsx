import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** One labelled figure of an SSVC decision (class, exposure, risk score…). */
export function SsvcValue(props: {
  label: string;
  value: string;
  /** Larger on the Risk tab, body text in the register form's live result. */
  size?: 'h6' | 'body1';
}) {
  return (
    <Box mr={3} mb={1}>
      <Typography variant="caption" color="textSecondary" component="p">
        {props.label}
      </Typography>
      <Typography variant={props.size ?? 'h6'} component="p">
        {props.value}
      </Typography>
    </Box>
  );
}

/** A figure, or a dash when the decision has none (or lacks the field). */
export const shownValue = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : String(value);
