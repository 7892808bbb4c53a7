import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import {
  getMaestroLayer,
  LayerAssessment,
  threatMitigationNote,
  threatName,
} from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';
import { threatNoteAnchor } from './ThreatMitigationNotes';

const useStyles = makeStyles({
  // Layer text is untrusted: it is rendered as a React text node (never as
  // HTML or Markdown), and pre-wrap keeps the author's line breaks.
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

function Layer(props: { layer: LayerAssessment }) {
  const classes = useStyles();
  const { layer } = props;
  const definition = getMaestroLayer(layer.id);
  const { t } = useRiskLabels();
  return (
    <Box component="section" aria-label={definition.title} py={1}>
      <Typography variant="subtitle1" component="h3">
        {definition.title}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {definition.description}
      </Typography>
      {layer.text === null ? (
        <Typography variant="body2" color="textSecondary">
          {t('riskTab.maestro.notAssessed')}
        </Typography>
      ) : (
        <>
          <Typography variant="body2" className={classes.text}>
            {layer.text}
          </Typography>
          <Typography variant="caption" component="p">
            {t('riskTab.maestro.confidence', {
              confidence: t(
                `riskTab.maestro.confidenceLevel.${layer.confidence}`,
              ),
            })}
          </Typography>
        </>
      )}
      {layer.threats.length > 0 && (
        <Box mt={0.5} display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {layer.threats.map(threat => (
            <Chip
              key={threat.id}
              size="small"
              variant="outlined"
              label={`${threat.id} ${threatName(threat.id) ?? threat.name}`}
              {...(threatMitigationNote(threat.id)
                ? {
                    component: 'a',
                    href: `#${threatNoteAnchor(threat.id)}`,
                    clickable: true,
                  }
                : {})}
            />
          ))}
        </Box>
      )}
    </Box>
  );
}

/** The CSA MAESTRO assessment: L1–L7 and the cross-layer section. */
export function MaestroLayers(props: { layers: LayerAssessment[] }) {
  const { t } = useRiskLabels();
  return (
    <InfoCard title={t('riskTab.maestro.title')}>
      {props.layers.map((layer, index) => (
        <Box key={layer.id}>
          {index > 0 && <Divider />}
          <Layer layer={layer} />
        </Box>
      ))}
    </InfoCard>
  );
}
