import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  LayerAssessment,
  threatMitigationNote,
  threatName,
} from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';

/** The anchor a threat chip links to. */
export function threatNoteAnchor(threatId: string): string {
  return `agent-risk-threat-${threatId}`;
}

/** What lowers each threat named in the agent's MAESTRO layers, once per threat. */
export function ThreatMitigationNotes(props: { layers: LayerAssessment[] }) {
  const { t } = useRiskLabels();
  const ids = [
    ...new Set(props.layers.flatMap(l => l.threats.map(threat => threat.id))),
  ].filter(id => threatMitigationNote(id));
  if (ids.length === 0) {
    return null;
  }
  return (
    <InfoCard title={t('threatNotes.title')}>
      <dl style={{ margin: 0 }}>
        {ids.map(id => (
          <div key={id} id={threatNoteAnchor(id)}>
            <Typography component="dt" variant="subtitle2">
              {id}: {threatName(id)}
            </Typography>
            <Typography
              component="dd"
              variant="body2"
              style={{ margin: '0 0 8px' }}
            >
              {threatMitigationNote(id)}
            </Typography>
          </div>
        ))}
      </dl>
    </InfoCard>
  );
}
