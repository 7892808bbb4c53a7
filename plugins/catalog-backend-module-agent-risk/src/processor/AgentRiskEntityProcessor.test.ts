import { ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { ConfigReader } from '@backstage/config';
import {
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  AGENTIC_FACTORS,
  AIVSS_ANNOTATIONS,
  DEFAULT_AGENT_SELECTORS,
} from '@agent-risk/plugin-agent-risk-common';
import { maestroAnnotation } from '@agent-risk/plugin-agent-risk-common/testing';
import { CatalogValidationMode } from '../config';
import { AgentRiskEntityProcessor } from './AgentRiskEntityProcessor';

const location: LocationSpec = { type: 'file', target: '/catalog/agents.yaml' };

function completeAssessment(): Record<string, string> {
  const annotations: Record<string, string> = {};
  AGENTIC_FACTORS.forEach((factor, i) => {
    annotations[factor.annotation] = String((i % 10) / 10);
  });
  annotations[AIVSS_ANNOTATIONS.cvssBase] = '7.5';
  annotations[maestroAnnotation('l1-threats')] = 'ASI01,T2';
  return annotations;
}

function agent(overrides: {
  kind?: string;
  type?: string;
  annotations?: Record<string, unknown>;
  spec?: Record<string, unknown>;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: overrides.kind ?? 'AiResource',
    metadata: {
      name: 'pr-review-agent',
      namespace: 'default',
      annotations: overrides.annotations as Record<string, string>,
    },
    spec: {
      type: overrides.type ?? 'agent',
      lifecycle: 'production',
      owner: 'group:default/ai-platform',
      ...overrides.spec,
    },
  };
}

async function run(entity: Entity, mode: CatalogValidationMode = 'status') {
  const processor = new AgentRiskEntityProcessor({
    agentSelectors: DEFAULT_AGENT_SELECTORS,
    mode,
  });
  const emitted: CatalogProcessorResult[] = [];
  const result = (await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  )) as AlphaEntity;
  return {
    result,
    items: result.status?.items ?? [],
    errors: emitted.filter(r => r.type === 'error'),
    relations: emitted.flatMap(r =>
      r.type === 'relation' ? [r.relation] : [],
    ),
  };
}

