import { SsvcOutcomeCounts } from '@agent-risk/plugin-agent-risk-common';
import { useSsvcLabels } from '../Ssvc';
import { MultiSelectFilter } from './MultiSelectFilter';
import { SSVC_OUTCOME_FILTERS } from './rankingQuery';

/** The SSVC outcome filter, most urgent first; "No SSVC decision" last. */
export function SsvcOutcomeSelect(props: {
  value: (keyof SsvcOutcomeCounts)[];
  onChange: (value: (keyof SsvcOutcomeCounts)[]) => void;
}) {
  const { t, outcomeLabel } = useSsvcLabels();
  const labels = Object.fromEntries(
    SSVC_OUTCOME_FILTERS.map(v => [
      v,
      v === 'none' ? t('ssvc.noOutcome') : outcomeLabel(v),
    ]),
  ) as Record<keyof SsvcOutcomeCounts, string>;
  return (
    <MultiSelectFilter
      id="ranking-ssvc-outcome"
      label={t('rankingPage.filters.ssvcOutcome')}
      options={SSVC_OUTCOME_FILTERS}
      labels={labels}
      value={props.value}
      onChange={props.onChange}
    />
  );
}
