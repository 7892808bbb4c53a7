import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { AgentRiskRecord } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';

/**
 * Loads an agent's risk record. `replace` swaps in a fresher record (e.g. the
 * result of "Refresh now") without another round trip.
 */
export function useAgentRiskRecord(entity: Entity, enabled = true) {
  const api = useApi(agentRiskApiRef);
  const [override, setOverride] = useState<AgentRiskRecord>();
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(async () => {
    if (!enabled) {
      return undefined;
    }
    setOverride(undefined);
    return api.getAgent(ref);
  }, [api, ref.kind, ref.namespace, ref.name, enabled]);
  const replace = useCallback(
    (record: AgentRiskRecord) => setOverride(record),
    [],
  );
  // Fetches again while the current record stays on screen.
  const reload = useCallback(async () => {
    setOverride(await api.getAgent(ref));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, ref.kind, ref.namespace, ref.name]);
  return {
    loading: state.loading,
    error: state.error,
    record: override ?? state.value,
    retry: state.retry,
    replace,
    reload,
  };
}
