import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ScoreHistoryEntry } from '@agent-risk/plugin-agent-risk-common';
import { formatDateTime, formatScore } from '../shared/format';
import { useRiskLabels } from '../shared/useRiskLabels';

/** How the agent's score changed over time (oldest first, as the API sends it). */
export function ScoreHistoryChart(props: { history: ScoreHistoryEntry[] }) {
  const { t, severityLabel } = useRiskLabels();
  const points = props.history.map(entry => ({
    time: formatDateTime(entry.computedAt),
    score: entry.score,
  }));
  const latest = props.history[props.history.length - 1];
  return (
    <InfoCard title={t('riskTab.history.title')}>
      {points.length === 0 ? (
        <Typography variant="body2">{t('riskTab.history.empty')}</Typography>
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            {t('riskTab.history.summary', {
              count: points.length,
              score: formatScore(latest.score),
              severity: severityLabel(latest.severity),
              time: formatDateTime(latest.computedAt),
            })}
          </Typography>
          <ResponsiveContainer width="100%" height={180}>
            <LineChart data={points}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="time" hide />
              <YAxis domain={[0, 10]} ticks={[0, 4, 7, 9, 10]} />
              <Tooltip />
              <Line
                type="stepAfter"
                dataKey="score"
                name={t('riskTab.history.lineName')}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </>
      )}
    </InfoCard>
  );
}
