import { AgentReach, InventoryTool, ServerToolInventory } from '../facts';
import {
  applyEvidence,
  describeFinding,
  emptyEvidenceFacts,
  EVIDENCE_RULES,
  evaluateEvidence,
  EvidenceFacts,
  getEvidenceRule,
  isUnderstatedFinding,
  MAX_FACTS_PER_FINDING,
} from '.';

function tool(
  name: string,
  annotations: InventoryTool['annotations'] = {},
): InventoryTool {
  return {
    name,
    title: null,
    description: null,
    annotations,
    firstSeenAt: '2026-12-01T00:00:00.000Z',
    changedAt: null,
    mayWrite: annotations.readOnlyHint !== true,
    mayDestroy: annotations.destructiveHint === true,
  };
}

function server(ref: string, tools: InventoryTool[]): ServerToolInventory {
  return { server: ref, listedAt: null, error: null, tools };
}

function reach(partial: Partial<AgentReach>): AgentReach {
  return {
    entities: [],
    bySystem: [],
    production: [],
    agents: [],
    hidden: 0,
    ...partial,
  };
}

function facts(partial: Partial<EvidenceFacts>): EvidenceFacts {
  return { ...emptyEvidenceFacts(), ...partial };
}

function rule(id: string) {
  const found = getEvidenceRule(id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

describe('evidence rules', () => {
  it('has the six rules of the spec, each with a factor and bound as the table says', () => {
    expect(EVIDENCE_RULES.map(r => [r.id, r.factor, r.bound])).toEqual([
      ['writes-through-tools', 'dynamic-tool-use', 0.5],
      ['destroys-through-tools', 'dynamic-tool-use', 0.8],
      ['talks-to-agents', 'multi-agent-interactions', 0.5],
      ['keeps-state', 'persistent-memory', 0.5],
      ['reaches-production', 'contextual-awareness', 0.5],
      ['unauthenticated-card', null, null],
    ]);
    expect(getEvidenceRule('no-such-rule')).toBeUndefined();
  });

  it('sees nothing in empty facts', () => {
    for (const r of EVIDENCE_RULES) {
      expect(r.saw(emptyEvidenceFacts())).toEqual([]);
    }
    expect(evaluateEvidence(emptyEvidenceFacts(), {})).toEqual([]);
  });

  describe('writes-through-tools', () => {
    const writes = rule('writes-through-tools');
    it('sees tools not marked read-only, with or without annotations', () => {
      const seen = writes.saw(
        facts({
          tools: [
            server('api:default/github-mcp', [
              tool('push_files', { readOnlyHint: false }),
              tool('search_code', { readOnlyHint: true }),
              tool('create_issue'),
            ]),
          ],
        }),
      );
      expect(seen).toEqual([
        "calls api:default/github-mcp's push_files, which may write",
        "calls api:default/github-mcp's create_issue, which may write",
      ]);
    });
    it('sees nothing when every tool is read-only', () => {
      expect(
        writes.saw(
          facts({
            tools: [
              server('api:default/docs-mcp', [
                tool('search', { readOnlyHint: true }),
              ]),
            ],
          }),
        ),
      ).toEqual([]);
    });
    it('is understated below 0.5 and not at exactly 0.5', () => {
      const f = facts({
        tools: [server('api:default/github-mcp', [tool('push_files')])],
      });
      expect(evaluateEvidence(f, { 'dynamic-tool-use': 0.1 })).toEqual([
        {
          rule: 'writes-through-tools',
          factor: 'dynamic-tool-use',
          bound: 0.5,
          declared: 0.1,
          facts: ["calls api:default/github-mcp's push_files, which may write"],
        },
      ]);
      expect(evaluateEvidence(f, { 'dynamic-tool-use': 0.5 })).toEqual([]);
    });
  });

  describe('destroys-through-tools', () => {
    const destroys = rule('destroys-through-tools');
    it('sees only tools marked destructive', () => {
      const f = facts({
        tools: [
          server('api:default/github-mcp', [
            tool('delete_repository', { destructiveHint: true }),
            tool('push_files'),
            tool('read', { readOnlyHint: true, destructiveHint: false }),
          ]),
        ],
      });
      expect(destroys.saw(f)).toEqual([
        "calls api:default/github-mcp's delete_repository, which may destroy",
      ]);
    });
    it('is understated between the two bounds, alone', () => {
      const f = facts({
        tools: [
          server('api:default/github-mcp', [
            tool('delete_repository', { destructiveHint: true }),
          ]),
        ],
      });
      const findings = evaluateEvidence(f, { 'dynamic-tool-use': 0.6 });
      expect(findings.map(x => x.rule)).toEqual(['destroys-through-tools']);
      expect(evaluateEvidence(f, { 'dynamic-tool-use': 0.8 })).toEqual([]);
      expect(
        evaluateEvidence(f, { 'dynamic-tool-use': 0.1 }).map(x => x.rule),
      ).toEqual(['writes-through-tools', 'destroys-through-tools']);
    });
  });

  describe('talks-to-agents', () => {
    const talks = rule('talks-to-agents');
    it('sees agents it reaches and agents that reach it', () => {
      expect(
        talks.saw(
          facts({
            reach: reach({ agents: ['airesource:default/triage'] }),
            reachedByAgents: 2,
          }),
        ),
      ).toEqual([
        'reaches airesource:default/triage',
        '2 other agents reach it',
      ]);
      expect(talks.saw(facts({ reachedByAgents: 1 }))).toEqual([
        'another agent reaches it',
      ]);
    });
    it('sees nothing without other agents, even with a reach', () => {
      expect(
        talks.saw(facts({ reach: reach({ production: ['component:a/b'] }) })),
      ).toEqual([]);
    });
  });

  describe('keeps-state', () => {
    const keeps = rule('keeps-state');
    it('sees databases, vector stores and caches', () => {
      expect(
        keeps.saw(
          facts({
            dependsOnResources: [
              { entityRef: 'resource:default/orders-db', type: 'database' },
              {
                entityRef: 'resource:default/embeddings',
                type: 'vector-store',
              },
              { entityRef: 'resource:default/sessions', type: 'cache' },
              { entityRef: 'resource:default/bucket', type: 's3-bucket' },
              { entityRef: 'resource:default/unknown', type: null },
            ],
          }),
        ),
      ).toEqual([
        'depends on resource:default/orders-db, a database',
        'depends on resource:default/embeddings, a vector-store',
        'depends on resource:default/sessions, a cache',
      ]);
    });
    it('is case-exact on the type, as the catalog writes it', () => {
      expect(
        keeps.saw(
          facts({
            dependsOnResources: [
              { entityRef: 'resource:default/x', type: 'Database' },
            ],
          }),
        ),
      ).toEqual([]);
    });
  });

  describe('reaches-production', () => {
    const prod = rule('reaches-production');
    it('sees production entities it reaches', () => {
      expect(
        prod.saw(
          facts({
            reach: reach({ production: ['component:default/payments'] }),
          }),
        ),
      ).toEqual(['reaches component:default/payments (production)']);
    });
    it('sees nothing without a reach', () => {
      expect(prod.saw(facts({ reach: null }))).toEqual([]);
    });
  });

  describe('unauthenticated-card', () => {
    const card = rule('unauthenticated-card');
    it('sees a card without security schemes, or with an empty object', () => {
      expect(card.saw(facts({ isA2aCard: true }))).toEqual([
        'its agent card declares no security scheme',
      ]);
      expect(card.saw(facts({ isA2aCard: true, securitySchemes: {} }))).toEqual(
        ['its agent card declares no security scheme'],
      );
    });
    it('sees nothing with a scheme, or without a card', () => {
      expect(
        card.saw(
          facts({
            isA2aCard: true,
            securitySchemes: { oauth: { type: 'oauth2' } },
          }),
        ),
      ).toEqual([]);
      expect(card.saw(facts({ isA2aCard: false }))).toEqual([]);
    });
    it('is a finding without a bound, whatever is declared, and not understated', () => {
      const findings = evaluateEvidence(facts({ isA2aCard: true }), {
        'dynamic-tool-use': 1,
      });
      expect(findings).toEqual([
        {
          rule: 'unauthenticated-card',
          factor: null,
          bound: null,
          declared: null,
          facts: ['its agent card declares no security scheme'],
        },
      ]);
      expect(isUnderstatedFinding(findings[0])).toBe(false);
    });
  });

  it('treats a factor not declared as below the bound', () => {
    const findings = evaluateEvidence(
      facts({ reach: reach({ production: ['component:default/x'] }) }),
      {},
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'reaches-production', declared: null }),
    ]);
    expect(isUnderstatedFinding(findings[0])).toBe(true);
  });

  it('bounds the facts of one finding and counts the rest', () => {
    const tools = Array.from({ length: 25 }, (_, i) => tool(`t${i}`));
    const [finding] = evaluateEvidence(
      facts({ tools: [server('api:default/big', tools)] }),
      { 'dynamic-tool-use': 0 },
    );
    expect(finding.facts).toHaveLength(MAX_FACTS_PER_FINDING);
    expect(finding.facts[MAX_FACTS_PER_FINDING - 1]).toBe('and 16 more');
  });
});

