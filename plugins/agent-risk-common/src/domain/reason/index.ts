export { scoreReason } from './scoreReason';
export type { ScoreReasonInput } from './scoreReason';
