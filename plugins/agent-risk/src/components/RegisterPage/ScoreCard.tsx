import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { ScoreResult } from '@agent-risk/plugin-agent-risk-common';
import { formatScore } from '../shared/format';
import { useRiskLabels } from '../shared/useRiskLabels';

/**
 * The live AIVSS score of the form, as the common core computes it. With no
 * AIVSS input at all it says so: an agent may carry only the SSVC decision.
 */
export function ScoreCard(props: { result: ScoreResult; assessed?: boolean }) {
  const { result, assessed = true } = props;
  const { t, severityLabel } = useRiskLabels();
  let text: string =
    result.status === 'invalid'
      ? t('registerPage.score.invalid')
      : t('registerPage.score.incomplete');
  if (!assessed) {
    text = t('registerPage.score.notAssessed');
  } else if (result.status === 'scored' && result.score !== null) {
    text = t('registerPage.score.scored', {
      score: formatScore(result.score),
      severity: severityLabel(result.severity),
    });
  }
  return (
    <InfoCard title={t('registerPage.score.title')}>
      <Typography variant="h4" data-testid="agent-risk-register-score">
        {text}
      </Typography>
      <Typography variant="body2">
        {t('registerPage.score.model', { model: result.model })}
      </Typography>
    </InfoCard>
  );
}
