import { AgentCsvRow } from '@agent-risk/plugin-agent-risk-common';

/** How many exports are kept, and the longest kept (in characters). */
const DEFAULT_CAPACITY = 64;
const DEFAULT_MAX_CHARS = 1_000_000;

/** A kept export: its text, and its gzip once a client asked for it. */
export interface KeptCsvExport {
  text: string;
  gzip?: Buffer;
}

/**
 * One-batch CSV exports (a team's agents) as they were sent, kept per the
 * service's key (data version, view and filter) and only until the first
 * instant one of their cells would read differently: a review falling
 * due, an SSVC due date passing, an acceptance reaching its expiry. A
 * dashboard or a scheduled job asking for the same team's export again
 * then costs no query, no row building and no compression, and never sees
 * anything a fresh read would not show.
 */
export class CsvExportCache {
  private readonly entries = new Map<
    string,
    KeptCsvExport & { validUntil: number }
  >();

  constructor(
    private readonly capacity: number = DEFAULT_CAPACITY,
    private readonly maxChars: number = DEFAULT_MAX_CHARS,
  ) {}

  get(key: string, now: number): KeptCsvExport | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    this.entries.delete(key);
    if (now >= entry.validUntil) {
      return undefined;
    }
    // Re-inserted: the map's order stays least recently used first.
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps the export made of these rows, read at `now`; returns what is kept. */
  set(
    key: string,
    text: string,
    rows: readonly AgentCsvRow[],
    now: number,
  ): KeptCsvExport {
    const kept = { text };
    const validUntil = nextCellChange(rows, now);
    if (text.length > this.maxChars || validUntil <= now) {
      return kept;
    }
    this.entries.delete(key);
    this.entries.set(key, { ...kept, validUntil });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) {
        break;
      }
      this.entries.delete(oldest);
    }
    return this.entries.get(key)!;
  }
}

/**
 * The first instant after `now` at which a cell of these rows changes by
 * itself: a review due date (reviewOverdue turns true), an SSVC due date
 * (its "(overdue)" mark) or an acceptance's expiry (it reads "expired").
 * Infinity when none does.
 */
export function nextCellChange(
  rows: readonly AgentCsvRow[],
  now: number,
): number {
  let next = Infinity;
  const consider = (iso: string | null | undefined) => {
    if (!iso) return;
    const at = Date.parse(iso);
    // An unreadable date keeps nothing: the export is read afresh.
    if (Number.isNaN(at)) {
      next = now;
    } else if (at > now && at < next) {
      next = at;
    }
  };
  for (const row of rows) {
    consider(row.reviewDue);
    consider(row.ssvc?.dueAt);
    consider(row.acceptance?.expiresAt);
  }
  return next;
}
