import amber from '@material-ui/core/colors/amber';
import blue from '@material-ui/core/colors/blue';
import deepOrange from '@material-ui/core/colors/deepOrange';
import pink from '@material-ui/core/colors/pink';
import { Severity } from '@agent-risk/plugin-agent-risk-common';
import { SEVERITY_COLORS } from '../shared/severityColors';

/** The bands the trend draws (None is not a risk worth a line). */
export type TrendBand = Exclude<Severity, 'none'>;

/** Highest first, as the legend and the tooltip list them. */
export const TREND_BANDS: readonly TrendBand[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/**
 * Line colours: the chips' colours on a light background; lighter shades of
 * the same hues on a dark one, where the chips' dark fills would fall below
 * the 3:1 that lines need (WCAG 1.4.11). Medium's chip orange is too light
 * for a thin line on white, so its line is a dark amber.
 */
export function trendColors(type: 'light' | 'dark'): Record<TrendBand, string> {
  return type === 'dark'
    ? {
        critical: pink[200],
        high: deepOrange[300],
        medium: amber[300],
        low: blue[200],
      }
    : {
        critical: SEVERITY_COLORS.critical.background,
        high: SEVERITY_COLORS.high.background,
        medium: '#8a5a00',
        low: SEVERITY_COLORS.low.background,
      };
}

/** A dash pattern per band, so the lines differ without colour too. */
export const TREND_DASHES: Record<TrendBand, string | undefined> = {
  critical: undefined,
  high: '8 3',
  medium: '3 3',
  low: '10 3 2 3',
};
