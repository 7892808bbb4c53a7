import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  SSVC_FACTOR_RUBRIC,
  SSVC_FACTORS,
  SsvcCategory,
  SsvcResult,
} from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';
import { FormCardProps } from './formCardProps';
import { SSVC_LEVEL_FIELDS } from '../Ssvc/ssvcFields';
import { SsvcLiveResult } from './SsvcLiveResult';

const CATEGORIES: SsvcCategory[] = ['A', 'B', 'C'];
const RATINGS = ['1', '2', '3', '4', '5'] as const;

/**
 * A select of one SSVC input; native, so every option is a real option a
 * screen reader and a keyboard reach. Only a malformed value is an error
 * here: what is still missing is listed beside, in the live result.
 */
function SsvcSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  helperText: string;
  problem?: string;
  children: React.ReactNode;
}) {
  const { t } = useRiskLabels();
  const malformed = props.value !== '' && !!props.problem;
  return (
    <TextField
      id={props.id}
      select
      fullWidth
      margin="dense"
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      error={malformed}
      helperText={malformed ? props.problem : props.helperText}
    >
      <option value="">{t('ssvc.notSet')}</option>
      {props.children}
    </TextField>
  );
}

/**
 * The optional AIVSS-SSVC decision: threat, vulnerability posture, impact and
 * the ten capability factors rated 1 to 5 by category, each with its rubric,
 * and the live outcome. Left empty, it writes no annotation.
 */
export function SsvcCard(
  props: Omit<FormCardProps, 'onChange'> & { result: SsvcResult },
) {
  const { form, onAnnotation, problems, result } = props;
  const { t } = useRiskLabels();
  const value = (key: string) => form.annotations[key] ?? '';
  return (
    <InfoCard title={t('registerPage.ssvc.title')}>
      <Typography variant="body2" paragraph>
        {t('registerPage.ssvc.intro')}
      </Typography>
      <Grid container spacing={3}>
        <Grid item xs={12} md={8}>
          {SSVC_LEVEL_FIELDS.map(field => {
            const chosen = field.text[value(field.annotation)];
            return (
              <SsvcSelect
                key={field.id}
                id={`register-ssvc-${field.id}`}
                label={t(`ssvc.${field.id}`)}
                value={value(field.annotation)}
                onChange={v => onAnnotation(field.annotation, v)}
                problem={problems.get(field.annotation)}
                helperText={chosen ? chosen.meaning : ''}
              >
                {field.values.map(level => (
                  <option key={level} value={level}>
                    {t('ssvc.levelOption', {
                      label: field.text[level].label,
                      meaning: field.text[level].meaning,
                    })}
                  </option>
                ))}
              </SsvcSelect>
            );
          })}
          {CATEGORIES.map(category => (
            <Box
              key={category}
              mt={2}
              role="group"
              aria-labelledby={`register-ssvc-category-${category}`}
            >
              <Typography
                variant="subtitle1"
                component="h3"
                id={`register-ssvc-category-${category}`}
              >
                {t(`ssvc.category.${category}`)}
              </Typography>
              <Grid container spacing={2}>
                {SSVC_FACTORS.filter(f => f.category === category).map(
                  factor => {
                    const rubric = SSVC_FACTOR_RUBRIC[factor.id];
                    const meaning: Record<string, string> = {
                      '1': rubric.low,
                      '3': rubric.mid,
                      '5': rubric.high,
                    };
                    return (
                      <Grid item xs={12} md={6} key={factor.id}>
                        <SsvcSelect
                          id={`register-ssvc-${factor.id}`}
                          label={factor.title}
                          value={value(factor.annotation)}
                          onChange={v => onAnnotation(factor.annotation, v)}
                          problem={problems.get(factor.annotation)}
                          helperText={t('ssvc.rubric', { ...rubric })}
                        >
                          {RATINGS.map(rating => (
                            <option key={rating} value={rating}>
                              {meaning[rating]
                                ? t('ssvc.ratingOption', {
                                    rating,
                                    meaning: meaning[rating],
                                  })
                                : rating}
                            </option>
                          ))}
                        </SsvcSelect>
                      </Grid>
                    );
                  },
                )}
              </Grid>
            </Box>
          ))}
        </Grid>
        <Grid item xs={12} md={4}>
          {/* Stays in view while the factors below are rated. */}
          <Box position="sticky" top={16}>
            <SsvcLiveResult result={result} annotations={form.annotations} />
          </Box>
        </Grid>
      </Grid>
    </InfoCard>
  );
}
