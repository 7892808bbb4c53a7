import {
  AGENT_CSV_COLUMNS,
  AgentCsvRow,
  RiskAcceptance,
  SsvcDecision,
} from '@agent-risk/plugin-agent-risk-common';

/** Leading characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula is
 * prefixed with a quote (OWASP CSV injection advice); numbers are left alone.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  let text = String(value);
  if (FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export const AGENT_CSV_HEADER = csvLine(AGENT_CSV_COLUMNS);

/** The acceptance as one readable cell: `accepted until 2027-03-31 by user:default/sam`. */
function acceptanceCell(acceptance: RiskAcceptance | null): string {
  if (!acceptance) {
    return '';
  }
  const until = acceptance.expiresAt.slice(0, 10);
  switch (acceptance.state) {
    case 'accepted':
      return `accepted until ${until} by ${acceptance.approvedBy}`;
    case 'pending':
      return `pending (asked by ${acceptance.requestedBy}, until ${until})`;
    default:
      return `${acceptance.state} ${acceptance.endedAt?.slice(0, 10) ?? ''}: ${
        acceptance.endedReason ?? ''
      }`.trim();
  }
}

/** Scores on the one-decimal AIVSS and CVSS scales: 8 is written "8.0", as shown. */
const ONE_DECIMAL_COLUMNS: ReadonlySet<string> = new Set(['score', 'cvssBase']);

/** The SSVC decision as one readable cell: `Immediate, due 2026-07-08 (overdue)`. */
export function ssvcCell(ssvc: SsvcDecision | null): string {
  if (!ssvc) {
    return '';
  }
  if (!ssvc.outcome) {
    return ssvc.status;
  }
  const due = ssvc.dueAt ? `, due ${ssvc.dueAt.slice(0, 10)}` : '';
  return `${ssvc.outcome}${due}${ssvc.overdue ? ' (overdue)' : ''}`;
}

/**
 * How each column's cell is read from a row, in column order: decided once
 * here rather than for every cell of every row (the export's hot loop).
 */
const CELLS: ReadonlyArray<(item: AgentCsvRow) => unknown> =
  AGENT_CSV_COLUMNS.map(column => {
    if (column === 'acceptance') {
      return item => acceptanceCell(item.acceptance);
    }
    if (column === 'ssvc') {
      return item => ssvcCell(item.ssvc);
    }
    if (ONE_DECIMAL_COLUMNS.has(column)) {
      return item => {
        const value = item[column];
        return typeof value === 'number' ? value.toFixed(1) : value;
      };
    }
    return item => item[column];
  });

export function agentCsvLine(item: AgentCsvRow): string {
  let line = csvCell(CELLS[0](item));
  for (let i = 1; i < CELLS.length; i++) {
    line += `,${csvCell(CELLS[i](item))}`;
  }
  return `${line}\r\n`;
}
