import fs from 'node:fs';
import path from 'node:path';
import { scoreAnnotations } from '../domain/scoring';
import { A2A_ANNOTATIONS } from '../domain/annotations';
import { readDeclaredSecuritySchemes } from './agentCard';
import {
  detectAgentDocumentFormat,
  importAgentDocument,
  ImportAgentDocumentResult,
} from './importAgentDocument';

// Real (partly truncated) documents, copied from the shared examples.
const EXAMPLES_DIR = path.resolve(
  __dirname,
  '../../../../examples/threat-models',
);
const examples = (suffix: RegExp) =>
  fs
    .readdirSync(EXAMPLES_DIR)
    .filter(file => suffix.test(file))
    .sort();
const read = (file: string) =>
  fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');

const DIRECTORY_PAGES = examples(/\.directory-page\.txt$/);
const AGENT_CARDS = examples(/\.agent-card.*\.json$/);
const THREAT_MODELS = examples(/\.threat-model\.txt$/);

function expectOk(result: ImportAgentDocumentResult) {
  if (!result.ok) {
    throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  }
  return result;
}

/** The score a page publishes in its headline, read the way a person reads it. */
function publishedScore(page: string): number {
  const headline = /AIVSS (\d+\.\d) · \w+/.exec(page);
  if (!headline) throw new Error('the page has no headline');
  return Number(headline[1]);
}

