import Typography from '@material-ui/core/Typography';
import { AgentListItem } from '@agent-risk/plugin-agent-risk-common';
import { useTextStyles } from '../shared/textStyles';
import { useRiskLabels } from '../shared/useRiskLabels';
import { reviewText } from './ReviewBadge';

/** The Risk tab's line on when the assessment was reviewed and is due again. */
export function ReviewStatus(props: { record: AgentListItem }) {
  const textClasses = useTextStyles();
  const { t } = useRiskLabels();
  const text = reviewText(t, props.record);
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
      {props.record.reviewedAt === null && t('review.annotationHint')}
    </Typography>
  );
}
