import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { InfoCard } from '@backstage/core-components';
import { FACTOR_RUBRIC } from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';
import { FormCardProps } from './formCardProps';
import { FACTOR_FIELDS } from './registerForm';

/** The ten agentic factors, each with the OWASP rubric of 0, 0.5 and 1. */
export function FactorsCard(props: Omit<FormCardProps, 'onChange'>) {
  const { form, onAnnotation, problems } = props;
  const { t } = useRiskLabels();
  return (
    <InfoCard title={t('registerPage.factors.title')}>
      <Grid container spacing={2}>
        {FACTOR_FIELDS.map(factor => {
          const rubric = FACTOR_RUBRIC[factor.id];
          const problem = problems.get(factor.annotation);
          return (
            <Grid item xs={12} md={6} key={factor.id}>
              <TextField
                id={`register-${factor.id}`}
                label={factor.title}
                fullWidth
                margin="dense"
                inputProps={{ inputMode: 'decimal' }}
                value={form.annotations[factor.annotation] ?? ''}
                onChange={e => onAnnotation(factor.annotation, e.target.value)}
                error={!!problem}
                helperText={
                  problem ??
                  t('registerPage.factors.rubric', {
                    none: rubric.none,
                    partial: rubric.partial,
                    full: rubric.full,
                  })
                }
              />
            </Grid>
          );
        })}
      </Grid>
    </InfoCard>
  );
}
