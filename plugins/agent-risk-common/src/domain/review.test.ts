import { parseReviewedAt, reviewState } from './review';

const DAY = 86_400_000;

describe('parseReviewedAt', () => {
  it('reads a date or a date-time as a UTC instant', () => {
    expect(parseReviewedAt('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(parseReviewedAt(' 2026-03-01T10:30:00+02:00 ')).toBe(
      '2026-03-01T08:30:00.000Z',
    );
  });

  it('ignores what is not a date', () => {
    for (const value of [
      undefined,
      42,
      '',
      'last week',
      '2026-13-45',
      '1/3/2026',
    ]) {
      expect(parseReviewedAt(value)).toBeNull();
    }
  });

  it('is no review when more than a day after now: a date in 2999 cannot switch review-overdue off', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(parseReviewedAt('2999-01-01', now)).toBeNull();
    expect(parseReviewedAt('2026-12-09T12:00:01Z', now)).toBeNull();
    // A day of time zones and clock skew is tolerated.
    expect(parseReviewedAt('2026-12-08', now)).toBe('2026-12-08T00:00:00.000Z');
    expect(parseReviewedAt('2026-12-01', now)).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('reviewState', () => {
  it('falls due one interval after the review and is overdue after that', () => {
    const reviewedAt = '2026-01-01T00:00:00.000Z';
    expect(
      reviewState(reviewedAt, 90 * DAY, new Date('2026-03-31T00:00:00Z')),
    ).toEqual({
      reviewDue: '2026-04-01T00:00:00.000Z',
      reviewOverdue: false,
    });
    expect(
      reviewState(reviewedAt, 90 * DAY, new Date('2026-04-01T00:00:01Z'))
        .reviewOverdue,
    ).toBe(true);
  });

  it('counts an agent never reviewed as overdue', () => {
    expect(reviewState(null, 90 * DAY, new Date())).toEqual({
      reviewDue: null,
      reviewOverdue: true,
    });
  });
});
