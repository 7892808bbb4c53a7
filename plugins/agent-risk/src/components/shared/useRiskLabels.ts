import {
  TranslationFunction,
  TranslationRef,
  useTranslationRef,
} from '@backstage/core-plugin-api/alpha';
import { ScoreStatus, Severity } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskTranslationRef } from '../../translation';

type AgentRiskMessages = typeof agentRiskTranslationRef extends TranslationRef<
  string,
  infer TMessages
>
  ? TMessages
  : never;

/** The plugin's translation function and the words for bands and statuses. */
export interface RiskLabels {
  t: TranslationFunction<AgentRiskMessages>;
  severityLabel: (severity: Severity | null | undefined) => string;
  statusLabel: (status: ScoreStatus) => string;
  statusShortLabel: (status: ScoreStatus) => string;
}

/**
 * The plugin's translation function plus the words for bands and statuses,
 * which nearly every component shows.
 */
export function useRiskLabels(): RiskLabels {
  const { t } = useTranslationRef(agentRiskTranslationRef);
  return {
    t,
    severityLabel: severity =>
      severity ? t(`common.severity.${severity}`) : t('common.notScored'),
    statusLabel: status => t(`common.status.${status}`),
    statusShortLabel: status => t(`common.statusShort.${status}`),
  };
}
