import { parseDecimalLiteral } from '../domain/decimal';
import { AGENTIC_FACTORS, AgenticFactorId } from '../domain/factors';
import { FieldError } from '../domain/parse';
import {
  THREAT_MODEL_LAYER_IDS,
  ThreatModelDocument,
  ThreatModelLayer,
  ThreatModelLayerId,
} from './threatModel';
import {
  AIVSS_HEADING,
  factorByTitle,
  MAESTRO_FOOTER,
  MAESTRO_HEADING,
  stripUncertainMarker,
  TABLE_SEPARATOR,
  tableCells,
  textLines,
  titleOf,
} from './documentText';

/**
 * Reads a public agent directory page as a browser copy gives it:
 *
 *   site navigation, "← NAME"                 (ignored: everything before the title)
 *   NAME — agentic threat model
 *   6.6AIVSS 6.6 · Medium                     (the headline: the published score)
 *   summary paragraph
 *   OWASP AIVSS score rationale
 *   AIVSS = (CVSS_Base + AARS) × …            (the formula, ignored)
 *   CVSS base 7.5AARS uplift 0.8Factor sum 3.2/10Threat ×1.0Mitigation ×0.8
 *   Autonomy of Action                        (ten factor names, each
 *   0.50                                       followed by its value)
 *   MAESTRO 7-layer threat model
 *   L1 · Foundation Models⚠ not certain from listing
 *   paragraph
 *   L2 · Data Operations✓ mapped
 *   …
 *
 * Pages are often cut off (a copy of what was on screen): whatever is absent
 * is a warning, so a truncated page still imports with what it has.
 */

/**
 * What the page's rationale line states, each value exactly as written.
 *
 * @public
 */
export interface DirectoryPageRationale {
  cvssBase?: string;
  aarsUplift?: string;
  factorSum?: string;
  threatMultiplier?: string;
  mitigationFactor?: string;
}

/** @public */
export interface DirectoryPageDocument extends ThreatModelDocument {
  /** The headline's published score and band ("AIVSS 6.6 · Medium"). */
  published?: { score: string; severity: string };
  rationale: DirectoryPageRationale;
}

