import type { SummaryQuery } from '../api';

/** Longest file name part made of filters: file systems allow 255 bytes. */
const MAX_FILTER_PART = 120;

/** Lower-case letters, digits and single dashes only: safe in any file system and header. */
function slug(text: string): string {
  return text
    .toLocaleLowerCase('en-US')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The name part of an entity ref: `group:default/team-a` is `team-a`. */
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/**
 * The file name of a ranking export: the date (UTC) and the filters, e.g.
 * `agent-risk-2026-12-07-owner-team-a.csv`, so exports of different views
 * and days do not overwrite each other. The backend's Content-Disposition
 * and the browser's download use the same name.
 *
 * @public
 */
export function csvExportFileName(
  filters: Partial<SummaryQuery>,
  now: Date = new Date(),
): string {
  const parts: string[] = [];
  const add = (label: string, values: readonly string[] | undefined) => {
    const words = (values ?? []).map(slug).filter(Boolean);
    if (words.length > 0) {
      parts.push(label, ...words);
    }
  };
  add('owner', filters.owner?.map(refName));
  add('system', filters.system?.map(refName));
  add('severity', filters.severity);
  add('status', filters.status);
  add('lifecycle', filters.lifecycle);
  add('acceptance', filters.acceptance);
  add('outcome', filters.ssvcOutcome);
  add('search', filters.q ? [filters.q] : []);
  if (filters.reviewOverdue !== undefined) {
    parts.push(filters.reviewOverdue ? 'review-overdue' : 'review-current');
  }
  let filterPart = parts.join('-');
  if (filterPart.length > MAX_FILTER_PART) {
    filterPart = filterPart.slice(0, MAX_FILTER_PART).replace(/-+$/, '');
  }
  const date = now.toISOString().slice(0, 10);
  return `agent-risk-${date}${filterPart ? `-${filterPart}` : ''}.csv`;
}
