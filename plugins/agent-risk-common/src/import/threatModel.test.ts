import fs from 'node:fs';
import path from 'node:path';
import { parseAssessment } from '../domain/parse';
import {
  buildAgentEntityFromThreatModel,
  entityNameFromTitle,
  parseThreatModelDocument,
} from './threatModel';

// Real (and partly truncated) threat-model documents, kept in the repository.
const EXAMPLES_DIR = path.resolve(
  __dirname,
  '../../../../examples/threat-models',
);
const readExample = (name: string) =>
  fs.readFileSync(path.join(EXAMPLES_DIR, `${name}.threat-model.txt`), 'utf8');

const FACTOR_ROWS = [
  '| Autonomy of Action | 0.80 | |',
  '| Goal-Driven Planning | 0.70 | |',
  '| Self-Modification | 0.50 | |',
  '| Dynamic Tool Use | 0.80 | |',
  '| Persistent Memory | 0.80 | |',
  '| Contextual Awareness | 0.90 | |',
  '| Dynamic Identity | 0.60 | |',
  '| Multi-Agent Interactions | 0.90 | |',
  '| Non-Determinism | 0.70 | |',
  '| Opacity & Reflexivity | 0.70 |',
];

function documentText(options: {
  title?: string;
  rows?: string[];
  layers?: string[];
  footer?: boolean;
}): string {
  return [
    options.title ?? 'Test Bot — agentic threat model',
    'Test Bot does things.',
    'OWASP AIVSS score rationale',
    ...(options.rows ?? FACTOR_ROWS),
    'Scored with the canonical OWASP AIVSS formula.',
    'MAESTRO 7-layer threat model',
    'Per-layer threats for this agent.',
    ...(options.layers ?? []),
    ...(options.footer
      ? ['MAESTRO — the 7-layer agentic threat-modeling framework.']
      : []),
  ].join('\n');
}