/** @public */
export interface DirectoryPageParseResult {
  document: DirectoryPageDocument;
  /** What is wrong: no title, unreadable values, repeated factors or layers. */
  problems: FieldError[];
  /** What is absent (a truncated page): the import goes on without it. */
  warnings: FieldError[];
  missingLayers: ThreatModelLayerId[];
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const HEADLINE = new RegExp(
  String.raw`^(?:\d+(?:\.\d+)?)?\s*AIVSS\s+${NUMBER}\s*[·•|-]\s*(critical|high|medium|low|none)$`,
  'i',
);
/** Each rationale figure, read wherever it sits in the (often concatenated) line. */
const RATIONALE_FIGURES: Record<keyof DirectoryPageRationale, RegExp> = {
  cvssBase: new RegExp(String.raw`CVSS base\s*${NUMBER}`, 'i'),
  aarsUplift: new RegExp(String.raw`AARS uplift\s*${NUMBER}`, 'i'),
  factorSum: new RegExp(String.raw`Factor sum\s*${NUMBER}`, 'i'),
  threatMultiplier: new RegExp(String.raw`Threat\s*[×x*]\s*${NUMBER}`, 'i'),
  mitigationFactor: new RegExp(String.raw`Mitigation\s*[×x*]\s*${NUMBER}`, 'i'),
};
const FORMULA_LINE = /^AIVSS\s*=/i;
/** "L1 · Foundation Models⚠ not certain from listing", "L2 · Data Operations✓ mapped". */
const LAYER_HEADING = /^L([1-7])\s*[·•:–—-]\s*(\S.*)$/;
const UNCERTAIN_HEADING = /(⚠|not certain)/i;
const MAPPED_HEADING = /(✓|\bmapped\s*$)/i;
/** A factor name and its value on one line ("Autonomy of Action 0.50", or run together). */
const FACTOR_WITH_VALUE = /^([A-Za-z][A-Za-z &-]*?)\s*(\d+(?:\.\d+)?)$/;
/** A heading line is short; a long line starting "L1 ·" is a paragraph. */
const MAX_HEADING_LENGTH = 120;

/**
 * Whether the text looks like a directory page rather than a threat-model document.
 *
 * @public
 */
export function looksLikeDirectoryPage(text: string): boolean {
  return textLines(text).some(
    line =>
      HEADLINE.test(line) ||
      (RATIONALE_FIGURES.cvssBase.test(line) &&
        RATIONALE_FIGURES.factorSum.test(line)) ||
      layerHeading(line) !== undefined ||
      factorByTitle(line) !== undefined,
  );
}

/** The tag that ends a heading; a browser copy may run the paragraph on after it. */
const HEADING_TAG = /⚠\s*not certain from (?:the )?listing|✓\s*mapped/i;
/** Where a tag is looked for: a heading's length plus the tag's. */
const HEADING_TAG_SEARCH_LENGTH = MAX_HEADING_LENGTH + 40;

interface LayerHeading {
  id: ThreatModelLayerId;
  uncertain?: boolean;
  /** Paragraph text on the heading's own line, after its tag. */
  rest?: string;
}

function layerHeading(line: string): LayerHeading | undefined {
  // "L3 · Agent Frameworks⚠ not certain from listingNot certain from the listing — …":
  // the heading ends at its tag and the paragraph starts on the same line.
  const head = line.slice(0, HEADING_TAG_SEARCH_LENGTH);
  const tag = HEADING_TAG.exec(head);
  if (tag) {
    const end = tag.index + tag[0].length;
    const match = LAYER_HEADING.exec(line.slice(0, end));
    if (match) {
      const rest = line.slice(end).trim();
      return {
        id: THREAT_MODEL_LAYER_IDS[Number(match[1]) - 1],
        uncertain: tag[0].startsWith('⚠'),
        ...(rest !== '' && { rest }),
      };
    }
  }
  if (line.length > MAX_HEADING_LENGTH) return undefined;
  const match = LAYER_HEADING.exec(line);
  if (!match) return undefined;
  const id = THREAT_MODEL_LAYER_IDS[Number(match[1]) - 1];
  if (UNCERTAIN_HEADING.test(match[2])) return { id, uncertain: true };
  if (MAPPED_HEADING.test(match[2])) return { id, uncertain: false };
  return { id };
}

/**
 * Parses a directory page. Never throws: problems and warnings are returned by field.
 *
 * @public
 */
export function parseDirectoryPage(text: string): DirectoryPageParseResult {
  const lines = textLines(text);
  const problems: FieldError[] = [];
  const warnings: FieldError[] = [];
  const document: DirectoryPageDocument = {
    factors: {},
    layers: [],
    rationale: {},
  };

  // Everything before the title line is site chrome (navigation, "← NAME").
  let index = 0;
  for (; index < lines.length; index++) {
    const title = titleOf(lines[index]);
    if (title) {
      document.title = title;
      break;
    }
  }
  if (document.title === undefined) {
    problems.push({
      field: 'title',
      message: 'missing: no line reads "NAME — agentic threat model"',
    });
    index = 0;
  } else {
    index += 1;
  }

  // Headline and summary, up to the AIVSS heading.
  const summary: string[] = [];
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (
      AIVSS_HEADING.test(line) ||
      MAESTRO_HEADING.test(line) ||
      factorByTitle(line)
    ) {
      break;
    }
    const headline = HEADLINE.exec(line);
    if (headline && !document.published) {
      document.published = {
        score: headline[1],
        severity: headline[2].toLowerCase(),
      };
    } else if (line !== '') {
      summary.push(line);
    }
  }
  if (summary.length > 0) {
    document.summary = summary.join(' ');
  }
  if (!document.published) {
    warnings.push({
      field: 'aivss',
      message:
        'the page has no headline "AIVSS N · Band", so the imported score cannot be checked against it',
    });
  }

