import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  firstTrackedIndex,
  RiskTrendPoint,
  Severity,
  trendChange,
} from '@agent-risk/plugin-agent-risk-common';
import { formatDate, formatShortDate } from '../shared/format';
import { RiskLabels, useRiskLabels } from '../shared/useRiskLabels';
import { TREND_BANDS, TREND_DASHES, trendColors } from './trendColors';

/** How the change in one band reads: "3 more Critical", "1 fewer High". */
function describeChange(
  labels: RiskLabels,
  delta: number,
  severity: Severity,
): string {
  const { t, severityLabel } = labels;
  const args = { severity: severityLabel(severity), count: Math.abs(delta) };
  if (delta === 0) {
    return t('trends.same', args);
  }
  return delta > 0 ? t('trends.more', args) : t('trends.fewer', args);
}

/**
 * The days the chart draws: from the first day with history to today. The
 * days before it hold no stored history, and an axis of empty days reads as
 * "nothing happened" rather than "not tracked yet".
 */
export function trackedPoints(points: readonly RiskTrendPoint[]) {
  return points.slice(firstTrackedIndex(points));
}

const capitalized = (text: string) =>
  text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);

/**
 * Scored agents per band, one line per band with the count as it is (not
 * stacked, so the axis and the tooltip agree), from the day history starts.
 * A sentence compares today with `compareDays` days ago, or with the first
 * day of history when that is later (numbers from the common core's
 * trendChange). With a single day of history there is no line to draw: the
 * day's counts are said in words instead.
 */
export function RiskTrendChart(props: {
  points: RiskTrendPoint[];
  compareDays?: number;
  height?: number;
}) {
  const { points, compareDays = 30, height = 200 } = props;
  const theme = useTheme();
  const labels = useRiskLabels();
  const { t, severityLabel } = labels;
  const data = trackedPoints(points);
  if (data.length === 0) {
    return <Typography variant="body2">{t('trends.noHistory')}</Typography>;
  }
  if (data.length === 1) {
    const today = data[0];
    return (
      <Typography variant="body2" data-testid="risk-trend-change">
        {t('trends.startsToday', {
          counts: TREND_BANDS.map(band =>
            t('trends.bandCount', {
              severity: severityLabel(band),
              agents: String(today.bySeverity[band]),
            }),
          ).join(', '),
        })}
      </Typography>
    );
  }
  const change = trendChange(points, compareDays);
  const summary = t('trends.change', {
    critical: describeChange(labels, change.bySeverity.critical, 'critical'),
    high: describeChange(labels, change.bySeverity.high, 'high'),
    since: formatDate(change.since),
  });
  const colors = trendColors(theme.palette.type);
  return (
    <>
      <Typography variant="body2" gutterBottom data-testid="risk-trend-change">
        {capitalized(summary)}
      </Typography>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={data}
          accessibilityLayer
          margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="date"
            tickFormatter={formatShortDate}
            tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
          />
          <Tooltip labelFormatter={label => formatDate(String(label))} />
          <Legend />
          {TREND_BANDS.map(band => (
            <Line
              key={band}
              type="stepAfter"
              dataKey={`bySeverity.${band}`}
              name={severityLabel(band)}
              stroke={colors[band]}
              strokeWidth={2}
              strokeDasharray={TREND_DASHES[band]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </>
  );
}
