/*
 * Fuzz: random annotation maps and specs through the processor in every
 * validation mode. It must never throw (a throwing processor stops the
 * entity's processing), must leave the entity's identity alone, and must agree
 * with the common core: an agent it passes is never scored as invalid.
 *
 * AGENT_RISK_FUZZ_RUNS / AGENT_RISK_FUZZ_SEED as in the backend's fuzz test.
 */
import fc from 'fast-check';
import { Entity } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import {
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  DEFAULT_AGENT_SELECTORS,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import {
  annotationMap,
  anyText,
} from '@agent-risk/plugin-agent-risk-common/testing';
import { CATALOG_VALIDATION_MODES } from '../config';
import { AgentRiskEntityProcessor } from './AgentRiskEntityProcessor';

const RUNS = Number(process.env.AGENT_RISK_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.AGENT_RISK_FUZZ_SEED ?? Date.now() % 2 ** 31);

const location: LocationSpec = { type: 'file', target: '/catalog/agents.yaml' };

// Annotation values are strings only (annotationMap): the catalog's schema
// policy rejects other values before processors run.
const text = anyText(30);

const entity: fc.Arbitrary<Entity> = fc
  .record({
    kind: fc.constantFrom('AiResource', 'Component'),
    annotations: fc.option(annotationMap, { nil: undefined }),
    dependsOn: fc.option(
      fc.oneof(
        fc.array(fc.oneof(text, fc.jsonValue()), { maxLength: 4 }),
        fc.jsonValue(),
      ),
      { nil: undefined },
    ),
    tools: fc.option(fc.jsonValue(), { nil: undefined }),
  })
  .map(e => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: e.kind,
    metadata: {
      name: 'fuzzed-agent',
      namespace: 'default',
      annotations: e.annotations as Record<string, string>,
    },
    spec: {
      type: e.kind === 'AiResource' ? 'agent' : 'ai-agent',
      owner: 'group:default/ai-platform',
      lifecycle: 'production',
      ...(e.dependsOn !== undefined ? { dependsOn: e.dependsOn } : {}),
      ...(e.tools !== undefined ? { tools: e.tools } : {}),
    },
  }));

describe('AgentRiskEntityProcessor fuzz', () => {
  it.each(CATALOG_VALIDATION_MODES)(
    `processes ${RUNS} random agents in %s mode without throwing`,
    async mode => {
      const processor = new AgentRiskEntityProcessor({
        agentSelectors: DEFAULT_AGENT_SELECTORS,
        mode,
      });
      await fc.assert(
        fc.asyncProperty(entity, async input => {
          const before = JSON.stringify(input);
          const emitted: CatalogProcessorResult[] = [];
          const result = (await processor.postProcessEntity(
            input,
            location,
            r => emitted.push(r),
          )) as AlphaEntity;
          expect(result.kind).toBe(input.kind);
          expect(result.metadata).toEqual(JSON.parse(before).metadata);
          const errors = emitted.flatMap(r =>
            r.type === 'error' ? [r.error.message] : [],
          );
          expect(errors.filter(message => !/\S/.test(message))).toEqual([]);
          const problemCount =
            mode === 'status'
              ? result.status?.items?.length ?? 0
              : errors.length;
          // What the catalog lets through, the backend must not score as invalid.
          const passed = mode !== 'off' && problemCount === 0;
          expect(passed && scoreEntity(input).status === 'invalid').toBe(false);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
  );
});
