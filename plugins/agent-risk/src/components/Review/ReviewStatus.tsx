import Typography from '@material-ui/core/Typography';
import { AgentListItem } from '@agent-risk/plugin-agent-risk-common';
import { useTextStyles } from '../shared/textStyles';
import { reviewText } from './ReviewBadge';

/** The Risk tab's line on when the assessment was reviewed and is due again. */
export function ReviewStatus(props: { record: AgentListItem }) {
  const textClasses = useTextStyles();
  const text = reviewText(props.record);
  if (!text) {
    return null;
  }
  return (
    <Typography
      variant="body2"
      color={props.record.reviewOverdue ? undefined : 'textSecondary'}
      className={props.record.reviewOverdue ? textClasses.error : undefined}
      data-testid="review-status"
    >
      {text}
      {props.record.reviewedAt === null &&
        ' (set the agent-risk.io/reviewed-at annotation to the date of the last review)'}
    </Typography>
  );
}
