/**
 * A threat-model document in the shape of examples/threat-models (Codegen's,
 * shortened): the register page's tests prefill from it.
 */
export const CODEGEN_THREAT_MODEL = [
  'Codegen — agentic threat model',
  'Codegen writes code into repositories and tickets.',
  'OWASP AIVSS score rationale',
  '| Autonomy of Action | 0.80 | |',
  '| Goal-Driven Planning | 0.80 | |',
  '| Self-Modification | 0.20 | |',
  '| Dynamic Tool Use | 0.80 | |',
  '| Persistent Memory | 0.50 | |',
  '| Contextual Awareness | 0.80 | |',
  '| Dynamic Identity | 0.60 | |',
  '| Multi-Agent Interactions | 0.20 | |',
  '| Non-Determinism | 0.70 | |',
  '| Opacity & Reflexivity | 0.60 |',
  'MAESTRO 7-layer threat model',
  'Uses a hosted code model; prompt injection can plant backdoors.',
].join('\n');
