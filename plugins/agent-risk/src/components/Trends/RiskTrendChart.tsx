import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
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
import { SEVERITY_COLORS } from '../shared/severityColors';
import { RiskLabels, useRiskLabels } from '../shared/useRiskLabels';

/** Bands stacked bottom-up, so Critical sits on top where the eye lands. */
const STACKED: Array<Exclude<Severity, 'none'>> = [
  'low',
  'medium',
  'high',
  'critical',
];

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
 * Scored agents per band, one stacked area per band, with a sentence that
 * compares today with `compareDays` days ago, or with the first day of
 * history when that is later (numbers from the API and the common core's
 * trendChange).
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
  const change = trendChange(points, compareDays);
  const first = firstTrackedIndex(points);
  if (first === points.length) {
    return <Typography variant="body2">{t('trends.noHistory')}</Typography>;
  }
  // Days before the history starts are drawn as no data, not as zero agents.
  const data = points.map((p, i) => (i < first ? { date: p.date } : p));
  // A single day of history is a point, not an area: show it as dots.
  const dots = first === points.length - 1;
  const summary =
    change.since === null
      ? t('trends.startsToday')
      : t('trends.change', {
          critical: describeChange(
            labels,
            change.bySeverity.critical,
            'critical',
          ),
          high: describeChange(labels, change.bySeverity.high, 'high'),
          since: change.since,
        });
  return (
    <>
      <Typography variant="body2" gutterBottom data-testid="risk-trend-change">
        {summary.charAt(0).toLocaleUpperCase('en-US') + summary.slice(1)}
      </Typography>
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart
          data={data}
          accessibilityLayer
          margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="date"
            tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
          />
          <Tooltip />
          <Legend />
          {STACKED.map(severity => (
            <Area
              key={severity}
              type="stepAfter"
              dataKey={`bySeverity.${severity}`}
              name={severityLabel(severity)}
              stackId="severity"
              stroke={SEVERITY_COLORS[severity].background}
              fill={SEVERITY_COLORS[severity].background}
              fillOpacity={0.7}
              dot={dots}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </>
  );
}
