import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useRiskLabels } from '../shared/useRiskLabels';
import {
  CVSS4_BASE_METRICS,
  readCvssVector,
  withCvssMetric,
} from './cvssVector';

/**
 * One select per CVSS 4.0 base metric. It reads the vector string and
 * writes it back, so pasting and building edit the same value.
 */
export function CvssVectorBuilder(props: {
  vector: string;
  onChange: (vector: string) => void;
}) {
  const { t } = useRiskLabels();
  const { base } = readCvssVector(props.vector);
  return (
    <Grid container spacing={1} data-testid="agent-risk-cvss-builder">
      {CVSS4_BASE_METRICS.map(metric => (
        <Grid item xs={12} sm={6} md={3} key={metric.id}>
          <TextField
            id={`register-cvss-${metric.id}`}
            select
            fullWidth
            margin="dense"
            label={`${t(`registerPage.cvss.metrics.${metric.id}`)} (${
              metric.id
            })`}
            value={base[metric.id] ?? ''}
            onChange={e =>
              props.onChange(
                withCvssMetric(props.vector, metric.id, e.target.value),
              )
            }
          >
            <MenuItem value="">{t('registerPage.cvss.notSet')}</MenuItem>
            {metric.values.map(([code, meaning]) => (
              <MenuItem key={code} value={code}>
                {t(`registerPage.cvss.values.${meaning}`)} ({code})
              </MenuItem>
            ))}
          </TextField>
        </Grid>
      ))}
    </Grid>
  );
}
