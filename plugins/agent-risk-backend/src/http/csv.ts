import {
  AGENT_CSV_COLUMNS,
  AgentCsvRow,
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

export function agentCsvLine(item: AgentCsvRow): string {
  return csvLine(AGENT_CSV_COLUMNS.map(column => item[column]));
}
