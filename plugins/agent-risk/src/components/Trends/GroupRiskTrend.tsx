import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { agentRiskApiRef } from '../../api';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { useRiskLabels } from '../shared/useRiskLabels';
import { RiskTrendChart } from './RiskTrendChart';

const GROUP_TREND_DAYS = 90;

/** The group's roll-up (sub-teams and members included) over the last 90 days. */
export function GroupRiskTrend(props: { groupRef: string }) {
  const api = useApi(agentRiskApiRef);
  const { t } = useRiskLabels();
  const trend = useAsync(
    () =>
      api.getTrends({
        owner: [props.groupRef],
        includeSubgroups: true,
        days: GROUP_TREND_DAYS,
      }),
    [api, props.groupRef],
  );
  return (
    <Box mt={2} data-testid="agent-risk-group-trend">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {t('trends.groupHeading', { days: String(GROUP_TREND_DAYS) })}
      </Typography>
      {trend.loading && <Progress />}
      {trend.error && <RiskErrorPanel error={trend.error} />}
      {trend.value && (
        <RiskTrendChart points={trend.value.points} height={140} />
      )}
    </Box>
  );
}
