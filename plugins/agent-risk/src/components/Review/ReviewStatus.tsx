import Typography from '@material-ui/core/Typography';
import { AgentListItem } from '@agent-risk/plugin-agent-risk-common';
import { reviewText } from './ReviewBadge';

/** The Risk tab's line on when the assessment was reviewed and is due again. */
export function ReviewStatus(props: { record: AgentListItem }) {
  const text = reviewText(props.record);
  if (!text) {
    return null;
  }
  return (
    <Typography
      variant="body2"
      color={props.record.reviewOverdue ? 'error' : 'textSecondary'}
      data-testid="review-status"
    >
      {text}
      {props.record.reviewedAt === null &&
        ' (set the agent-risk.io/reviewed-at annotation to the date of the last review)'}
    </Typography>
  );
}
