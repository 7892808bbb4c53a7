import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { InfoCard } from '@backstage/core-components';
import {
  AGENTIC_THREATS,
  MAESTRO_LAYERS,
  threatName,
} from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';
import { ThreatIdPicker } from './EntityPickers';
import { FormCardProps, problemProps } from './formCardProps';
import { layerConfidence } from './registerForm';

/** The ids the common core accepts: nothing else can be picked. */
const THREAT_IDS = Object.keys(AGENTIC_THREATS);

/** The seven MAESTRO layers: text, confidence and threat ids each. */
export function MaestroCard(props: Omit<FormCardProps, 'onChange'>) {
  const { form, onAnnotation, problems } = props;
  const { t } = useRiskLabels();
  const threatLabel = (id: string) => {
    const name = threatName(id.toUpperCase());
    return name ? t('registerPage.maestro.threatOption', { id, name }) : id;
  };
  return (
    <InfoCard title={t('registerPage.maestro.title')}>
      {MAESTRO_LAYERS.map(layer => (
        <Grid container spacing={2} key={layer.id}>
          <Grid item xs={12} md={6}>
            <TextField
              id={`register-${layer.id}-text`}
              label={layer.title}
              fullWidth
              multiline
              margin="dense"
              value={form.annotations[layer.textAnnotation] ?? ''}
              onChange={e => onAnnotation(layer.textAnnotation, e.target.value)}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <TextField
              id={`register-${layer.id}-confidence`}
              select
              label={t('registerPage.maestro.confidence')}
              fullWidth
              margin="dense"
              value={layerConfidence(form.annotations, layer)}
              // Nothing to be confident about before the layer has text.
              disabled={!(form.annotations[layer.textAnnotation] ?? '').trim()}
              SelectProps={{ displayEmpty: true }}
              InputLabelProps={{ shrink: true }}
              onChange={e =>
                onAnnotation(layer.confidenceAnnotation, e.target.value)
              }
              {...problemProps(problems, layer.confidenceAnnotation)}
            >
              <MenuItem value="">
                {t('registerPage.maestro.notAssessed')}
              </MenuItem>
              <MenuItem value="mapped">
                {t('registerPage.maestro.mapped')}
              </MenuItem>
              <MenuItem value="uncertain">
                {t('registerPage.maestro.uncertain')}
              </MenuItem>
            </TextField>
          </Grid>
          <Grid item xs={6} md={4}>
            <ThreatIdPicker
              id={`register-${layer.id}-threats`}
              label={`${t('registerPage.maestro.threats')} (${layer.title})`}
              ids={THREAT_IDS}
              optionLabel={threatLabel}
              value={form.annotations[layer.threatsAnnotation] ?? ''}
              onChange={value => onAnnotation(layer.threatsAnnotation, value)}
              error={problems.get(layer.threatsAnnotation)}
            />
          </Grid>
        </Grid>
      ))}
    </InfoCard>
  );
}
