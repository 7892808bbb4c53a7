import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ssvcDueAt, SsvcResult } from '@agent-risk/plugin-agent-risk-common';
import {
  formatDueDate,
  shownValue,
  SsvcOutcomeChip,
  SsvcValue,
  useSsvcLabels,
} from '../Ssvc';
import { useTextStyles } from '../shared/textStyles';
import { ssvcFieldLabel } from '../Ssvc/ssvcFields';

/**
 * The SSVC decision the form would store, computed by the common core as the
 * user types: the outcome and the due date a save today would set, or what
 * is still missing or wrong.
 */
export function SsvcLiveResult(props: {
  result: SsvcResult;
  /** The form's annotations: a field without a value is missing, not wrong. */
  annotations: Record<string, string>;
}) {
  const { result, annotations } = props;
  const { t, outcomeLabel, outcomeMeaning } = useSsvcLabels();
  const textStyles = useTextStyles();
  const fieldNames = (fields: string[]) =>
    fields
      .map(field => ssvcFieldLabel(field, id => t(`ssvc.${id}`)))
      .join(', ');
  const given = (field: string) => (annotations[field] ?? '').trim() !== '';
  const invalid = result.errors.filter(e => given(e.field));
  const missing = result.errors.filter(e => !given(e.field));
  // A registry write sets the assessment date to the time of the save.
  const due = result.outcome && ssvcDueAt(new Date(), result.outcome);
  return (
    <Box
      role="region"
      aria-live="polite"
      aria-label={t('registerPage.ssvc.ariaLabel')}
      data-testid="register-ssvc-result"
    >
      <Typography variant="h6" component="h3" gutterBottom>
        {t('registerPage.ssvc.resultTitle')}
      </Typography>
      {result.status === 'none' && (
        <Typography variant="body2">
          {t('registerPage.ssvc.notAssessed')}
        </Typography>
      )}
      {result.outcome && (
        <Box mb={1}>
          <SsvcOutcomeChip outcome={result.outcome} size="medium" />
          <Typography variant="body2">
            {t('registerPage.ssvc.outcome', {
              outcome: outcomeLabel(result.outcome),
              meaning: outcomeMeaning(result.outcome),
            })}
          </Typography>
          <Typography variant="body2">
            <strong>
              {due
                ? t('registerPage.ssvc.dueIfSaved', {
                    date: formatDueDate(due),
                  })
                : t('ssvc.noDue')}
            </strong>
          </Typography>
        </Box>
      )}
      {result.status !== 'none' && (
        <Box display="flex" flexWrap="wrap">
          <SsvcValue
            size="body1"
            label={t('ssvc.agentClass')}
            value={result.agentClass ?? '—'}
          />
          <SsvcValue
            size="body1"
            label={t('ssvc.exposure')}
            value={result.exposure === null ? '—' : `× ${result.exposure}`}
          />
          <SsvcValue
            size="body1"
            label={t('ssvc.likelihood')}
            value={shownValue(result.likelihood)}
          />
          <SsvcValue
            size="body1"
            label={t('ssvc.riskScore')}
            value={shownValue(result.riskScore)}
          />
          <SsvcValue
            size="body1"
            label={t('ssvc.categoryAverages')}
            value={
              result.categoryAverages
                ? (['A', 'B', 'C'] as const)
                    .map(c => `${c} ${result.categoryAverages![c]}`)
                    .join(' · ')
                : '—'
            }
          />
        </Box>
      )}
      {invalid.length > 0 && (
        <Typography variant="body2" className={textStyles.error}>
          {t('registerPage.ssvc.toFix', {
            fields: fieldNames(invalid.map(e => e.field)),
          })}
        </Typography>
      )}
      {missing.length > 0 && (
        <Typography variant="body2">
          {t('registerPage.ssvc.stillNeeded', {
            fields: fieldNames(missing.map(e => e.field)),
          })}
        </Typography>
      )}
    </Box>
  );
}
