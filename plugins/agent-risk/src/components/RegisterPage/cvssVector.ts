/**
 * The CVSS v4.0 base metrics as the vector builder offers them, and the
 * round trip between a vector string and the builder's choices. The string
 * is what the form stores; the common core's `cvss4BaseScore` judges it.
 */

/** What a metric value means; the builder shows it in words. */
export type CvssValueMeaning =
  | 'network'
  | 'adjacent'
  | 'local'
  | 'physical'
  | 'none'
  | 'low'
  | 'high'
  | 'present'
  | 'passive'
  | 'active';

export type CvssBaseMetric =
  | 'AV'
  | 'AC'
  | 'AT'
  | 'PR'
  | 'UI'
  | 'VC'
  | 'VI'
  | 'VA'
  | 'SC'
  | 'SI'
  | 'SA';

const IMPACT: ReadonlyArray<[string, CvssValueMeaning]> = [
  ['H', 'high'],
  ['L', 'low'],
  ['N', 'none'],
];

/** The base metrics in the order FIRST's specification writes them. */
export const CVSS4_BASE_METRICS: ReadonlyArray<{
  id: CvssBaseMetric;
  values: ReadonlyArray<[string, CvssValueMeaning]>;
}> = [
  {
    id: 'AV',
    values: [
      ['N', 'network'],
      ['A', 'adjacent'],
      ['L', 'local'],
      ['P', 'physical'],
    ],
  },
  {
    id: 'AC',
    values: [
      ['L', 'low'],
      ['H', 'high'],
    ],
  },
  {
    id: 'AT',
    values: [
      ['N', 'none'],
      ['P', 'present'],
    ],
  },
  {
    id: 'PR',
    values: [
      ['N', 'none'],
      ['L', 'low'],
      ['H', 'high'],
    ],
  },
  {
    id: 'UI',
    values: [
      ['N', 'none'],
      ['P', 'passive'],
      ['A', 'active'],
    ],
  },
  { id: 'VC', values: IMPACT },
  { id: 'VI', values: IMPACT },
  { id: 'VA', values: IMPACT },
  { id: 'SC', values: IMPACT },
  { id: 'SI', values: IMPACT },
  { id: 'SA', values: IMPACT },
];

const PREFIX = 'CVSS:4.0/';
const BASE_IDS = new Set<string>(CVSS4_BASE_METRICS.map(m => m.id));

/**
 * The builder's view of a vector: the base metric values it holds, and the
 * other metrics (threat, environmental, supplemental) kept as written. A
 * string that is not a CVSS 4.0 vector gives no choices.
 */
export function readCvssVector(vector: string): {
  base: Partial<Record<CvssBaseMetric, string>>;
  rest: string[];
} {
  const text = vector.trim();
  const base: Partial<Record<CvssBaseMetric, string>> = {};
  const rest: string[] = [];
  if (!text.startsWith(PREFIX)) {
    return { base, rest };
  }
  for (const part of text.slice(PREFIX.length).split('/')) {
    const [metric, value] = part.split(':');
    if (BASE_IDS.has(metric) && value !== undefined) {
      base[metric as CvssBaseMetric] = value;
    } else if (part !== '') {
      rest.push(part);
    }
  }
  return { base, rest };
}

/**
 * The vector with one base metric set (or cleared with ''): base metrics in
 * the specification's order, then the other metrics as they were; '' once
 * nothing is left.
 */
export function withCvssMetric(
  vector: string,
  metric: CvssBaseMetric,
  value: string,
): string {
  const { base, rest } = readCvssVector(vector);
  const next = { ...base, [metric]: value };
  const parts = CVSS4_BASE_METRICS.filter(m => next[m.id]).map(
    m => `${m.id}:${next[m.id]}`,
  );
  const all = [...parts, ...rest];
  // Nothing chosen any more: no vector, rather than a bare prefix.
  return all.length > 0 ? `${PREFIX}${all.join('/')}` : '';
}
