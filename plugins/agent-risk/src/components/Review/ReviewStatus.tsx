import Typography from '@material-ui/core/Typography';
import { AgentListItem } from '@agent-risk/plugin-agent-risk-common';
import { useTextStyles } from '../shared/textStyles';
import { useRiskLabels } from '../shared/useRiskLabels';
import { isReviewOverdue, reviewText } from './ReviewBadge';

/** The Risk tab's line on when the assessment was reviewed and is due again. */
export function ReviewStatus(props: { record: AgentListItem }) {
  const textClasses = useTextStyles();
  const { t } = useRiskLabels();
  const text = reviewText(t, props.record);
  if (!text) {
    return null;
  }
  const overdue = isReviewOverdue(props.record);
  return (
    <Typography
      variant="body2"
      // Default text colour when not overdue: secondary grey is below 4.5:1.
      className={overdue ? textClasses.error : undefined}
      data-testid="review-status"
    >
      {text}
      {props.record.reviewedAt === null && t('review.annotationHint')}
    </Typography>
  );
}
