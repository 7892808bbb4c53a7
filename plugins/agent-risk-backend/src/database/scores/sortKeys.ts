import { parseEntityRef } from '@backstage/catalog-model';
import { Severity, SEVERITIES } from '@agent-risk/plugin-agent-risk-common';

/** Characters of a display name kept as its sort key. */
const SORT_KEY_MAX_LENGTH = 256;

const lower = (text: string) =>
  text.slice(0, SORT_KEY_MAX_LENGTH).toLocaleLowerCase('en-US');

/**
 * What "order by owner" sorts on: the name the ranking shows, i.e. the
 * owner's display name, else its ref's name; '' without an owner.
 */
export function ownerSortKey(
  owner: string | null,
  ownerTitle: string | null,
): string {
  if (ownerTitle) {
    return lower(ownerTitle);
  }
  if (!owner) {
    return '';
  }
  try {
    return lower(parseEntityRef(owner).name);
  } catch {
    return lower(owner);
  }
}

/** The band's rank, highest band highest (critical 4 … none 0); -1 unscored. */
export function severitySortKey(severity: Severity | null): number {
  return severity === null
    ? -1
    : SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}
