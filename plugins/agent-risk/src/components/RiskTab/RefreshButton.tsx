import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  agentRiskRefreshPermission,
  AgentRefreshResult,
  AgentRiskRecord,
  ScoreStatus,
} from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import { isForbidden, isUnauthenticated } from '../shared/errors';
import { formatDateTime, formatScore } from '../shared/format';
import { RiskLabels, useRiskLabels } from '../shared/useRiskLabels';

/** Why a refresh failed, in words: a refusal and an expired session each get their own. */
function refreshFailure(error: unknown, t: RiskLabels['t']): string {
  if (isForbidden(error)) {
    return t('riskTab.refresh.forbidden');
  }
  if (isUnauthenticated(error)) {
    return t('riskTab.refresh.sessionExpired');
  }
  return t('riskTab.refresh.failed', { message: (error as Error).message });
}

type Outcome =
  | { kind: 'done'; result: AgentRefreshResult }
  | { kind: 'failed'; message: string };

const describeResult = (
  result: {
    status: ScoreStatus;
    score: number | null;
  },
  labels: RiskLabels,
): string =>
  result.status === 'scored' && result.score !== null
    ? formatScore(result.score)
    : labels.statusShortLabel(result.status).toLowerCase();

/** "Score unchanged at 9.2", "Score 7.8 → 9.2", "Score invalid → 9.2". */
export function describeScoreChange(
  result: AgentRefreshResult,
  labels: RiskLabels,
): string {
  const { t } = labels;
  const now = describeResult(result.agent, labels);
  if (!result.scoreChanged) {
    return t('riskTab.refresh.scoreUnchanged', { now });
  }
  return result.previous
    ? t('riskTab.refresh.scoreChanged', {
        before: describeResult(result.previous, labels),
        now,
      })
    : t('riskTab.refresh.scoredFirstTime', { now });
}

/**
 * Asks the backend to have the catalog re-read this agent and re-score it,
 * then says when that happened and what changed.
 */
export function RefreshButton(props: {
  entity: Entity;
  onRefreshed: (record: AgentRiskRecord) => void;
}) {
  const api = useApi(agentRiskApiRef);
  const permission = usePermission({ permission: agentRiskRefreshPermission });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const labels = useRiskLabels();
  const { t } = labels;

  const refresh = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await api.refreshAgent(getCompoundEntityRef(props.entity));
      setOutcome({ kind: 'done', result });
      props.onRefreshed(result.agent);
    } catch (error) {
      setOutcome({
        kind: 'failed',
        message: refreshFailure(error, t),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 16 }}>
      <Button
        variant="contained"
        color="primary"
        disabled={busy || permission.loading || !permission.allowed}
        title={
          permission.allowed
            ? t('riskTab.refresh.tooltip')
            : t('riskTab.refresh.noPermission')
        }
        onClick={refresh}
      >
        {busy ? t('riskTab.refresh.busy') : t('riskTab.refresh.button')}
      </Button>
      {outcome?.kind === 'done' && (
        <Alert severity="success" data-testid="refresh-outcome">
          {t('riskTab.refresh.refreshedAt', {
            time: formatDateTime(outcome.result.refreshedAt),
          })}{' '}
          {describeScoreChange(outcome.result, labels)}.{' '}
          {outcome.result.catalogUpdated
            ? t('riskTab.refresh.catalogUpdated')
            : t('riskTab.refresh.catalogNotUpdated')}
        </Alert>
      )}
      {outcome?.kind === 'failed' && (
        <Alert severity="error">{outcome.message}</Alert>
      )}
    </Box>
  );
}
