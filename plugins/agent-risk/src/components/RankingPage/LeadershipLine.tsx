import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  OwnerRiskRollup,
  RiskSummary,
  trendChange,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentListFilters, agentRiskApiRef } from '../../api';
import { formatDate, formatScore } from '../shared/format';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { useRiskLabels } from '../shared/useRiskLabels';
import { OwnerOption } from './useOwnerOptions';

/** Days the critical count is compared over (or since history began, if later). */
const COMPARE_DAYS = 30;
/** Critical agents named with their reason; the rest are counted. */
const NAMED_CRITICAL = 5;

/** The owner holding the most risk: most Critical, then most High, then the highest score. */
export function ownerWithMostRisk(
  owners: readonly OwnerRiskRollup[],
): OwnerRiskRollup | undefined {
  return [...owners]
    .filter(o => o.owner !== '' && (o.maxScore ?? 0) > 0)
    .sort(
      (a, b) =>
        b.critical - a.critical ||
        b.high - a.high ||
        (b.maxScore ?? 0) - (a.maxScore ?? 0) ||
        (a.owner < b.owner ? -1 : 1),
    )[0];
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * The ranking in ten seconds, for leadership: how many agents are Critical
 * and how that changed over the last 30 days (or since history began), the
 * owner holding the most risk, and why each Critical agent is Critical (the
 * backend's one-line reason, the same as in the CSV). Follows the filters.
 */
export function LeadershipLine(props: {
  summary: RiskSummary;
  filters: AgentListFilters;
  ownerOptions: OwnerOption[];
}) {
  const { summary, filters, ownerOptions } = props;
  const api = useApi(agentRiskApiRef);
  const riskTabLink = useAgentRiskTabLink();
  const { t } = useRiskLabels();
  const critical = summary.bySeverity.critical ?? 0;
  const key = JSON.stringify(filters);
  const trend = useAsync(
    () => api.getTrends({ ...filters, days: COMPARE_DAYS + 1 }),
    // The filters object is rebuilt on every render; its content is the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  const criticalAgents = useAsync(async () => {
    if (critical === 0) {
      return undefined;
    }
    return api.listAgents({
      ...filters,
      severity: ['critical'],
      orderBy: 'score',
      order: 'desc',
      limit: NAMED_CRITICAL,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, critical]);

  const change = trend.value
    ? trendChange(trend.value.points, COMPARE_DAYS)
    : undefined;
  const top = ownerWithMostRisk(summary.byOwner);
  const ownerName = top
    ? ownerOptions.find(o => o.ref === top.owner)?.title ??
      top.ownerTitle ??
      top.owner
    : undefined;
  const parts = [
    t('rankingPage.leadership.critical', { count: critical }) +
      (change?.since
        ? ` ${t('rankingPage.leadership.change', {
            change:
              change.bySeverity.critical === 0
                ? t('rankingPage.leadership.noChange')
                : signed(change.bySeverity.critical),
            since: formatDate(change.since),
          })}`
        : ''),
  ];
  if (top && ownerName) {
    parts.push(
      t('rankingPage.leadership.mostRisk', {
        owner: ownerName,
        critical: String(top.critical),
        high: String(top.high),
        max: formatScore(top.maxScore),
      }),
    );
  }
  const named = criticalAgents.value?.items ?? [];
  const more = critical - named.length;
  return (
    <Paper variant="outlined">
      <Box
        p={2}
        role="region"
        aria-label={t('rankingPage.leadership.label')}
        data-testid="leadership-line"
      >
        <Typography variant="subtitle1" component="p">
          {parts.join(' · ')}
        </Typography>
        {named.length > 0 && (
          <Box
            component="ul"
            m={0}
            pl={2}
            mt={1}
            aria-label={t('rankingPage.leadership.criticalReasons')}
          >
            {named.map(agent => (
              <Typography
                key={agent.entityRef}
                component="li"
                variant="body2"
                data-testid="leadership-critical-reason"
              >
                {/* Underlined: a link inside a line of text (WCAG 1.4.1). */}
                <Link to={riskTabLink(agent.entityRef)} underline="always">
                  {agent.title || agent.entityRef}
                </Link>{' '}
                {formatScore(agent.score)}
                {agent.reason ? `: ${agent.reason}` : ''}
              </Typography>
            ))}
            {more > 0 && (
              <Typography component="li" variant="body2">
                {t('rankingPage.leadership.moreCritical', { count: more })}
              </Typography>
            )}
          </Box>
        )}
      </Box>
    </Paper>
  );
}