describe('real example documents', () => {
  it('reads codegen completely: ten factors as written, seven uncertain layers, no footer', () => {
    const { document, problems, missingLayers } = parseThreatModelDocument(
      readExample('codegen'),
    );
    expect(problems).toEqual([]);
    expect(missingLayers).toEqual([]);
    expect(document.title).toBe('Codegen');
    expect(document.summary).toMatch(/^Codegen presents a high-risk profile/);
    expect(document.factors).toEqual({
      'autonomy-of-action': '0.80',
      'goal-driven-planning': '0.80',
      'self-modification': '0.20',
      'dynamic-tool-use': '0.80',
      'persistent-memory': '0.50',
      'contextual-awareness': '0.80',
      'dynamic-identity': '0.60',
      'multi-agent-interactions': '0.20',
      'non-determinism': '0.70',
      'opacity-reflexivity': '0.60',
    });
    expect(document.layers.map(l => l.id)).toEqual([
      'l1',
      'l2',
      'l3',
      'l4',
      'l5',
      'l6',
      'l7',
    ]);
    expect(document.layers.every(l => l.confidence === 'uncertain')).toBe(true);
    expect(document.layers[0].text).toMatch(
      /^Likely relies on advanced third-party LLMs/,
    );
    expect(document.layers[6].text).toMatch(
      /^Potential integration with developer ecosystems/,
    );
    expect(document.layers.some(l => l.text.includes('MAESTRO'))).toBe(false);
  });

  it('imports the five layers a truncated baz document has', () => {
    const { document, problems, missingLayers } = parseThreatModelDocument(
      readExample('baz'),
    );
    expect(problems).toEqual([]);
    expect(document.title).toBe('Baz');
    expect(document.factors['opacity-reflexivity']).toBe('0.60');
    expect(document.layers.map(l => l.id)).toEqual([
      'l1',
      'l2',
      'l3',
      'l4',
      'l5',
    ]);
    expect(missingLayers).toEqual(['l6', 'l7']);
    expect(document.layers[4].text).toMatch(/^No mention of guardrails/);
  });

  it('keeps a mapped tradeos-ai layer mapped and reports the missing ones', () => {
    const { document, problems, missingLayers } = parseThreatModelDocument(
      readExample('tradeos-ai'),
    );
    expect(problems).toEqual([]);
    expect(document.title).toBe('TradeOS AI');
    expect(document.layers.map(l => l.confidence)).toEqual([
      'uncertain',
      'uncertain',
      'mapped',
      'uncertain',
    ]);
    expect(document.layers[2].text).toMatch(
      /^Orchestrates 'teams of AI agents'/,
    );
    expect(missingLayers).toEqual(['l5', 'l6', 'l7']);
  });

  it.each(['codegen', 'baz', 'tradeos-ai'])(
    '%s copied from its page with the navigation before the title reads as the document itself',
    name => {
      const text = readExample(name);
      const title = parseThreatModelDocument(text).document.title!;
      // What a browser copy of the directory's page starts with.
      const copied = [
        'AgentReadyHomeAgent ListingPricing',
        '',
        `← ${title}`,
        '→ Next agent',
        '',
        text,
      ].join('\n');
      const result = parseThreatModelDocument(copied);
      expect(result.problems).toEqual([]);
      expect(result).toEqual(parseThreatModelDocument(text));
      expect(result.document.summary).not.toMatch(/←|→|AgentReady/);
    },
  );

  it('keeps a truncated last layer cut off inside or right after its marker as uncertain, with what is there', () => {
    const text = readExample('baz');
    const lastLayer = text.lastIndexOf(
      'Not certain from the listing — no mention',
    );
    for (const [cut, kept] of [
      ['Not certain from the listing — ', 'Not certain from the listing —'],
      ['Not certain from the lis', 'Not certain from the lis'],
      ['Not certain', 'Not certain'],
    ]) {
      const truncated = `${text.slice(0, lastLayer)}${cut}`;
      const { document, problems, missingLayers } =
        parseThreatModelDocument(truncated);
      expect(problems).toEqual([]);
      expect(document.layers).toHaveLength(5);
      expect(document.layers[4]).toEqual({
        id: 'l5',
        text: kept,
        confidence: 'uncertain',
      });
      expect(missingLayers).toEqual(['l6', 'l7']);
    }
  });

  it('builds entities whose annotations the common parser accepts', () => {
    for (const name of ['codegen', 'baz', 'tradeos-ai']) {
      const { document } = parseThreatModelDocument(readExample(name));
      const entity = buildAgentEntityFromThreatModel(document, {
        owner: 'group:default/team',
        lifecycle: 'production',
        cvssBase: '8.0',
      });
      expect(entity.metadata.name).toBe(name);
      const parsed = parseAssessment(entity.metadata.annotations);
      expect(parsed.missing).toEqual([]);
      expect(parsed.invalid).toEqual([]);
    }
  });
});

