export { SsvcOutcomeChip } from './SsvcOutcomeChip';
export { formatDueDate } from './ssvcFormat';
export { useSsvcLabels } from './useSsvcLabels';
export { SsvcRatings } from './SsvcRatings';
export { SSVC_LEVEL_FIELDS, ssvcFieldLabel } from './ssvcFields';
export { SsvcValue, shownValue } from './SsvcValue';
