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
import { formatDateTime, formatScore, severityLabel } from '../shared/format';

/** How the agent's score changed over time (oldest first, as the API sends it). */
export function ScoreHistoryChart(props: { history: ScoreHistoryEntry[] }) {
  const points = props.history.map(entry => ({
    time: formatDateTime(entry.computedAt),
    score: entry.score,
  }));
  const latest = props.history[props.history.length - 1];
  return (
    <InfoCard title="Score history">
      {points.length === 0 ? (
        <Typography variant="body2">No score changes recorded yet.</Typography>
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            {points.length} recorded change{points.length === 1 ? '' : 's'};
            latest {formatScore(latest.score)} ({severityLabel(latest.severity)}
            ) on {formatDateTime(latest.computedAt)}.
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
                name="AIVSS"
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
