import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  agentRiskRefreshPermission,
  AgentRiskRecord,
} from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import { isForbidden } from '../shared/errors';
import {
  formatDateTime,
  formatScore,
  severityLabel,
  STATUS_SHORT_LABELS,
} from '../shared/format';

type Outcome =
  | { kind: 'done'; record: AgentRiskRecord }
  | { kind: 'failed'; message: string };

/** Asks the backend to re-score this agent now, then shows what it computed. */
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
      const record = await api.refreshAgent(getCompoundEntityRef(props.entity));
      setOutcome({ kind: 'done', record });
      props.onRefreshed(record);
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
    <Box display="flex" alignItems="center" style={{ gap: 16 }}>
      <Button
        variant="contained"
        color="primary"
        disabled={busy || permission.loading || !permission.allowed}
        title={
          permission.allowed
            ? 'Re-score this agent now instead of at the next sync'
            : 'You need the agent-risk.refresh permission'
        }
        onClick={refresh}
      >
        {busy ? 'Refreshing…' : 'Refresh now'}
      </Button>
      {outcome?.kind === 'done' && (
        <Alert severity="success">
          Re-scored {formatDateTime(outcome.record.computedAt)}:{' '}
          {outcome.record.status === 'scored'
            ? `AIVSS ${formatScore(outcome.record.score)} (${severityLabel(
                outcome.record.severity,
              )})`
            : STATUS_SHORT_LABELS[outcome.record.status]}
        </Alert>
      )}
      {outcome?.kind === 'failed' && (
        <Alert severity="error">{outcome.message}</Alert>
      )}
    </Box>
  );
}