describe('parseThreatModelDocument', () => {
  it('accepts a plain hyphen in the title and ignores the footer', () => {
    const { document, problems } = parseThreatModelDocument(
      documentText({
        title: 'My Agent - agentic threat model',
        layers: ['First layer.', 'Second layer.'],
        footer: true,
      }),
    );
    expect(problems).toEqual([]);
    expect(document.title).toBe('My Agent');
    expect(document.layers.map(l => l.text)).toEqual([
      'First layer.',
      'Second layer.',
    ]);
  });

  it('strips the uncertainty marker only where it appears', () => {
    const { document } = parseThreatModelDocument(
      documentText({
        layers: [
          'Not certain from the listing — vague.',
          'Pinned by evidence.',
        ],
      }),
    );
    expect(document.layers).toEqual([
      { id: 'l1', text: 'Vague.', confidence: 'uncertain' },
      { id: 'l2', text: 'Pinned by evidence.', confidence: 'mapped' },
    ]);
  });

  it('names each missing factor row', () => {
    const rows = FACTOR_ROWS.filter(
      r => !/Dynamic Identity|Non-Determinism/.test(r),
    );
    const { problems } = parseThreatModelDocument(
      documentText({ rows, layers: ['x'] }),
    );
    expect(problems).toEqual([
      {
        field: 'factors.dynamic-identity',
        message: 'missing the factor row "Dynamic identity"',
      },
      {
        field: 'factors.non-determinism',
        message: 'missing the factor row "Non-determinism"',
      },
    ]);
  });

  it('reports unparsable and out-of-range values, unknown and duplicate rows', () => {
    const rows = [
      ...FACTOR_ROWS.slice(0, 8),
      '| Non-Determinism | high | |',
      '| Opacity & Reflexivity | 1.2 |',
      '| Charisma | 0.5 | |',
      '| Autonomy of Action | 0.1 | |',
    ];
    const { document, problems } = parseThreatModelDocument(
      documentText({ rows, layers: ['x'] }),
    );
    expect(problems.map(p => p.field)).toEqual([
      'factors.non-determinism',
      'factors.opacity-reflexivity',
      'factors.charisma',
      'factors.autonomy-of-action',
    ]);
    expect(problems[0].message).toContain('"high"');
    expect(document.factors['autonomy-of-action']).toBe('0.80');
    expect(document.factors['non-determinism']).toBeUndefined();
  });

  it('skips a table header and separator row', () => {
    const rows = ['| Factor | Value | Note |', '|---|---|---|', ...FACTOR_ROWS];
    const { problems } = parseThreatModelDocument(
      documentText({ rows, layers: ['x'] }),
    );
    expect(problems).toEqual([]);
  });

  it('takes a title line only before the factor table: one after it is no title', () => {
    const text = [
      '← Late Bot',
      'OWASP AIVSS score rationale',
      ...FACTOR_ROWS,
      'Late Bot — agentic threat model',
      'MAESTRO 7-layer threat model',
      'One.',
    ].join('\n');
    const { document, problems } = parseThreatModelDocument(text);
    expect(document.title).toBeUndefined();
    expect(problems).toEqual([
      {
        field: 'title',
        message:
          'missing: no line before the factor table reads "NAME — agentic threat model"',
      },
    ]);
  });

  it('does not take a short ordinary first paragraph line for the marker', () => {
    const { document } = parseThreatModelDocument(
      documentText({ layers: ['Not certainly safe.', 'Not cer'] }),
    );
    expect(document.layers.map(l => l.confidence)).toEqual([
      'mapped',
      'mapped',
    ]);
  });

  it('reports a missing title and a document without layers', () => {
    const { document, problems } = parseThreatModelDocument(
      documentText({ title: 'Some heading', layers: [] }),
    );
    expect(document.title).toBeUndefined();
    expect(problems.map(p => p.field)).toEqual(['title', 'layers']);
  });

  it.each([
    ['Bot – agentic threat model', 'Bot'],
    ['A - B — Agentic Threat Model  ', 'A - B'],
    ['Bot —agentic threat model', undefined],
    ['Bot— agentic threat model', undefined],
    [' — agentic threat model', undefined],
    ['Bot agentic threat model', undefined],
  ])('reads the title line %p as %p', (title, expected) => {
    const { document } = parseThreatModelDocument(
      documentText({ title, layers: ['x'] }),
    );
    expect(document.title).toBe(expected);
  });

  it('reads a 100 kB title line in linear time', () => {
    // Without the suffix, the old regex tried every split: seconds at this size.
    for (const line of [
      `A${' -'.repeat(50_000)}`,
      `A${' '.repeat(100_000)}x`,
      `${'a '.repeat(50_000)}— agentic threat model`,
    ]) {
      const started = process.hrtime.bigint();
      parseThreatModelDocument(`${line}\n\nrest`);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(ms).toBeLessThan(100);
    }
  });

  it('reports more than seven layer paragraphs and keeps the first seven', () => {
    const layers = Array.from({ length: 8 }, (_, i) => `Layer ${i + 1}.`);
    const { document, problems } = parseThreatModelDocument(
      documentText({ layers }),
    );
    expect(document.layers).toHaveLength(7);
    expect(document.layers[6].text).toBe('Layer 7.');
    expect(problems).toEqual([
      { field: 'layers', message: expect.stringContaining('8 layer') },
    ]);
  });

  it('reads Windows line endings', () => {
    const text = documentText({ layers: ['One.'] }).replace(/\n/g, '\r\n');
    const { document, problems } = parseThreatModelDocument(text);
    expect(problems).toEqual([]);
    expect(document.layers[0].text).toBe('One.');
  });

  it('never throws on empty input', () => {
    const { problems } = parseThreatModelDocument('');
    expect(problems.map(p => p.field)).toContain('title');
    expect(problems.map(p => p.field)).toContain('layers');
  });
});