  // Rationale figures and factors, up to the MAESTRO heading.
  const seen = new Set<AgenticFactorId>();
  const addFactor = (rowTitle: string, id: AgenticFactorId, value: string) => {
    if (seen.has(id)) {
      problems.push({
        field: `factors.${id}`,
        message: `"${rowTitle}" appears twice`,
      });
      return;
    }
    seen.add(id);
    const parsed = parseDecimalLiteral(value);
    if (!parsed || parsed.lt(0) || parsed.gt(1)) {
      problems.push({
        field: `factors.${id}`,
        message: `"${rowTitle}" has value ${JSON.stringify(
          value,
        )}; expected a number from 0 to 1`,
      });
      return;
    }
    document.factors[id] = value;
  };
  for (; index < lines.length && !MAESTRO_HEADING.test(lines[index]); index++) {
    const line = lines[index];
    if (line === '' || FORMULA_LINE.test(line) || TABLE_SEPARATOR.test(line)) {
      continue;
    }
    for (const [key, pattern] of Object.entries(RATIONALE_FIGURES)) {
      const figure = pattern.exec(line);
      const field = key as keyof DirectoryPageRationale;
      if (figure && document.rationale[field] === undefined) {
        document.rationale[field] = figure[1];
      }
    }
    if (line.startsWith('|')) {
      const [rowTitle = '', value = ''] = tableCells(line);
      const id = factorByTitle(rowTitle);
      if (id) addFactor(rowTitle, id, value);
      continue;
    }
    const named = factorByTitle(line);
    if (named) {
      // The value is on the next non-empty line.
      let next = index + 1;
      while (next < lines.length && lines[next] === '') next++;
      if (next >= lines.length) {
        break; // the page is cut off after the name: the value is absent, not wrong
      }
      const value = lines[next];
      if (parseDecimalLiteral(value)) {
        index = next;
        addFactor(line, named, value);
      } else {
        problems.push({
          field: `factors.${named}`,
          message: `"${line}" is not followed by its value (a number from 0 to 1)`,
        });
        seen.add(named);
      }
      continue;
    }
    // Factor lines are short; the bound also keeps the lazy pattern linear.
    const inline =
      line.length <= MAX_HEADING_LENGTH ? FACTOR_WITH_VALUE.exec(line) : null;
    const inlineId = inline ? factorByTitle(inline[1]) : undefined;
    if (inline && inlineId) {
      addFactor(inline[1].trim(), inlineId, inline[2]);
    }
  }
  const rationaleFields: Array<[keyof DirectoryPageRationale, string]> = [
    ['cvssBase', 'CVSS base'],
    ['threatMultiplier', 'threat multiplier'],
    ['mitigationFactor', 'mitigation factor'],
  ];
  for (const [key, label] of rationaleFields) {
    if (document.rationale[key] === undefined) {
      warnings.push({
        field: `rationale.${key}`,
        message: `the page gives no ${label} (expected in the line "CVSS base N…Threat ×N…Mitigation ×N")`,
      });
    }
  }
  const missingFactors = AGENTIC_FACTORS.filter(f => !seen.has(f.id));
  if (missingFactors.length > 0) {
    warnings.push({
      field: 'factors',
      message: `the page has no value for ${missingFactors
        .map(f => `"${f.title}"`)
        .join(
          ', ',
        )} (truncated?); the agent stays incomplete until they are set`,
    });
  }

  // Layers: a heading per layer, its paragraph on the following lines.
  const layers = new Map<ThreatModelLayerId, ThreatModelLayer>();
  let current:
    | { id: ThreatModelLayerId; uncertain?: boolean; lines: string[] }
    | undefined;
  const finishLayer = () => {
    if (!current) return;
    const { text: layerText, uncertain } = stripUncertainMarker(
      current.lines.join(' '),
    );
    if (layerText !== '') {
      layers.set(current.id, {
        id: current.id,
        text: layerText,
        confidence: current.uncertain || uncertain ? 'uncertain' : 'mapped',
      });
    }
    current = undefined;
  };
  for (index += 1; index < lines.length; index++) {
    const line = lines[index];
    if (MAESTRO_FOOTER.test(line)) break;
    const heading = layerHeading(line);
    if (heading) {
      finishLayer();
      if (layers.has(heading.id)) {
        problems.push({
          field: `layers.${heading.id}`,
          message: `the heading for ${heading.id.toUpperCase()} appears twice`,
        });
      }
      const { rest, ...layer } = heading;
      current = { ...layer, lines: rest === undefined ? [] : [rest] };
    } else if (current && line !== '') {
      // Text before the first heading is the section's introduction: skipped.
      current.lines.push(line);
    }
  }
  finishLayer();
  document.layers = THREAT_MODEL_LAYER_IDS.filter(id => layers.has(id)).map(
    id => layers.get(id)!,
  );
  const missingLayers = THREAT_MODEL_LAYER_IDS.filter(id => !layers.has(id));
  if (missingLayers.length > 0) {
    const found = document.layers.map(l => l.id.toUpperCase()).join(', ');
    warnings.push({
      field: 'layers',
      message: `no paragraph for ${missingLayers
        .map(id => id.toUpperCase())
        .join(', ')} (truncated?); imported ${found || 'none'}`,
    });
  }
  // A page cut off mid-paragraph leaves the last layer's text unfinished.
  const last = document.layers[document.layers.length - 1];
  if (last && missingLayers.length > 0 && !/[.!?)"'”’]$/.test(last.text)) {
    warnings.push({
      field: `layers.${last.id}`,
      message: `the ${last.id.toUpperCase()} paragraph ends mid-sentence (truncated page?); imported as it is`,
    });
  }

  return { document, problems, warnings, missingLayers };
}
