import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { AgentListFilters, agentRiskApiRef } from '../../api';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { useRiskLabels } from '../shared/useRiskLabels';
import { RiskTrendChart } from './RiskTrendChart';

/** The last `days` days of the agents that pass `filters`, as a card. */
export function RiskTrendCard(props: {
  filters: AgentListFilters;
  days?: number;
  title?: string;
}) {
  const { t } = useRiskLabels();
  const { filters, days = 90, title = t('trends.title') } = props;
  const api = useApi(agentRiskApiRef);
  const key = JSON.stringify(filters);
  const trend = useAsync(
    () => api.getTrends({ ...filters, days }),
    // The filters object is rebuilt on every render; its content is the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key, days],
  );
  return (
    <InfoCard
      title={title}
      subheader={t('trends.subheader', { days: String(days) })}
    >
      {trend.loading && <Progress />}
      {trend.error && <RiskErrorPanel error={trend.error} />}
      {trend.value && <RiskTrendChart points={trend.value.points} />}
    </InfoCard>
  );
}
