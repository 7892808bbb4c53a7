import {
  AGENTIC_FACTORS,
  AIVSS_ANNOTATIONS,
  getMaestroLayer,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * A complete, copyable example of the annotations an agent needs, built from
 * the common package's keys so it never drifts from what the catalog checks.
 */
export function buildAnnotationExample(): string {
  const l1 = getMaestroLayer('l1');
  const lines = [
    'metadata:',
    '  annotations:',
    '    # AIVSS agentic factors: each a number from 0 to 1, all ten required',
    ...AGENTIC_FACTORS.map(f => `    ${f.annotation}: "0.5"`),
    '    # CVSS v4.0 base score of the worst credible technical flaw (or cvss-vector)',
    `    ${AIVSS_ANNOTATIONS.cvssBase}: "7.5"`,
    '    # attacked | poc | unreported, or a number from 0.5 to 1.5',
    `    ${AIVSS_ANNOTATIONS.threatMultiplier}: poc`,
    '    # none | weak | partial | strong | adversarial-tested, or 0.5 to 1.0',
    `    ${AIVSS_ANNOTATIONS.mitigationFactor}: partial`,
    '    # CSA MAESTRO: one text per layer (L1..L7 and cross-layer)',
    `    ${l1.textAnnotation}: >-`,
    '      Calls a hosted foundation model; prompt injection from retrieved',
    '      documents can steer its tool calls.',
    `    ${l1.confidenceAnnotation}: mapped`,
    `    ${l1.threatsAnnotation}: ASI01, T6`,
  ];
  return lines.join('\n');
}
