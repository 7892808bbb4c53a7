import {
  AGENTIC_FACTORS,
  AIVSS_ANNOTATIONS,
  MAESTRO_LAYERS,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * A complete, copyable example of the annotations an agent needs (all ten
 * factors, CVSS, both multipliers and every MAESTRO layer), built from the
 * common package's keys so it never drifts from what the catalog checks.
 */
export function buildAnnotationExample(): string {
  const lines = [
    'metadata:',
    '  annotations:',
    '    # AIVSS agentic factors: 0 to 1 each, all ten required',
    ...AGENTIC_FACTORS.map(f => `    ${f.annotation}: "0.5"`),
    '    # CVSS v4.0 base score of the worst credible flaw (or cvss-vector)',
    `    ${AIVSS_ANNOTATIONS.cvssBase}: "7.5"`,
    '    # attacked | poc | unreported, or a number from 0.5 to 1.5',
    `    ${AIVSS_ANNOTATIONS.threatMultiplier}: poc`,
    '    # none | weak | partial | strong | adversarial-tested, or 0.5 to 1.0',
    `    ${AIVSS_ANNOTATIONS.mitigationFactor}: partial`,
    '    # CSA MAESTRO: per layer a text, its confidence and threat ids',
    ...MAESTRO_LAYERS.flatMap(layer => [
      `    ${layer.textAnnotation}: >-`,
      `      ${layer.description} What can go wrong here?`,
      `    ${layer.confidenceAnnotation}: mapped`,
      `    ${layer.threatsAnnotation}: ASI01, T6`,
    ]),
  ];
  return lines.join('\n');
}
