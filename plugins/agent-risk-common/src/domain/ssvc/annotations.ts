import { AIVSS_ANNOTATION_PREFIX } from '../annotations';

/**
 * Prefix shared by every AIVSS-SSVC annotation (spec section 10.1). They sit
 * under the AIVSS prefix, so checks that ask "has AIVSS v0.8 inputs" must
 * leave these keys out: the two assessments are independent.
 *
 * @public
 */
export const SSVC_ANNOTATION_PREFIX = `${AIVSS_ANNOTATION_PREFIX}ssvc-`;

/**
 * The three decision inputs of AIVSS-SSVC, each an enum annotation.
 *
 * @public
 */
export const SSVC_ANNOTATIONS = {
  threat: `${SSVC_ANNOTATION_PREFIX}threat`,
  vulnerability: `${SSVC_ANNOTATION_PREFIX}vulnerability`,
  impact: `${SSVC_ANNOTATION_PREFIX}impact`,
} as const;

/**
 * The AIVSS-SSVC threat levels, lowest first.
 *
 * @public
 */
export const SSVC_THREAT_LEVELS = ['none', 'poc', 'active'] as const;
/**
 * An AIVSS-SSVC threat level.
 *
 * @public
 */
export type SsvcThreatLevel = (typeof SSVC_THREAT_LEVELS)[number];

/**
 * The AIVSS-SSVC vulnerability postures.
 *
 * @public
 */
export const SSVC_VULNERABILITY_POSTURES = [
  'hardened',
  'moderate',
  'exposed',
] as const;
/**
 * An AIVSS-SSVC vulnerability posture.
 *
 * @public
 */
export type SsvcVulnerabilityPosture =
  (typeof SSVC_VULNERABILITY_POSTURES)[number];

/**
 * The AIVSS-SSVC impact levels, lowest first.
 *
 * @public
 */
export const SSVC_IMPACT_LEVELS = [
  'contained',
  'significant',
  'critical',
] as const;
/**
 * An AIVSS-SSVC impact level.
 *
 * @public
 */
export type SsvcImpactLevel = (typeof SSVC_IMPACT_LEVELS)[number];

/**
 * The capability categories: A execution power, B environment and
 * adaptation, C predictability and influence.
 *
 * @public
 */
export type SsvcCategory = 'A' | 'B' | 'C';

/**
 * The ten capability factors, in OWASP's order (f1..f10), each rated 1..5.
 *
 * @public
 */
export const SSVC_FACTOR_IDS = [
  'execution-autonomy',
  'tool-authority',
  'code-execution',
  'critical-system-access',
  'persistent-memory',
  'dynamic-identity',
  'multi-agent-coordination',
  'self-modification',
  'non-determinism',
  'deceptiveness',
] as const;

/**
 * An AIVSS-SSVC factor's id.
 *
 * @public
 */
export type SsvcFactorId =
  | 'execution-autonomy'
  | 'tool-authority'
  | 'code-execution'
  | 'critical-system-access'
  | 'persistent-memory'
  | 'dynamic-identity'
  | 'multi-agent-coordination'
  | 'self-modification'
  | 'non-determinism'
  | 'deceptiveness';
// The list and the type name the same factors.
SSVC_FACTOR_IDS satisfies readonly SsvcFactorId[];

/**
 * One AIVSS-SSVC factor.
 *
 * @public
 */
export interface SsvcFactorDefinition {
  /** The factor id. */
  id: SsvcFactorId;
  /** Full annotation key, e.g. `aivss.owasp.org/ssvc-execution-autonomy`. */
  annotation: string;
  /** Which SSVC decision point it feeds. */
  category: SsvcCategory;
  /** OWASP's name of the factor. */
  title: string;
}

const FACTOR_TEXT: Record<SsvcFactorId, [SsvcCategory, string]> = {
  'execution-autonomy': ['A', 'Execution Autonomy'],
  'tool-authority': ['A', 'Tool Authority Level'],
  'code-execution': ['A', 'Code Execution Rights'],
  'critical-system-access': ['A', 'Critical System Access'],
  'persistent-memory': ['B', 'Persistent Memory'],
  'dynamic-identity': ['B', 'Dynamic Identity & Permissions'],
  'multi-agent-coordination': ['B', 'Multi-Agent Coordination'],
  'self-modification': ['C', 'Self-Modification Capability'],
  'non-determinism': ['C', 'Non-Determinism Level'],
  deceptiveness: ['C', 'Deceptiveness Potential'],
};

/**
 * The AIVSS-SSVC factors, in order.
 *
 * @public
 */
export const SSVC_FACTORS: readonly SsvcFactorDefinition[] =
  SSVC_FACTOR_IDS.map(id => ({
    id,
    annotation: `${SSVC_ANNOTATION_PREFIX}${id}`,
    category: FACTOR_TEXT[id][0],
    title: FACTOR_TEXT[id][1],
  }));

/** Every SSVC annotation key: the three enums, then the ten factors. */
export const SSVC_ANNOTATION_KEYS: readonly string[] = [
  SSVC_ANNOTATIONS.threat,
  SSVC_ANNOTATIONS.vulnerability,
  SSVC_ANNOTATIONS.impact,
  ...SSVC_FACTORS.map(f => f.annotation),
];

/**
 * Whether an annotation key belongs to the AIVSS-SSVC assessment rather than
 * to the AIVSS v0.8 one.
 *
 * @public
 */
export function isSsvcAnnotation(key: string): boolean {
  return key.startsWith(SSVC_ANNOTATION_PREFIX);
}
