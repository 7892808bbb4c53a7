import {
  AgentListItem,
  AgentRiskRecord,
  AgenticFactorId,
  getAgenticFactor,
} from '@agent-risk/plugin-agent-risk-common';

/** A ranking row plus the reasons leadership asks for: what drives the score, what is wrong. */
export type AgentCsvRow = AgentListItem & {
  /** The three largest factor contributions, e.g. "Autonomy of action +0.32; …". */
  topDrivers: string;
  /** Validation problems, "field: message; …". */
  errors: string;
};

/** Columns of `GET /agents.csv`, in order: the fields of a ranking row, then the reasons. */
export const AGENT_CSV_COLUMNS: ReadonlyArray<keyof AgentCsvRow> = [
  'entityRef',
  'title',
  'owner',
  'ownerTitle',
  'system',
  'systemTitle',
  'lifecycle',
  'model',
  'status',
  'score',
  'severity',
  'cvssBase',
  'cvssAssumed',
  'factorSum',
  'computedAt',
  'reviewedAt',
  'reviewDue',
  'reviewOverdue',
  'topDrivers',
  'errors',
];

const TOP_DRIVERS = 3;

/** The reasons columns of one agent, from its stored record. */
export function csvReasons(
  record: Pick<AgentRiskRecord, 'contributions' | 'errors'> | undefined,
): Pick<AgentCsvRow, 'topDrivers' | 'errors'> {
  if (!record) {
    return { topDrivers: '', errors: '' };
  }
  const drivers = (
    Object.entries(record.contributions ?? {}) as Array<
      [AgenticFactorId, number]
    >
  )
    .filter(([, points]) => points > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, TOP_DRIVERS)
    .map(
      ([id, points]) =>
        `${getAgenticFactor(id)?.title ?? id} +${points.toFixed(2)}`,
    );
  return {
    topDrivers: drivers.join('; '),
    errors: (record.errors ?? [])
      .map(e => `${e.field}: ${e.message}`)
      .join('; '),
  };
}

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