describe('AgentRiskEntityProcessor', () => {
  describe('status mode (default)', () => {
    it('reports a malformed value as a processing status item naming the field', async () => {
      const annotations = {
        ...completeAssessment(),
        'aivss.owasp.org/autonomy-of-action': 'high',
      };
      const { items, errors, result } = await run(agent({ annotations }));

      expect(errors).toEqual([]);
      expect(items).toHaveLength(1);
      expect(items[0]).toEqual({
        type: ENTITY_STATUS_CATALOG_PROCESSING_TYPE,
        level: 'error',
        message: expect.stringMatching(
          /^AgentRiskValidationError: aivss\.owasp\.org\/autonomy-of-action: must be a number from 0 to 1, got "high"$/,
        ),
        error: {
          name: 'AgentRiskValidationError',
          message: expect.stringMatching(
            /^aivss\.owasp\.org\/autonomy-of-action: /,
          ),
        },
      });
      // The entity itself keeps ingesting unchanged.
      expect(result.metadata).toEqual(agent({ annotations }).metadata);
    });

    it('reports every malformed value, including MAESTRO fields', async () => {
      const annotations = {
        ...completeAssessment(),
        [AIVSS_ANNOTATIONS.cvssBase]: '11',
        [AIVSS_ANNOTATIONS.mitigationFactor]: 'bulletproof',
        [maestroAnnotation('l2-confidence')]: 'sure',
        [maestroAnnotation('l7-threats')]: 'ASI99',
      };
      const { items } = await run(agent({ annotations }));

      expect(items.map(i => i.error?.message.split(':')[0]).sort()).toEqual(
        [
          AIVSS_ANNOTATIONS.cvssBase,
          AIVSS_ANNOTATIONS.mitigationFactor,
          maestroAnnotation('l2-confidence'),
          maestroAnnotation('l7-threats'),
        ].sort(),
      );
    });

    it('reports the missing inputs of a partial AIVSS assessment', async () => {
      const annotations = completeAssessment();
      delete annotations['aivss.owasp.org/persistent-memory'];
      delete annotations[AIVSS_ANNOTATIONS.cvssBase];
      const { items } = await run(agent({ annotations }));

      expect(items.map(i => i.error?.message.split(':')[0])).toEqual([
        'aivss.owasp.org/persistent-memory',
        AIVSS_ANNOTATIONS.cvssBase,
      ]);
    });

    it('does not report a missing CVSS input when the org assumes a base score', async () => {
      const annotations = completeAssessment();
      delete annotations[AIVSS_ANNOTATIONS.cvssBase];
      const processor = new AgentRiskEntityProcessor({
        agentSelectors: DEFAULT_AGENT_SELECTORS,
        mode: 'status',
        assumedCvssBase: 7,
      });
      const result = (await processor.postProcessEntity(
        agent({ annotations }),
        location,
        jest.fn(),
      )) as AlphaEntity;

      expect(result.status).toBeUndefined();
    });

    it('leaves a clean agent untouched', async () => {
      const entity = agent({ annotations: completeAssessment() });
      const { result, errors } = await run(entity);

      expect(result).toEqual(entity);
      expect(errors).toEqual([]);
    });

    it('reports nothing for an agent with no risk annotations, or only MAESTRO text', async () => {
      const bare = await run(
        agent({ annotations: { 'backstage.io/techdocs-ref': 'dir:.' } }),
      );
      const maestroOnly = await run(
        agent({
          annotations: {
            [maestroAnnotation('l1-foundation-models')]: 'GPT-class model',
          },
        }),
      );

      expect(bare.items).toEqual([]);
      expect(maestroOnly.items).toEqual([]);
    });

    it('ignores entities that are not agents', async () => {
      const annotations = { 'aivss.owasp.org/autonomy-of-action': 'high' };
      const service = agent({
        kind: 'Component',
        type: 'service',
        annotations,
      });
      const skill = agent({
        type: 'skill',
        annotations,
        spec: { dependsOn: ['api:x'] },
      });

      for (const entity of [service, skill]) {
        const { result, errors, relations } = await run(entity);
        expect(result).toBe(entity);
        expect(errors).toEqual([]);
        expect(relations).toEqual([]);
      }
    });

    it('validates Component agents too', async () => {
      const { items } = await run(
        agent({
          kind: 'Component',
          type: 'ai-agent',
          annotations: {
            ...completeAssessment(),
            [AIVSS_ANNOTATIONS.threatMultiplier]: '3',
          },
        }),
      );

      expect(items.map(i => i.error?.message.split(':')[0])).toEqual([
        AIVSS_ANNOTATIONS.threatMultiplier,
      ]);
    });

    it('keeps status items that the entity already carries', async () => {
      const existing = {
        type: 'example.com/other',
        level: 'info' as const,
        message: 'hello',
      };
      const entity = {
        ...agent({
          annotations: {
            ...completeAssessment(),
            [AIVSS_ANNOTATIONS.cvssBase]: 'x',
          },
        }),
        status: { items: [existing] },
      };
      const { items } = await run(entity);

      expect(items).toHaveLength(2);
      expect(items[0]).toEqual(existing);
    });
  });

  describe('reject mode', () => {
    it('emits one input error per problem and adds no status items', async () => {
      const annotations = {
        ...completeAssessment(),
        'aivss.owasp.org/autonomy-of-action': 'high',
        [AIVSS_ANNOTATIONS.cvssBase]: '7.55',
      };
      const { errors, items } = await run(agent({ annotations }), 'reject');

      expect(items).toEqual([]);
      expect(errors).toHaveLength(2);
      for (const error of errors) {
        if (error.type !== 'error') throw new Error('unreachable');
        expect(error.error.name).toBe('InputError');
        expect(error.location).toBe(location);
      }
      expect(
        errors.map(e => (e.type === 'error' ? e.error.message : '')),
      ).toEqual([
        expect.stringMatching(/^aivss\.owasp\.org\/autonomy-of-action: /),
        expect.stringMatching(
          /^aivss\.owasp\.org\/cvss-base: must have at most 1 decimal/,
        ),
      ]);
    });

    it('emits nothing for a clean agent', async () => {
      const { errors } = await run(
        agent({ annotations: completeAssessment() }),
        'reject',
      );
      expect(errors).toEqual([]);
    });
  });

  describe('off mode', () => {
    it('reports nothing but still emits tool relations', async () => {
      const entity = agent({
        annotations: { 'aivss.owasp.org/autonomy-of-action': 'high' },
        spec: { dependsOn: ['api:default/github-mcp', 'github-mcp'] },
      });
      const { result, errors, relations } = await run(entity, 'off');

      expect(result).toBe(entity);
      expect(errors).toEqual([]);
      expect(relations).toHaveLength(2);
    });
  });

  describe('tool relations', () => {
    it('emits dependsOn and dependencyOf for each tool of an AiResource agent', async () => {
      const { relations, items } = await run(
        agent({
          annotations: completeAssessment(),
          spec: {
            dependsOn: [
              'api:default/github-mcp',
              'api:jira-mcp',
              'API:default/github-mcp',
            ],
          },
        }),
      );
      const self = {
        kind: 'AiResource',
        namespace: 'default',
        name: 'pr-review-agent',
      };
      const github = { kind: 'api', namespace: 'default', name: 'github-mcp' };
      const jira = { kind: 'api', namespace: 'default', name: 'jira-mcp' };

      expect(items).toEqual([]);
      expect(relations).toEqual([
        { source: self, type: 'dependsOn', target: github },
        { source: github, type: 'dependencyOf', target: self },
        { source: self, type: 'dependsOn', target: jira },
        { source: jira, type: 'dependencyOf', target: self },
      ]);
    });

    it('inherits the agent namespace for references without one', async () => {
      const entity = agent({ spec: { dependsOn: 'api:github-mcp' } });
      entity.metadata.namespace = 'trading';
      const { relations } = await run(entity);

      expect(relations[0].target).toEqual({
        kind: 'api',
        namespace: 'trading',
        name: 'github-mcp',
      });
    });

    it('leaves Component agents to the built-in processor', async () => {
      const { relations } = await run(
        agent({
          kind: 'Component',
          type: 'ai-agent',
          spec: { dependsOn: ['api:github-mcp', 7] },
        }),
      );
      expect(relations).toEqual([]);
    });

    it('reports bad references as status items and keeps the good ones', async () => {
      const { relations, items } = await run(
        agent({
          spec: { dependsOn: ['github-mcp', 42, '', 'api:default/jira-mcp'] },
        }),
      );

      expect(relations).toHaveLength(2);
      expect(items.map(i => i.error?.message)).toEqual([
        'spec.dependsOn[0]: must be an entity reference with a kind, such as api:default/github-mcp, got "github-mcp"',
        'spec.dependsOn[1]: must be an entity reference such as api:default/github-mcp',
        'spec.dependsOn[2]: must be an entity reference such as api:default/github-mcp',
      ]);
    });

    it('reports a dependsOn that is not a list', async () => {
      const { items, relations } = await run(
        agent({ spec: { dependsOn: { api: 'github-mcp' } } }),
      );

      expect(relations).toEqual([]);
      expect(items.map(i => i.error?.message)).toEqual([
        'spec.dependsOn: must be a list of entity references',
      ]);
    });
  });

  it('never throws on garbage annotations or spec', async () => {
    const garbage: unknown[] = [
      null,
      42,
      'x',
      [],
      ['a'],
      { nested: { deep: true } },
      NaN,
    ];
    for (const value of garbage) {
      const annotations = Object.fromEntries(
        [
          ...AGENTIC_FACTORS.map(f => f.annotation),
          ...Object.values(AIVSS_ANNOTATIONS),
        ].map(key => [key, value]),
      );
      const entity = agent({ annotations, spec: { dependsOn: value } });
      await expect(run(entity)).resolves.toBeDefined();
      await expect(run(entity, 'reject')).resolves.toBeDefined();
    }
    const noMetadata = {
      apiVersion: 'x',
      kind: 'AiResource',
      spec: { type: 'agent' },
    } as unknown as Entity;
    await expect(run(noMetadata)).resolves.toBeDefined();
    const arrayAnnotations = agent({
      annotations: ['nope'] as unknown as Record<string, string>,
    });
    await expect(run(arrayAnnotations)).resolves.toBeDefined();
  });

  it('reads its options from config', async () => {
    const processor = AgentRiskEntityProcessor.fromConfig(
      new ConfigReader({
        agentRisk: {
          agents: [{ kind: 'Resource', type: 'llm-agent' }],
          catalogValidation: { mode: 'reject' },
        },
      }),
    );
    const emit = jest.fn();
    const entity = agent({
      kind: 'Resource',
      type: 'llm-agent',
      annotations: { 'aivss.owasp.org/autonomy-of-action': 'high' },
    });
    await processor.postProcessEntity(entity, location, emit);

    expect(emit).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'error' }),
    );
    expect(() =>
      AgentRiskEntityProcessor.fromConfig(
        new ConfigReader({
          agentRisk: { catalogValidation: { mode: 'loud' } },
        }),
      ),
    ).toThrow(
      'Invalid agentRisk.catalogValidation.mode "loud"; expected one of status, reject, off',
    );
  });
});
