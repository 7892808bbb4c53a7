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
import { isForbidden } from '../shared/errors';
import {
  formatDateTime,
  formatScore,
  STATUS_SHORT_LABELS,
} from '../shared/format';

type Outcome =
  | { kind: 'done'; result: AgentRefreshResult }
  | { kind: 'failed'; message: string };

const describeResult = (result: {
  status: ScoreStatus;
  score: number | null;
}): string =>
  result.status === 'scored' && result.score !== null
    ? formatScore(result.score)
    : STATUS_SHORT_LABELS[result.status].toLocaleLowerCase('en-US');

/** "Score unchanged at 9.2", "Score 7.8 → 9.2", "Score invalid → 9.2". */
export function describeScoreChange(result: AgentRefreshResult): string {
  const now = describeResult(result.agent);
  if (!result.scoreChanged) {
    return `Score unchanged at ${now}`;
  }
  return result.previous
    ? `Score ${describeResult(result.previous)} → ${now}`
    : `Scored for the first time: ${now}`;
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
        message: isForbidden(error)
          ? 'You are not allowed to refresh risk scores.'
          : `Refresh failed: ${(error as Error).message}`,
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
            ? 'Have the catalog re-read this agent and re-score it now, instead of at the next sync'
            : 'You need the agent-risk.refresh permission'
        }
        onClick={refresh}
      >
        {busy ? 'Refreshing…' : 'Refresh now'}
      </Button>
      {outcome?.kind === 'done' && (
        <Alert severity="success" data-testid="refresh-outcome">
          Refreshed {formatDateTime(outcome.result.refreshedAt)}.{' '}
          {describeScoreChange(outcome.result)}.{' '}
          {outcome.result.catalogUpdated
            ? 'The catalog had newer data for this agent.'
            : 'The catalog had no newer data for this agent.'}
        </Alert>
      )}
      {outcome?.kind === 'failed' && (
        <Alert severity="error">{outcome.message}</Alert>
      )}
    </Box>
  );
}