describe('applyEvidence', () => {
  it('raises each understated factor to its highest bound and keeps the rest', () => {
    const declared = {
      'dynamic-tool-use': 0.1,
      'persistent-memory': 0.9,
      'autonomy-of-action': 0.3,
    };
    const findings = evaluateEvidence(
      facts({
        tools: [
          server('api:default/github-mcp', [
            tool('delete_repository', { destructiveHint: true }),
          ]),
        ],
        dependsOnResources: [
          { entityRef: 'resource:default/db', type: 'database' },
        ],
        isA2aCard: true,
      }),
      declared,
    );
    expect(applyEvidence(declared, findings)).toEqual({
      'dynamic-tool-use': 0.8,
      'persistent-memory': 0.9,
      'autonomy-of-action': 0.3,
    });
    expect(declared['dynamic-tool-use']).toBe(0.1);
  });

  it('fills a factor that was not declared with its bound', () => {
    expect(
      applyEvidence({}, [
        {
          rule: 'keeps-state',
          factor: 'persistent-memory',
          bound: 0.5,
          declared: null,
          facts: ['x'],
        },
      ]),
    ).toEqual({ 'persistent-memory': 0.5 });
  });

  it('never lowers a factor', () => {
    expect(
      applyEvidence({ 'dynamic-tool-use': 0.9 }, [
        {
          rule: 'writes-through-tools',
          factor: 'dynamic-tool-use',
          bound: 0.5,
          declared: 0.9,
          facts: ['x'],
        },
      ]),
    ).toEqual({ 'dynamic-tool-use': 0.9 });
  });
});

describe('describeFinding', () => {
  it('says the declared value, the first fact and the bound', () => {
    expect(
      describeFinding({
        rule: 'writes-through-tools',
        factor: 'dynamic-tool-use',
        bound: 0.5,
        declared: 0.1,
        facts: ["calls api:default/github-mcp's push_files, which may write"],
      }),
    ).toBe(
      "Declares dynamic tool use 0.1, but calls api:default/github-mcp's push_files, which may write: at least 0.5",
    );
  });
  it('counts further facts and says when nothing is declared', () => {
    expect(
      describeFinding({
        rule: 'keeps-state',
        factor: 'persistent-memory',
        bound: 0.5,
        declared: null,
        facts: ['depends on a', 'depends on b'],
      }),
    ).toBe(
      'Does not declare persistent memory, but depends on a (and 1 more fact): at least 0.5',
    );
  });
  it('states a finding without a bound as its fact', () => {
    expect(
      describeFinding({
        rule: 'unauthenticated-card',
        factor: null,
        bound: null,
        declared: null,
        facts: ['its agent card declares no security scheme'],
      }),
    ).toBe('Its agent card declares no security scheme');
  });
});
