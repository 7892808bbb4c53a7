import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  Entity,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  aiResourceEntityV1alpha1Validator,
  AlphaEntity,
  mcpServerApiEntityValidator,
} from '@backstage/catalog-model/alpha';
import {
  DEFAULT_AGENT_SELECTORS,
  getMaestroLayer,
  isAgentEntity,
  MAESTRO_LAYERS,
  scoreEntity,
  SEVERITIES,
  threatMitigationNote,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskEntityProcessor } from './processor/AgentRiskEntityProcessor';

/**
 * The example catalog is what a new user sees on first start, and other
 * tests (CLI, e2e) rely on its special cases, so it is checked like code.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const files = [
  'catalog-info.yaml',
  'examples/org.yaml',
  'examples/apis.yaml',
  'examples/systems.yaml',
  'examples/agents.yaml',
  'examples/imported-agents.yaml',
].filter(file => fs.existsSync(path.join(repoRoot, file)));

function load(file: string): Entity[] {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  return parseAllDocuments(text).map(doc => {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    return doc.toJS() as Entity;
  });
}

const entities = files.flatMap(load);
const ownAgents = load('examples/agents.yaml');
const agents = entities.filter(e => isAgentEntity(e, DEFAULT_AGENT_SELECTORS));
const byRef = new Map(
  entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
);

const kindValidators: Record<string, KindValidator[]> = {
  AiResource: [aiResourceEntityV1alpha1Validator],
  // Valid with and without the AI model module loaded.
  API: [apiEntityV1alpha1Validator, mcpServerApiEntityValidator],
  Component: [componentEntityV1alpha1Validator],
  Group: [groupEntityV1alpha1Validator],
  User: [userEntityV1alpha1Validator],
  System: [systemEntityV1alpha1Validator],
  Resource: [resourceEntityV1alpha1Validator],
  Location: [locationEntityV1alpha1Validator],
};

describe('example catalog', () => {
  it('loads the example files', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'examples/org.yaml',
        'examples/apis.yaml',
        'examples/agents.yaml',
      ]),
    );
    expect(ownAgents.length).toBeGreaterThanOrEqual(13);
  });

  it.each(entities.map(e => [stringifyEntityRef(e), e] as const))(
    '%s passes the catalog policies and its kind schema',
    async (_ref, entity) => {
      for (const policy of [
        new SchemaValidEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new FieldFormatEntityPolicy(),
      ]) {
        await expect(policy.enforce(entity)).resolves.toBeDefined();
      }
      const validators = kindValidators[entity.kind];
      expect(validators).toBeDefined();
      for (const validator of validators) {
        await expect(validator.check(entity)).resolves.toBe(true);
      }
    },
  );

  it('has no duplicate entities', () => {
    expect(byRef.size).toBe(entities.length);
  });

  it('resolves every owner, system, dependsOn and org reference', () => {
    const unresolved: string[] = [];
    const check = (from: Entity, value: unknown, defaultKind?: string) => {
      for (const ref of [value ?? []].flat() as string[]) {
        const target = stringifyEntityRef(
          parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
        ).toLocaleLowerCase('en-US');
        if (!byRef.has(target)) {
          unresolved.push(`${stringifyEntityRef(from)} -> ${ref}`);
        }
      }
    };
    for (const entity of entities) {
      const spec = (entity.spec ?? {}) as Record<string, unknown>;
      check(entity, spec.owner, 'Group');
      check(entity, spec.system, 'System');
      check(entity, spec.dependsOn);
      check(entity, spec.memberOf, 'Group');
      check(entity, spec.parent, 'Group');
      check(entity, spec.children, 'Group');
    }
    expect(unresolved).toEqual([]);
  });

  it('scores every example agent except the deliberate special cases', () => {
    const statuses = Object.fromEntries(
      ownAgents.map(agent => [agent.metadata.name, scoreEntity(agent).status]),
    );
    const {
      ['legacy-ticket-router']: malformed,
      ['sales-outreach-agent']: unfinished,
      ['prototype-research-agent']: unassessed,
      ...rest
    } = statuses;

    expect(malformed).toBe('invalid');
    expect(unfinished).toBe('incomplete');
    expect(unassessed).toBe('incomplete');
    expect(Object.keys(rest).length).toBeGreaterThanOrEqual(10);
    expect(
      Object.entries(rest).filter(([, status]) => status !== 'scored'),
    ).toEqual([]);
  });

  it('names the field behind each special case', () => {
    const errorsOf = (name: string) =>
      scoreEntity(ownAgents.find(a => a.metadata.name === name)!).errors.map(
        e => e.field,
      );

    expect(errorsOf('legacy-ticket-router')).toEqual([
      'aivss.owasp.org/autonomy-of-action',
    ]);
    expect(errorsOf('sales-outreach-agent')).toEqual([
      'aivss.owasp.org/persistent-memory',
    ]);
    expect(
      Object.keys(
        ownAgents.find(a => a.metadata.name === 'prototype-research-agent')!
          .metadata.annotations ?? {},
      ),
    ).toEqual([]);
  });

  it('spreads the scored agents over every severity band', () => {
    const severities = new Set(
      ownAgents.map(agent => scoreEntity(agent).severity),
    );
    for (const severity of SEVERITIES.filter(s => s !== 'none')) {
      expect(severities).toContain(severity);
    }
  });

  it('covers both agent kinds, CVSS vectors and numeric multipliers', () => {
    const annotations = ownAgents.map(a => a.metadata.annotations ?? {});
    expect(
      ownAgents.filter(a => a.kind === 'Component').length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      annotations.filter(a => 'aivss.owasp.org/cvss-vector' in a).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      annotations.some(a =>
        [
          'aivss.owasp.org/threat-multiplier',
          'aivss.owasp.org/mitigation-factor',
        ].some(key => /^\d/.test(a[key] ?? '')),
      ),
    ).toBe(true);
  });

  it('keeps the markup probe in the MCP gateway layer text for the e2e test', () => {
    const gateway = ownAgents.find(a => a.metadata.name === 'mcp-gateway')!;
    const text =
      gateway.metadata.annotations?.[getMaestroLayer('l7').textAnnotation];

    expect(text).toContain('<script>window.__agentRiskXss = true</script>');
    expect(text).toContain('[docs](javascript:alert(1))');
    expect(scoreEntity(gateway).status).toBe('scored');
  });

  it('shows catalog problems only on the two deliberately broken agents', async () => {
    const processor = new AgentRiskEntityProcessor({
      agentSelectors: DEFAULT_AGENT_SELECTORS,
      mode: 'status',
    });
    const flagged: string[] = [];
    for (const agent of ownAgents) {
      const result = (await processor.postProcessEntity(
        agent,
        { type: 'file', target: 'examples/agents.yaml' },
        () => {},
      )) as AlphaEntity;
      if (result.status?.items?.length) {
        flagged.push(agent.metadata.name);
      }
    }
    expect(flagged.sort()).toEqual([
      'legacy-ticket-router',
      'sales-outreach-agent',
    ]);
  });

  it('names threat ids on the imported agents’ assessed layers, so the demo shows how to mitigate them', () => {
    // The threat-model documents describe threats in prose; the import
    // script adds the ids their text supports (issue 22, item 17).
    const imported = load('examples/imported-agents.yaml');
    for (const name of [
      'codegen',
      'baz',
      'tradeos-ai',
      'athena',
      'healthcare-copilot',
    ]) {
      const agent = imported.find(e => e.metadata.name === name)!;
      const annotations = agent.metadata.annotations ?? {};
      const layers = MAESTRO_LAYERS.filter(l => annotations[l.textAnnotation]);
      expect(layers.length).toBeGreaterThan(0);
      for (const layer of layers) {
        const ids = (annotations[layer.threatsAnnotation] ?? '')
          .split(',')
          .map(id => id.trim())
          .filter(Boolean);
        expect({ agent: name, layer: layer.id, ids }).toEqual({
          agent: name,
          layer: layer.id,
          ids: expect.arrayContaining([expect.any(String)]),
        });
        for (const id of ids) {
          expect(threatMitigationNote(id)).toBeTruthy();
        }
      }
    }
  });

  it('only lists entities that the default selectors recognise as agents', () => {
    const agentRefs = new Set(agents.map(a => stringifyEntityRef(a)));
    expect(
      ownAgents
        .map(a => stringifyEntityRef(a))
        .filter(ref => !agentRefs.has(ref)),
    ).toEqual([]);
  });
});
