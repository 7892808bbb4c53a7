import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { HistogramBucket } from '@agent-risk/plugin-agent-risk-common';

/** How scored agents spread over the AIVSS scale (buckets from the API). */
export function ScoreHistogram(props: { histogram: HistogramBucket[] }) {
  const theme = useTheme();
  const data = props.histogram.map(bucket => ({
    range: `${bucket.from}–${bucket.to}`,
    count: bucket.count,
  }));
  return (
    <InfoCard
      title="Score distribution"
      subheader="Scored agents per AIVSS range"
    >
      {data.length === 0 ? (
        <Typography variant="body2">No scored agents yet.</Typography>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="range" interval={0} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar
              dataKey="count"
              name="Agents"
              fill={theme.palette.primary.main}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </InfoCard>
  );
}
