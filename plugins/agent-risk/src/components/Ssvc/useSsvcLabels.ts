import {
  SSVC_OUTCOME_DAYS,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';
import { OUTCOME_KEY } from './ssvcFormat';

/** The words for SSVC outcomes: the name and what it asks for. */
export function useSsvcLabels() {
  const { t } = useRiskLabels();
  return {
    t,
    outcomeLabel: (outcome: SsvcOutcome | null | undefined) =>
      outcome ? t(`ssvc.outcome.${OUTCOME_KEY[outcome]}`) : t('ssvc.noOutcome'),
    outcomeMeaning: (outcome: SsvcOutcome) =>
      t(`ssvc.outcomeMeaning.${OUTCOME_KEY[outcome]}`, {
        days: String(SSVC_OUTCOME_DAYS[outcome] ?? ''),
      }),
  };
}
