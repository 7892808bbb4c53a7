/**
 * When an agent's assessment was last reviewed, for agents defined in YAML:
 * an ISO 8601 date or date-time, e.g. `2026-03-01`.
 *
 * @public
 */
export const REVIEWED_AT_ANNOTATION = 'agent-risk.io/reviewed-at';

/**
 * Days between reviews when `agentRisk.review.interval` is not set.
 *
 * @public
 */
export const DEFAULT_REVIEW_INTERVAL_DAYS = 90;

/** How far ahead of `now` a review date may be (time zones, clock skew). */
const REVIEW_FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Reads the reviewed-at annotation as an ISO 8601 UTC instant, or null when
 * absent or not a date (a date alone means its start, UTC). Given `now`, a
 * date more than a day after it is no review either: a date in 2999 would
 * otherwise switch review-overdue off for good.
 *
 * @public
 */
export function parseReviewedAt(value: unknown, now?: Date): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    return null;
  }
  const at = Date.parse(
    /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text,
  );
  if (
    Number.isNaN(at) ||
    (now && at > now.getTime() + REVIEW_FUTURE_TOLERANCE_MS)
  ) {
    return null;
  }
  return new Date(at).toISOString();
}

/**
 * The review state of an agent at `now`: due one interval after the last review; never reviewed is overdue.
 *
 * @public
 */
export function reviewState(
  reviewedAt: string | null,
  intervalMs: number,
  now: Date,
): { reviewDue: string | null; reviewOverdue: boolean } {
  if (reviewedAt === null) {
    return { reviewDue: null, reviewOverdue: true };
  }
  const due = Date.parse(reviewedAt) + intervalMs;
  return {
    reviewDue: new Date(due).toISOString(),
    reviewOverdue: now.getTime() > due,
  };
}