describe('entityNameFromTitle', () => {
  it.each([
    ['TradeOS AI', 'tradeos-ai'],
    ['  Café  Bot!! ', 'cafe-bot'],
    [`${'a'.repeat(62)} b`, 'a'.repeat(62)],
    ['a'.repeat(70), 'a'.repeat(63)],
  ])('%s → %s', (title, name) => {
    expect(entityNameFromTitle(title)).toBe(name);
  });
});

describe('buildAgentEntityFromThreatModel', () => {
  const { document } = parseThreatModelDocument(
    documentText({ layers: ['Not certain from the listing — one.', 'Two.'] }),
  );

  it('builds an AiResource agent with string annotations', () => {
    const entity = buildAgentEntityFromThreatModel(document, {
      owner: 'group:default/team',
      lifecycle: 'experimental',
      cvssBase: '7.5',
      threatMultiplier: 'poc',
      mitigationFactor: 'partial',
    });
    expect(entity.apiVersion).toBe('backstage.io/v1alpha1');
    expect(entity.kind).toBe('AiResource');
    expect(entity.spec).toEqual({
      type: 'agent',
      owner: 'group:default/team',
      lifecycle: 'experimental',
    });
    expect(entity.metadata.name).toBe('test-bot');
    expect(entity.metadata.title).toBe('Test Bot');
    expect(entity.metadata.description).toBe('Test Bot does things.');
    const a = entity.metadata.annotations;
    expect(a['aivss.owasp.org/opacity-reflexivity']).toBe('0.70');
    expect(a['aivss.owasp.org/cvss-base']).toBe('7.5');
    expect(a['aivss.owasp.org/threat-multiplier']).toBe('poc');
    expect(a['aivss.owasp.org/mitigation-factor']).toBe('partial');
    expect(a['maestro.cloudsecurityalliance.org/l1-foundation-models']).toBe(
      'One.',
    );
    expect(a['maestro.cloudsecurityalliance.org/l1-confidence']).toBe(
      'uncertain',
    );
    expect(a['maestro.cloudsecurityalliance.org/l2-data-operations']).toBe(
      'Two.',
    );
    expect(a).not.toHaveProperty([
      'maestro.cloudsecurityalliance.org/l2-confidence',
    ]);
    expect(a).not.toHaveProperty([
      'maestro.cloudsecurityalliance.org/l3-agent-frameworks',
    ]);
    expect(Object.values(a).every(v => typeof v === 'string')).toBe(true);
  });

  it('uses a given name and leaves out absent optional inputs', () => {
    const entity = buildAgentEntityFromThreatModel(document, {
      owner: 'unknown',
      lifecycle: 'production',
      name: 'custom-name',
    });
    expect(entity.metadata.name).toBe('custom-name');
    expect(entity.metadata.annotations).not.toHaveProperty([
      'aivss.owasp.org/cvss-base',
    ]);
    expect(entity.metadata.annotations).not.toHaveProperty([
      'aivss.owasp.org/threat-multiplier',
    ]);
  });
});
