import { AgentCsvRow } from '@agent-risk/plugin-agent-risk-common';
import { agentCsvLine, csvCell, csvLine } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(7.8)).toBe('7.8');
    expect(csvCell(false)).toBe('false');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends lines with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('writes scores and CVSS bases with one decimal, as the ranking shows them', () => {
    const row: AgentCsvRow = {
      entityRef: 'airesource:default/codegen',
      title: 'Codegen',
      owner: null,
      ownerTitle: null,
      system: null,
      systemTitle: null,
      lifecycle: null,
      model: 'aivss-0.8',
      status: 'scored',
      score: 9,
      severity: 'critical',
      cvssBase: 8,
      cvssAssumed: false,
      factorSum: 5,
      reason: 'CVSS base 8.0, autonomy high, no mitigation',
      computedAt: '2026-12-07T00:00:00.000Z',
      acceptance: null,
      reviewedAt: null,
      reviewDue: null,
      reviewOverdue: true,
      ssvc: null,
      understated: false,
      discovered: false,
      assessed: true,
      topDrivers: '',
      errors: '',
      evidence: '',
    };
    expect(agentCsvLine(row)).toContain(
      ',aivss-0.8,scored,9.0,critical,8.0,false,5,"CVSS base 8.0, autonomy high, no mitigation",',
    );
  });
});
