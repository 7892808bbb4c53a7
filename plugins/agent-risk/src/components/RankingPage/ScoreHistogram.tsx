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
import { useRiskLabels } from '../shared/useRiskLabels';

/** How scored agents spread over the AIVSS scale (buckets from the API). */
export function ScoreHistogram(props: { histogram: HistogramBucket[] }) {
  const theme = useTheme();
  const { t } = useRiskLabels();
  const data = props.histogram.map(bucket => ({
    range: `${bucket.from}–${bucket.to}`,
    count: bucket.count,
  }));
  return (
    <InfoCard
      title={t('rankingPage.histogram.title')}
      subheader={t('rankingPage.histogram.subheader')}
    >
      {data.length === 0 ? (
        <Typography variant="body2">
          {t('rankingPage.histogram.empty')}
        </Typography>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="range" interval={0} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar
              dataKey="count"
              name={t('rankingPage.histogram.barName')}
              fill={theme.palette.primary.main}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </InfoCard>
  );
}
