import {
  SCORING_MODELS,
  ScoringModelId,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * Display formatting only: every number comes from the API or the common
 * package; these helpers just fix how many decimals are shown.
 */
export const formatScore = (score: number | null | undefined): string =>
  score === null || score === undefined ? '—' : score.toFixed(1);

/** AARS and factor contributions are shown with two decimals (spec section 3). */
export const formatPoints = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toFixed(2);

export const formatMultiplier = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `× ${value.toFixed(2)}`;

export const modelLabel = (model: ScoringModelId): string =>
  SCORING_MODELS[model] ? `${SCORING_MODELS[model].title} (${model})` : model;

/*
 * One date format across the plugin: the browser's locale, medium style
 * ("Dec 6, 2026"), with the time ("Dec 6, 2026, 10:04 AM") only where the
 * time matters (syncs, audit entries, refreshes).
 */
const PLAIN_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_STYLE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

/**
 * A day: an ISO date-time, or a plain `YYYY-MM-DD` (read as that calendar
 * day, not as UTC midnight that a western time zone would show a day early).
 */
export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) {
    return '—';
  }
  const date = PLAIN_DAY.test(iso)
    ? new Date(`${iso}T12:00:00`)
    : new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, DATE_STYLE);
};

/** A day on a chart axis, without the year: "Dec 6". */
export const formatShortDate = (day: string): string => {
  // Noon: the calendar day in any time zone.
  const date = PLAIN_DAY.test(day)
    ? new Date(`${day}T12:00:00`)
    : new Date(day);
  return Number.isNaN(date.getTime())
    ? day
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
};

export const formatDateTime = (iso: string | null | undefined): string => {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
      });
};

/**
 * Rounds values to two decimals so that the rounded values add up to the
 * rounded total (largest remainder method): a table of contributions then
 * sums to the total printed under it, as a reader checks by hand.
 */
export function roundToHundredthsKeepingSum(values: readonly number[]): {
  rounded: number[];
  total: number;
} {
  // Values come from exact decimal arithmetic; snap float noise (0.2999999…)
  // before splitting into whole hundredths and remainders.
  const scaled = values.map(v => Math.round(v * 1e8) / 1e6);
  const total = Math.round(scaled.reduce((sum, v) => sum + v, 0));
  const floors = scaled.map(Math.floor);
  let missing = total - floors.reduce((sum, v) => sum + v, 0);
  const byRemainder = scaled
    .map((v, index) => ({ index, remainder: v - Math.floor(v) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const rounded = [...floors];
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    rounded[index] += 1;
    missing -= 1;
  }
  return { rounded: rounded.map(v => v / 100), total: total / 100 };
}
