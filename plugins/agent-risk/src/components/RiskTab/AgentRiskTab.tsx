import { useCallback, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import { Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DISCOVERY_ANNOTATIONS,
  hasAgentRiskAnnotations,
} from '@agent-risk/plugin-agent-risk-common';
import { isNotFound } from '../shared/errors';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { useAgentRiskRecord } from '../shared/useAgentRiskRecord';
import { ValidationProblems } from '../shared/ValidationProblems';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { AcceptanceCard } from '../Acceptance/AcceptanceCard';
import { AgentAuditTrail } from '../Audit';
import { DeleteAgentButton } from '../DeleteAgent';
import { useSavedEntity, WhatIfPanel } from '../WhatIf';
import { AgentTools } from './AgentTools';
import { ReachCard } from '../Reach';
import { EvidenceCard } from './EvidenceCard';
import { FactorTable } from './FactorTable';
import { MaestroLayers } from './MaestroLayers';
import { ScoreExplanation } from './ScoreExplanation';
import { ThreatMitigationNotes } from './ThreatMitigationNotes';
import { DiscoveredCard } from './DiscoveredCard';
import { MissingRiskAnnotations } from './MissingRiskAnnotations';
import { RefreshButton } from './RefreshButton';
import { RiskHeadline } from './RiskHeadline';
import { ScoreHistoryChart } from './ScoreHistoryChart';
import { ReviewStatus } from '../Review/ReviewStatus';
import { SsvcDecisionCard } from './SsvcDecisionCard';

/** The Risk tab of an agent's entity page. */
export function AgentRiskTab() {
  // After a save, the entity sent until the catalog has ingested it.
  const { entity, onSaved } = useSavedEntity(useEntity().entity);
  // A discovered agent has no assessment yet, but a stored (incomplete)
  // record its owner assesses here like any registry agent.
  const annotated =
    hasAgentRiskAnnotations(entity.metadata.annotations) ||
    Boolean(
      entity.metadata.annotations?.[DISCOVERY_ANNOTATIONS.discoveredFrom],
    );
  const { loading, error, record, replace, reload } = useAgentRiskRecord(
    entity,
    annotated,
  );
  const [saves, setSaves] = useState(0);
  // The backend scores a registry write at once: the new score, history and
  // audit entry are there to load (the catalog's copy follows in seconds).
  const saved = useCallback(
    (sent: Entity) => {
      onSaved(sent);
      setSaves(n => n + 1);
      reload().catch(() => {
        // The save stands; the record shown stays until the next load.
      });
    },
    [onSaved, reload],
  );

  if (!annotated || isNotFound(error)) {
    return <MissingRiskAnnotations />;
  }
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <RiskErrorPanel error={error} />;
  }
  if (!record) {
    return <MissingRiskAnnotations />;
  }

  return (
    <Grid container spacing={3} data-testid="agent-risk-tab">
      {record.status !== 'scored' && (
        <Grid item xs={12}>
          <ValidationProblems status={record.status} errors={record.errors} />
        </Grid>
      )}
      {entity.metadata.annotations?.[DISCOVERY_ANNOTATIONS.discoveredFrom] && (
        <Grid item xs={12}>
          <DiscoveredCard annotations={entity.metadata.annotations} />
        </Grid>
      )}
      <Grid item xs={12} lg={7}>
        <RiskHeadline
          record={record}
          annotations={entity.metadata.annotations}
        />
        <ReviewStatus record={record} />
      </Grid>
      <Grid item xs={12} lg={5}>
        {/* The second, independent assessment, beside the AIVSS score. */}
        <SsvcDecisionCard
          ssvc={record.ssvc}
          annotations={entity.metadata.annotations}
        />
      </Grid>
      {/* A backend older than the evidence rules sends none: no card then. */}
      {record.evidence && (
        <Grid item xs={12}>
          <EvidenceCard evidence={record.evidence} />
        </Grid>
      )}
      <Grid item xs={12}>
        <RefreshButton entity={entity} onRefreshed={replace} />
        <DeleteAgentButton entity={entity} />
      </Grid>
      <Grid item xs={12} md={6}>
        <FactorTable
          record={record}
          annotations={entity.metadata.annotations}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ScoreHistoryChart history={record.history} />
          </Grid>
          <Grid item xs={12}>
            <AgentTools entity={entity} record={record} />
          </Grid>
        </Grid>
      </Grid>
      <Grid item xs={12}>
        <ReachCard record={record} />
      </Grid>
      <Grid item xs={12}>
        <WhatIfPanel record={record} entity={entity} onSaved={saved} />
      </Grid>
      <Grid item xs={12}>
        <ScoreExplanation record={record} />
      </Grid>
      <Grid item xs={12}>
        <MaestroLayers layers={record.layers} />
      </Grid>
      <Grid item xs={12}>
        <ThreatMitigationNotes layers={record.layers} />
      </Grid>
      <Grid item xs={12}>
        <AcceptanceCard
          record={record}
          entityRef={getCompoundEntityRef(entity)}
          onChanged={reload}
        />
      </Grid>
      <Grid item xs={12}>
        {/* Remounted when the acceptance changes or a save is made: both
            add audit entries. */}
        <AgentAuditTrail
          key={`${record.acceptance?.state}:${record.acceptance?.requestedAt}:${saves}`}
          entity={entity}
        />
      </Grid>
    </Grid>
  );
}
