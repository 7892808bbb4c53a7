import { AGENTIC_FACTORS, AgenticFactorId } from '../domain/factors';

/**
 * Text helpers shared by the threat-model document and directory page
 * readers. Every pattern here runs in linear time: documents are pasted or
 * fetched from anywhere, including the browser's register page.
 */

const TITLE_SUFFIX = 'agentic threat model';
const TITLE_DASHES = '—–-';

/**
 * The NAME of a "NAME — agentic threat model" line, or null. Hand-written
 * rather than a regex: the obvious pattern backtracks quadratically on a long
 * line without the suffix.
 *
 * @public
 */
export function titleOf(line: string): string | null {
  const text = line.trimEnd();
  if (text.slice(-TITLE_SUFFIX.length).toLowerCase() !== TITLE_SUFFIX) {
    return null;
  }
  const beforeSuffix = text.slice(0, -TITLE_SUFFIX.length);
  const dashEnd = beforeSuffix.trimEnd();
  const dash = dashEnd.charAt(dashEnd.length - 1);
  if (dashEnd.length === beforeSuffix.length || !TITLE_DASHES.includes(dash)) {
    return null; // no whitespace between the dash and the suffix, or no dash
  }
  const beforeDash = dashEnd.slice(0, -1);
  const name = beforeDash.trim();
  if (beforeDash.trimEnd().length === beforeDash.length || name === '') {
    return null; // no whitespace before the dash, or no name
  }
  return name;
}

/** @public */
export const AIVSS_HEADING = /^OWASP AIVSS score rationale\b/i;
/** @public */
export const MAESTRO_HEADING = /^MAESTRO\s+7-layer threat model\b/i;
/** @public */
export const MAESTRO_INTRO = /^Per-layer threats\b/i;
/** @public */
export const MAESTRO_FOOTER = /^MAESTRO\s+[—–-]/;
/** @public */
export const UNCERTAIN_MARKER = /^Not certain from the listing\s*[—–-]\s*/i;
/** @public */
export const TABLE_SEPARATOR = /^\|[\s|:-]*$/;

/**
 * The marker ends mid-sentence ("— likely relies …"); the stripped text should start as one.
 *
 * @public
 */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** The marker as the documents write it: a paragraph cut off inside it is still uncertain. */
const UNCERTAIN_MARKER_TEXT = 'not certain from the listing —';
/** The shortest start of the marker taken for a cut-off marker ("Not certain"). */
const CUT_MARKER_MIN_LENGTH = 'not certain'.length;

/**
 * A layer paragraph without its "Not certain from the listing —" marker, and whether it had one.
 *
 * A paragraph a truncated page cuts off inside or right after the marker
 * ("Not certain from the lis", "Not certain from the listing —") is uncertain
 * and keeps the text that is there, as written: stripping it would leave no
 * text and so drop the layer.
 *
 * @public
 */
export function stripUncertainMarker(paragraph: string): {
  text: string;
  uncertain: boolean;
} {
  if (UNCERTAIN_MARKER.test(paragraph)) {
    const text = capitalize(paragraph.replace(UNCERTAIN_MARKER, ''));
    return { text: text === '' ? paragraph.trim() : text, uncertain: true };
  }
  const text = paragraph.trim();
  // Bounded before normalising: only a short paragraph can be a cut-off marker.
  const start =
    text.length <= 2 * UNCERTAIN_MARKER_TEXT.length
      ? text.toLowerCase().replace(/\s+/g, ' ')
      : '';
  if (
    start.length >= CUT_MARKER_MIN_LENGTH &&
    UNCERTAIN_MARKER_TEXT.startsWith(start)
  ) {
    return { text, uncertain: true };
  }
  return { text: paragraph, uncertain: false };
}

/**
 * Lower-case and keep only letters and digits: "Opacity & Reflexivity" and "opacity-reflexivity" meet.
 *
 * @public
 */
export function normaliseFactorTitle(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const FACTOR_BY_NORMALISED_TITLE = new Map<string, AgenticFactorId>(
  AGENTIC_FACTORS.flatMap(f => [
    [normaliseFactorTitle(f.id), f.id],
    [normaliseFactorTitle(f.title), f.id],
  ]),
);

/**
 * The factor a row or line title names ("Opacity & Reflexivity"), if any.
 *
 * @public
 */
export function factorByTitle(title: string): AgenticFactorId | undefined {
  return FACTOR_BY_NORMALISED_TITLE.get(normaliseFactorTitle(title));
}

/** @public */
export function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map(cell => cell.trim());
}

/**
 * Splits text into trimmed lines, whatever the line endings.
 *
 * @public
 */
export function textLines(text: string): string[] {
  return text.split(/\r?\n|\r/).map(line => line.trim());
}
