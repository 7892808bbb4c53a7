import Typography from '@material-ui/core/Typography';
import { AgentListItem } from '@agent-risk/plugin-agent-risk-common';
import { formatDate } from '../shared/format';
import { useTextStyles } from '../shared/textStyles';
import { RiskLabels, useRiskLabels } from '../shared/useRiskLabels';

/**
 * Overdue: reviewed once, and the next review's date has passed. An agent
 * never reviewed is not shown as overdue (in red): on a new install that is
 * nearly every agent, and red would then mean nothing.
 */
export function isReviewOverdue(
  item: Pick<AgentListItem, 'reviewedAt' | 'reviewOverdue'>,
): boolean {
  return Boolean(item.reviewOverdue) && item.reviewedAt !== null;
}

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
    ? t('review.overdue', { due: formatDate(item.reviewDue) })
    : t('review.due', {
        reviewedAt: formatDate(item.reviewedAt),
        due: formatDate(item.reviewDue),
      });
}

/**
 * The review state under an agent's name in the ranking: red when overdue,
 * plain when never reviewed, nothing when up to date.
 */
export function ReviewBadge(props: { item: AgentListItem }) {
  const textClasses = useTextStyles();
  const { t } = useRiskLabels();
  const text = reviewText(t, props.item);
  if (!text || !props.item.reviewOverdue) {
    return null;
  }
  const overdue = isReviewOverdue(props.item);
  return (
    <Typography
      variant="caption"
      display="block"
      className={overdue ? textClasses.error : undefined}
      data-testid={overdue ? 'review-overdue' : 'review-never'}
    >
      {text}
    </Typography>
  );
}
