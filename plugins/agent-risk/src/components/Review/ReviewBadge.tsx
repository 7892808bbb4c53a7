import Typography from '@material-ui/core/Typography';
import { AgentListItem } from '@agent-risk/plugin-agent-risk-common';
import { formatDateTime } from '../shared/format';
import { useTextStyles } from '../shared/textStyles';
import { RiskLabels, useRiskLabels } from '../shared/useRiskLabels';

/** One line on an agent's review: overdue (or never reviewed), or when it is due. */
export function reviewText(
  t: RiskLabels['t'],
  item: Pick<AgentListItem, 'reviewedAt' | 'reviewDue' | 'reviewOverdue'>,
): string {
  // Older backends send no review fields: say nothing rather than guess.
  if (item.reviewOverdue === undefined) {
    return '';
  }
  if (item.reviewedAt === null || item.reviewDue === null) {
    return t('review.never');
  }
  return item.reviewOverdue
    ? t('review.overdue', { due: formatDateTime(item.reviewDue) })
    : t('review.due', {
        reviewedAt: formatDateTime(item.reviewedAt),
        due: formatDateTime(item.reviewDue),
      });
}

/** The review state under an agent's name in the ranking. */
export function ReviewBadge(props: { item: AgentListItem }) {
  const textClasses = useTextStyles();
  const { t } = useRiskLabels();
  const text = reviewText(t, props.item);
  if (!text || !props.item.reviewOverdue) {
    return null;
  }
  return (
    <Typography
      variant="caption"
      display="block"
      className={textClasses.error}
      data-testid="review-overdue"
    >
      {text}
    </Typography>
  );
}
