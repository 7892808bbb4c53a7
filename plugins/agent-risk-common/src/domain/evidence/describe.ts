import { AgenticFactorId, getAgenticFactor } from '../factors';
import { EvidenceFinding } from '../facts';
import { getEvidenceRule } from './rules';

function factorName(factor: string): string {
  const definition = getAgenticFactor(factor as AgenticFactorId);
  return definition ? definition.title.toLocaleLowerCase('en-US') : factor;
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/**
 * A finding in one sentence, e.g. "Declares dynamic tool use 0.1, but calls
 * api:default/github-mcp's push_files, which may write: at least 0.5". The
 * facts come from entity refs and tool names: render the sentence as text.
 *
 * @public
 */
export function describeFinding(finding: EvidenceFinding): string {
  const [first, ...rest] = finding.facts;
  const more =
    rest.length === 0
      ? ''
      : ` (and ${rest.length} more ${rest.length === 1 ? 'fact' : 'facts'})`;
  if (finding.factor === null || finding.bound === null) {
    const seen = first ?? getEvidenceRule(finding.rule)?.description ?? '';
    return `${capitalize(seen)}${more}`;
  }
  const declared =
    finding.declared === null
      ? `Does not declare ${factorName(finding.factor)}`
      : `Declares ${factorName(finding.factor)} ${finding.declared}`;
  const seen = first ? `, but ${first}${more}` : '';
  return `${declared}${seen}: at least ${finding.bound}`;
}
