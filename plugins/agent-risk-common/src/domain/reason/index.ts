export { scoreReason } from './scoreReason';
