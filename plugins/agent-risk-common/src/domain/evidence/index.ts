export { emptyEvidenceFacts, MAX_FACTS_PER_FINDING } from './facts';
export type { EvidenceFacts } from './facts';
export {
  EVIDENCE_RULES,
  getEvidenceRule,
  STATEFUL_RESOURCE_TYPES,
  toolMayDestroy,
  toolMayWrite,
} from './rules';
export type { EvidenceRule } from './rules';
export {
  applyEvidence,
  evaluateEvidence,
  isUnderstatedFinding,
} from './evaluate';
export { describeFinding } from './describe';