describe('the example directory pages', () => {
  it('are there', () => {
    expect(DIRECTORY_PAGES.length).toBeGreaterThanOrEqual(2);
  });

  it.each(DIRECTORY_PAGES)(
    '%s imports and scores exactly what the page publishes',
    file => {
      const page = read(file);
      const result = expectOk(importAgentDocument(page));
      expect(result.format).toBe('directory-page');
      const score = scoreAnnotations(result.entity.metadata.annotations, {
        model: 'aivss-0.8',
      });
      expect(score.status).toBe('scored');
      expect(score.score).toBe(publishedScore(page));
      expect(result.warnings.map(w => w.field)).not.toContain('aivss');
    },
  );

  it.each(DIRECTORY_PAGES)(
    '%s keeps the figures as given, ignores the navigation and says what the cut-off page lacks',
    file => {
      const page = read(file);
      const result = expectOk(importAgentDocument(page));
      const { metadata } = result.entity;
      const rationale = page
        .split('\n')
        .find(line => line.startsWith('CVSS base'))!;
      expect(rationale).toContain(
        `CVSS base ${metadata.annotations['aivss.owasp.org/cvss-base']}`,
      );
      expect(rationale).toContain(
        `Threat ×${metadata.annotations['aivss.owasp.org/threat-multiplier']}`,
      );
      expect(rationale).toContain(
        `Mitigation ×${metadata.annotations['aivss.owasp.org/mitigation-factor']}`,
      );
      // The title line, not the "← NAME" navigation, names the agent.
      expect(page).toContain(`← ${metadata.title}`);
      expect(page).toContain(`${metadata.title} — agentic threat model`);
      expect(metadata.description).not.toMatch(/AIVSS \d/);
      // Both example pages are cut off inside L3.
      expect(result.warnings).toEqual(
        expect.arrayContaining([
          {
            field: 'layers',
            message:
              'no paragraph for L4, L5, L6, L7 (truncated?); imported L1, L2, L3',
          },
          expect.objectContaining({ field: 'layers.l3' }),
        ]),
      );
    },
  );

  it('reads the layer headings, their confidence and the paragraphs after them', () => {
    const result = expectOk(
      importAgentDocument(read('athena.directory-page.txt')),
    );
    const annotations = result.entity.metadata.annotations;
    expect(result.entity.metadata).toMatchObject({
      name: 'athena',
      title: 'Athena',
    });
    expect(
      annotations['maestro.cloudsecurityalliance.org/l1-foundation-models'],
    ).toMatch(/^Athena likely utilizes proprietary or commercial LLMs/);
    expect(annotations['maestro.cloudsecurityalliance.org/l1-confidence']).toBe(
      'uncertain',
    );
    expect(
      annotations['maestro.cloudsecurityalliance.org/l2-data-operations'],
    ).toMatch(/^Athena directly accesses/);
    expect(annotations).not.toHaveProperty([
      'maestro.cloudsecurityalliance.org/l2-confidence',
    ]);
    expect(annotations['aivss.owasp.org/autonomy-of-action']).toBe('0.50');
    expect(annotations['aivss.owasp.org/opacity-reflexivity']).toBe('0.50');
  });

  it('takes a heading that says "not certain" as uncertain even without the paragraph marker', () => {
    const result = expectOk(
      importAgentDocument(read('healthcare-copilot.directory-page.txt')),
    );
    const annotations = result.entity.metadata.annotations;
    expect(annotations['maestro.cloudsecurityalliance.org/l3-confidence']).toBe(
      'uncertain',
    );
    expect(
      annotations['maestro.cloudsecurityalliance.org/l3-agent-frameworks'],
    ).toMatch(/^The orchestration framework is not specified/);
  });

  describe('a page cut off in the paragraph of a layer tagged "⚠ not certain from listing"', () => {
    const page = read('healthcare-copilot.directory-page.txt');
    // The page as far as the L3 heading, which is tagged not certain.
    const heading = 'L3 · Agent Frameworks⚠ not certain from listing';
    const upToL3 = page.slice(0, page.indexOf(heading));
    const L3 = 'maestro.cloudsecurityalliance.org/l3-agent-frameworks';
    const L3_CONFIDENCE = 'maestro.cloudsecurityalliance.org/l3-confidence';
    const L2 = 'maestro.cloudsecurityalliance.org/l2-data-operations';

    it.each([
      [
        'inside the marker',
        `${heading}\n\nNot certain from the lis`,
        'Not certain from the lis',
      ],
      [
        'right after the marker',
        `${heading}\n\nNot certain from the listing — `,
        'Not certain from the listing —',
      ],
      [
        'after a few words',
        `${heading}\n\nNot certain from the listing — the orch`,
        'The orch',
      ],
      [
        'with the paragraph run onto the heading line',
        `${heading}Not certain from the listing — the orchestration framework is not specified. Threats include insecure integration with Electronic Health R`,
        'The orchestration framework is not specified. Threats include insecure integration with Electronic Health R',
      ],
      [
        'with a space between heading and paragraph on one line, no paragraph marker',
        'L3 · Agent Frameworks ⚠ not certain from listing The orchestration framework is not specified. Threats include insecure integration with Electronic Health R',
        'The orchestration framework is not specified. Threats include insecure integration with Electronic Health R',
      ],
    ])(
      '%s: keeps L3 as uncertain with the text that is there',
      (_, end, text) => {
        const result = expectOk(importAgentDocument(`${upToL3}${end}`));
        const annotations = result.entity.metadata.annotations;
        expect(annotations[L3]).toBe(text);
        expect(annotations[L3_CONFIDENCE]).toBe('uncertain');
        // L2's paragraph ends where it ended: nothing of L3 joins it.
        expect(annotations[L2]).toMatch(
          /embedding inversion attacks on patient records\.$/,
        );
        expect(result.warnings).toEqual(
          expect.arrayContaining([
            {
              field: 'layers',
              message:
                'no paragraph for L4, L5, L6, L7 (truncated?); imported L1, L2, L3',
            },
            {
              field: 'layers.l3',
              message:
                'the L3 paragraph ends mid-sentence (truncated page?); imported as it is',
            },
          ]),
        );
        // Still the page's published score: layers are not score inputs.
        expect(result.warnings.map(w => w.field)).not.toContain('aivss');
      },
    );

    it('says L3 has no paragraph when the page ends at its heading', () => {
      const result = expectOk(importAgentDocument(`${upToL3}${heading}\n\n`));
      expect(result.entity.metadata.annotations).not.toHaveProperty([L3]);
      expect(result.entity.metadata.annotations).not.toHaveProperty([
        L3_CONFIDENCE,
      ]);
      expect(result.warnings).toContainEqual({
        field: 'layers',
        message:
          'no paragraph for L3, L4, L5, L6, L7 (truncated?); imported L1, L2',
      });
    });
  });

  it('lets given values override the page and then warns that the score differs', () => {
    const page = read('athena.directory-page.txt');
    const result = expectOk(
      importAgentDocument(page, { cvssBase: '9.0', mitigationFactor: 'none' }),
    );
    expect(result.entity.metadata.annotations).toMatchObject({
      'aivss.owasp.org/cvss-base': '9.0',
      'aivss.owasp.org/mitigation-factor': 'none',
      'aivss.owasp.org/threat-multiplier': '1.0',
    });
    // C 9.0, S 3.2, T 1.0, M 1.0 → 9.0 + 0.32 = 9.32 → 9.3.
    expect(result.warnings).toContainEqual({
      field: 'aivss',
      message: `the imported agent scores 9.3 under aivss-0.8, but the page publishes ${publishedScore(
        page,
      )}`,
    });
  });

  it('warns when the published score or factor sum disagrees with the factors', () => {
    const page = read('athena.directory-page.txt').replace(
      'Autonomy of Action\n0.50',
      'Autonomy of Action\n0.90',
    );
    const result = expectOk(importAgentDocument(page));
    const fields = result.warnings.map(w => w.field);
    expect(fields).toContain('aivss');
    expect(result.warnings).toContainEqual({
      field: 'factors',
      message:
        'the factor values add up to 3.6, but the page states a factor sum of 3.2',
    });
  });

  it('imports a page cut off before the factors with what is there, and says what is missing', () => {
    const page = read('athena.directory-page.txt');
    const cut = page.slice(0, page.indexOf('Dynamic Tool Use'));
    const result = expectOk(
      importAgentDocument(cut, { format: 'directory-page' }),
    );
    const annotations = result.entity.metadata.annotations;
    expect(annotations['aivss.owasp.org/self-modification']).toBe('0.00');
    expect(annotations).not.toHaveProperty([
      'aivss.owasp.org/dynamic-tool-use',
    ]);
    const messages = result.warnings.map(w => `${w.field}: ${w.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^factors: the page has no value for "Dynamic tool use", .*"Opacity and reflexivity"/,
        ),
        expect.stringMatching(
          /^layers: no paragraph for L1, .*L7 \(truncated\?\); imported none$/,
        ),
        expect.stringMatching(
          /^aivss: cannot check the published AIVSS 6\.6: the imported agent is incomplete$/,
        ),
      ]),
    );
  });

  it('takes a factor name the page is cut off after as absent, not as wrong', () => {
    const page = read('athena.directory-page.txt');
    const cut = page.slice(0, page.indexOf('0.40\nPersistent Memory'));
    const result = expectOk(importAgentDocument(cut));
    expect(result.entity.metadata.annotations).not.toHaveProperty([
      'aivss.owasp.org/dynamic-tool-use',
    ]);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        field: 'factors',
        message: expect.stringMatching(
          /^the page has no value for "Dynamic tool use",/,
        ),
      }),
    );
  });

  it('refuses a page without a title line unless a name is given', () => {
    const page = read('athena.directory-page.txt').replace(
      'Athena — agentic threat model',
      'Athena',
    );
    const refused = importAgentDocument(page);
    expect(refused).toMatchObject({
      ok: false,
      format: 'directory-page',
      errors: [{ field: 'title' }],
    });
    const named = expectOk(importAgentDocument(page, { name: 'athena' }));
    expect(named.entity.metadata.name).toBe('athena');
  });

  it('names a factor whose value is unreadable or out of range', () => {
    const page = read('athena.directory-page.txt')
      .replace('Goal-Driven Planning\n0.30', 'Goal-Driven Planning\nhigh')
      .replace('Dynamic Identity\n0.30', 'Dynamic Identity\n1.30');
    const result = importAgentDocument(page);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map(e => e.field)).toEqual([
      'factors.goal-driven-planning',
      'factors.dynamic-identity',
    ]);
  });

  it('refuses a CVSS base the annotation parser refuses, naming the annotation', () => {
    const page = read('athena.directory-page.txt').replace(
      'CVSS base 7.5AARS',
      'CVSS base 7.55AARS',
    );
    const result = importAgentDocument(page);
    expect(result).toMatchObject({ ok: false, format: 'directory-page' });
    expect(!result.ok && result.errors).toEqual([
      {
        field: 'aivss.owasp.org/cvss-base',
        message: expect.stringMatching(/at most 1 decimal place/),
      },
    ]);
  });

  it('reads the rationale figures on separate lines and factor values on the name line too', () => {
    const page = [
      'Tiny — agentic threat model',
      'AIVSS 7.8 · High',
      'Tiny does little.',
      'OWASP AIVSS score rationale',
      'CVSS base 7.5',
      'Factor sum 1.1/10',
      'Threat ×1.0',
      'Mitigation ×1.0',
      'Autonomy of Action 0.20',
      'Goal-Driven Planning\t0.10',
      'Self-Modification0.00',
      ...[
        'Dynamic Tool Use',
        'Persistent Memory',
        'Contextual Awareness',
        'Dynamic Identity',
        'Multi-Agent Interactions',
        'Non-Determinism',
        'Opacity & Reflexivity',
      ].flatMap(name => [name, '0.11']),
      'MAESTRO 7-layer threat model',
      'L1 · Foundation Models✓ mapped',
      'Uses a hosted model.',
    ].join('\n');
    const result = expectOk(importAgentDocument(page));
    expect(result.warnings.map(w => w.field)).not.toContain('aivss');
    expect(scoreAnnotations(result.entity.metadata.annotations).score).toBe(
      7.8,
    );
  });
});

describe('the example agent cards', () => {
  it('are there, in both protocol versions', () => {
    expect(AGENT_CARDS.length).toBeGreaterThanOrEqual(2);
    const texts = AGENT_CARDS.map(read);
    expect(texts.some(t => t.includes('"supportedInterfaces"'))).toBe(true);
    expect(texts.some(t => t.includes('"preferredTransport"'))).toBe(true);
  });

  it.each(AGENT_CARDS)(
    '%s imports as an incomplete agent whose skills are in its description and tags',
    file => {
      const card = JSON.parse(read(file));
      const result = expectOk(importAgentDocument(read(file)));
      expect(result.format).toBe('agent-card');
      const { entity } = result;
      expect(entity).toMatchObject({
        kind: 'AiResource',
        metadata: { title: card.name },
        spec: { type: 'agent' },
      });
      expect(scoreAnnotations(entity.metadata.annotations).status).toBe(
        'incomplete',
      );
      for (const skill of card.skills) {
        expect(entity.metadata.description).toContain(
          `- ${skill.name}: ${skill.description}`,
        );
        expect(entity.metadata.tags).toContain(skill.id);
        for (const tag of skill.tags) {
          expect(entity.metadata.tags).toContain(tag);
        }
      }
      for (const tag of entity.metadata.tags ?? []) {
        expect(tag).toMatch(/^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/);
        expect(tag.length).toBeLessThanOrEqual(63);
      }
      const endpoints = card.supportedInterfaces ?? [card];
      for (const endpoint of endpoints) {
        expect(entity.metadata.links).toContainEqual(
          expect.objectContaining({ url: endpoint.url, type: 'a2a-endpoint' }),
        );
      }
      expect(result.warnings.map(w => w.field)).toEqual(['assessment']);
    },
  );

  it('keeps the provider, documentation and declared security schemes of a 0.3 card', () => {
    const text = read('invoice-triage.agent-card.json');
    const card = JSON.parse(text);
    const { entity } = expectOk(importAgentDocument(text));
    expect(entity.metadata.name).toBe('invoice-triage-agent');
    expect(entity.metadata.links).toEqual([
      {
        url: card.url,
        title: 'A2A endpoint (JSONRPC, 0.3.0)',
        type: 'a2a-endpoint',
      },
      {
        url: card.provider.url,
        title: card.provider.organization,
        type: 'provider',
      },
      {
        url: card.documentationUrl,
        title: 'Documentation',
        type: 'documentation',
      },
    ]);
    expect(readDeclaredSecuritySchemes(entity.metadata.annotations)).toEqual(
      card.securitySchemes,
    );
    expect(
      JSON.parse(
        entity.metadata.annotations[A2A_ANNOTATIONS.securityRequirements],
      ),
    ).toEqual(card.security);
  });

  it('reads the 1.0 interfaces and securityRequirements', () => {
    const card = JSON.parse(read('research-concierge.agent-card.v1.json'));
    card.securitySchemes = {
      bearer: { httpAuthSecurityScheme: { scheme: 'Bearer' } },
    };
    card.securityRequirements = [{ schemes: { bearer: { list: [] } } }];
    const { entity } = expectOk(importAgentDocument(JSON.stringify(card)));
    expect(entity.metadata.links).toEqual([
      {
        url: card.supportedInterfaces[0].url,
        title: 'A2A endpoint (HTTP+JSON, 1.0)',
        type: 'a2a-endpoint',
      },
    ]);
    expect(readDeclaredSecuritySchemes(entity.metadata.annotations)).toEqual(
      card.securitySchemes,
    );
    expect(
      JSON.parse(
        entity.metadata.annotations[A2A_ANNOTATIONS.securityRequirements],
      ),
    ).toEqual(card.securityRequirements);
  });

  it('turns free-text skill ids and tags into valid catalog tags', () => {
    const card = JSON.parse(read('research-concierge.agent-card.v1.json'));
    card.skills = [
      {
        id: 'Answer_From Wiki!',
        name: 'Answer',
        tags: ['C#', 'Ünïcode tag', '---', 'x'.repeat(80)],
      },
    ];
    const { entity } = expectOk(importAgentDocument(JSON.stringify(card)));
    expect(entity.metadata.tags).toEqual([
      'answer-from-wiki',
      'c#',
      'unicode-tag',
      'x'.repeat(63),
    ]);
    expect(entity.metadata.description).toMatch(/\n- Answer$/);
  });

  it.each([
    [{ name: 7 }, 'name', 'must be a non-empty string, got 7'],
    [{ skills: 'all' }, 'skills', 'must be a list, got "all"'],
    [{ skills: [{ id: 'a' }] }, 'skills[0].name', 'is required'],
    [
      { skills: [{ id: 'a', name: 'A', tags: [1] }] },
      'skills[0].tags',
      'must be a list of strings, got a list',
    ],
    [
      {
        supportedInterfaces: [
          // eslint-disable-next-line no-script-url
          { url: 'javascript:alert(1)', protocolBinding: 'JSONRPC' },
        ],
      },
      'supportedInterfaces[0].url',
      'must be an http or https URL, got "javascript:alert(1)"',
    ],
    [
      { supportedInterfaces: [] },
      'supportedInterfaces',
      'must list at least one interface',
    ],
    [
      { supportedInterfaces: undefined },
      'supportedInterfaces',
      'is required: a card names its endpoints in supportedInterfaces (A2A 1.0) or url (A2A 0.3)',
    ],
    [
      { provider: { organization: 'X', url: 'https://u:p@example.com' } },
      'provider.url',
      'must not carry credentials',
    ],
    [
      { securitySchemes: ['oauth'] },
      'securitySchemes',
      'must be an object of named schemes, got a list',
    ],
  ])('refuses a card with %j, naming %s', (change, field, message) => {
    const card = {
      ...JSON.parse(read('research-concierge.agent-card.v1.json')),
      ...change,
    };
    const result = importAgentDocument(JSON.stringify(card));
    expect(result).toMatchObject({ ok: false, format: 'agent-card' });
    expect(!result.ok && result.errors).toContainEqual({ field, message });
  });

  it('refuses a card that is not JSON or not an object', () => {
    expect(importAgentDocument('{ "name": ')).toMatchObject({
      ok: false,
      errors: [
        { field: 'card', message: expect.stringMatching(/^is not valid JSON/) },
      ],
    });
    expect(importAgentDocument('[1]', { format: 'agent-card' })).toMatchObject({
      ok: false,
      errors: [{ field: 'card', message: 'must be a JSON object, got a list' }],
    });
  });

  it('imports a card without the protocol fields the import does not need, with warnings', () => {
    const card = JSON.parse(read('research-concierge.agent-card.v1.json'));
    delete card.capabilities;
    delete card.defaultInputModes;
    const result = expectOk(importAgentDocument(JSON.stringify(card)));
    expect(result.warnings.map(w => w.field)).toEqual([
      'capabilities',
      'defaultInputModes',
      'assessment',
    ]);
  });
});

describe('format detection', () => {
  it.each([
    ...DIRECTORY_PAGES.map(file => [file, 'directory-page'] as const),
    ...AGENT_CARDS.map(file => [file, 'agent-card'] as const),
    ...THREAT_MODELS.map(file => [file, 'threat-model'] as const),
  ])('detects %s as %s', (file, format) => {
    expect(detectAgentDocumentFormat(read(file))).toBe(format);
  });

  it('keeps importing threat-model documents as before', () => {
    const result = expectOk(
      importAgentDocument(read('codegen.threat-model.txt'), {
        owner: 'group:default/developer-experience',
        cvssBase: '8.0',
      }),
    );
    expect(result.format).toBe('threat-model');
    expect(result.warnings).toEqual([]);
    expect(scoreAnnotations(result.entity.metadata.annotations).status).toBe(
      'scored',
    );
  });

  it('says what a threat-model document lacks', () => {
    const result = expectOk(importAgentDocument(read('baz.threat-model.txt')));
    expect(result.warnings).toEqual([
      {
        field: 'layers',
        message:
          'no paragraph for L6, L7 (truncated?); imported L1, L2, L3, L4, L5',
      },
      {
        field: 'aivss.owasp.org/cvss-base',
        message:
          'absent: the agent stays incomplete until aivss.owasp.org/cvss-base or cvss-vector is set',
      },
    ]);
  });

  it('imports a table-format page copied with its navigation ("← NAME") like the document without it', () => {
    const text = read('codegen.threat-model.txt');
    const copied = `AgentReadyHomeAgent Listing\n\n← Codegen\n\n${text}`;
    expect(detectAgentDocumentFormat(copied)).toBe('threat-model');
    const options = { owner: 'group:default/team-a', cvssBase: '8.0' };
    const result = expectOk(importAgentDocument(copied, options));
    expect(result.format).toBe('threat-model');
    expect(result.warnings).toEqual([]);
    expect(result.entity).toEqual(
      expectOk(importAgentDocument(text, options)).entity,
    );
    expect(result.entity.metadata).toMatchObject({
      name: 'codegen',
      title: 'Codegen',
    });
  });

  it('refuses text in no known format, and too much text', () => {
    expect(importAgentDocument('hello\nworld')).toMatchObject({
      ok: false,
      errors: [{ field: 'format' }],
    });
    expect(importAgentDocument('x'.repeat(1024 * 1024 + 1))).toMatchObject({
      ok: false,
      errors: [{ field: 'document' }],
    });
  });

  it('honours a forced format', () => {
    const result = importAgentDocument(read('athena.directory-page.txt'), {
      format: 'threat-model',
    });
    // The threat-model reader skips the navigation too, but wants factor table rows.
    expect(result).toMatchObject({ ok: false, format: 'threat-model' });
    expect(!result.ok && result.errors.map(e => e.field)).toEqual([
      'factors.autonomy-of-action',
      'factors.goal-driven-planning',
      'factors.self-modification',
      'factors.dynamic-tool-use',
      'factors.persistent-memory',
      'factors.contextual-awareness',
      'factors.dynamic-identity',
      'factors.multi-agent-interactions',
      'factors.non-determinism',
      'factors.opacity-reflexivity',
    ]);
  });

  it.each([
    ['a layer heading', `L1 · ${'x'.repeat(200_000)}`],
    ['a factor line', `Autonomy ${' '.repeat(200_000)}x`],
  ])('reads a 200 kB line that starts like %s in linear time', (_, line) => {
    const started = Date.now();
    importAgentDocument(
      [
        'A — agentic threat model',
        'AIVSS 1.0 · Low',
        'OWASP AIVSS score rationale',
        line,
        'MAESTRO 7-layer threat model',
        line,
      ].join('\n'),
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
