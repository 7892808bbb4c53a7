import {
  SSVC_OUTCOME_DAYS,
  SsvcOutcome,
} from '@agent-risk/plugin-agent-risk-common';
import { RiskLabels, useRiskLabels } from '../shared/useRiskLabels';
import { OUTCOME_KEY } from './ssvcFormat';

/** The plugin's translation function and the words for SSVC outcomes. */
export interface SsvcLabels {
  t: RiskLabels['t'];
  /** The outcome's name; "No SSVC decision" without one. */
  outcomeLabel: (outcome: SsvcOutcome | null | undefined) => string;
  /** What the outcome asks for, e.g. "Act within 7 days". */
  outcomeMeaning: (outcome: SsvcOutcome) => string;
}

/** The words for SSVC outcomes: the name and what it asks for. */
export function useSsvcLabels(): SsvcLabels {
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
