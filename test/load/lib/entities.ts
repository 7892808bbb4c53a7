import { Entity } from '@backstage/catalog-model';
import {
  AGENTIC_FACTORS,
  AIVSS_ANNOTATIONS,
  MAESTRO_LAYERS,
} from '@agent-risk/plugin-agent-risk-common';
import { SeededRandom } from './random';

/** Shape of the generated catalog (the brief's "realistic" mix). */
export const CATALOG_SHAPE = {
  owners: 200,
  systems: 30,
  lifecycles: ['production', 'experimental', 'deprecated'],
  /** Share of agents declared as `Component` / `ai-agent` instead of `AiResource` / `agent`. */
  componentAgentShare: 0.05,
  /** Non-agent entities added per agent, so the catalog filter has work to do. */
  nonAgentsPerAgent: 0.05,
  /** Reach (spec 9.1): per system, MCP servers provided by its components, and a resource. */
  reach: {
    /** Components per system, each providing one MCP server API; the last one is experimental. */
    componentsPerSystem: 3,
    /** MCP servers each agent dependsOn, at most. */
    maxServersPerAgent: 2,
    /** Share of agents that depend on their system's resource (a database or vector store). */
    resourceShare: 0.1,
    /** Share of agents that depend on another agent. */
    agentToAgentShare: 0.05,
  },
  incompleteShare: 0.03,
  invalidShare: 0.015,
  cvssVectorShare: 0.03,
} as const;

export interface GeneratedCatalog {
  entities: Entity[];
  agentCount: number;
  owners: string[];
  /** What the generator intended; the sync's statuses should match. */
  intended: { scored: number; incomplete: number; invalid: number };
}

const WORDS = [
  'triage',
  'support',
  'coder',
  'reviewer',
  'planner',
  'scout',
  'ledger',
  'billing',
  'ops',
  'search',
  'summary',
  'intake',
  'deploy',
  'audit',
  'sales',
  'hr',
  'legal',
  'research',
  'docs',
  'qa',
];
const NOUNS = ['Assistant', 'Agent', 'Copilot', 'Bot', 'Pilot', 'Helper'];

const LAYER_TEXT = [
  'Uses a hosted frontier model; prompt injection from retrieved pages reaches the planner.',
  'Reads customer tickets and internal wiki pages into a vector store refreshed nightly.',
  'Built on an open-source orchestration framework with tool calling and a retry loop.',
  'Runs as a container in the shared cluster with a service account scoped to one namespace.',
  'Traces are sampled at 10%; no evaluation suite runs before model upgrades.',
  'Access reviews are quarterly; secrets come from the platform vault.',
  'Talks to two partner agents over an internal message bus without mutual authentication.',
  'A tool failure in one step can cascade into repeated retries against production APIs.',
];
const THREAT_IDS = [
  'ASI01',
  'ASI02',
  'ASI03',
  'ASI04',
  'ASI05',
  'ASI06',
  'ASI07',
  'ASI08',
  'ASI09',
  'ASI10',
  'T1',
  'T2',
  'T3',
  'T5',
  'T6',
  'T9',
  'T11',
  'T13',
];
const CVSS_VECTORS = [
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N',
];

type Defect = 'none' | 'incomplete' | 'invalid';

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function annotationsFor(rng: SeededRandom, defect: Defect) {
  const annotations: Record<string, string> = {};
  // Capabilities cluster: an autonomous agent tends to score high on most factors.
  const level = rng.next();
  for (const factor of AGENTIC_FACTORS) {
    annotations[factor.annotation] = oneDecimal(
      clamp01(level + (rng.next() - 0.5) * 0.6),
    );
  }
  if (rng.next() < CATALOG_SHAPE.cvssVectorShare) {
    annotations[AIVSS_ANNOTATIONS.cvssVector] = rng.pick(CVSS_VECTORS);
  } else {
    annotations[AIVSS_ANNOTATIONS.cvssBase] = oneDecimal(1 + rng.next() * 8.9);
  }
  const threat = rng.weighted({
    absent: 40,
    attacked: 25,
    poc: 20,
    unreported: 10,
    number: 5,
  });
  if (threat === 'number') {
    annotations[AIVSS_ANNOTATIONS.threatMultiplier] = oneDecimal(
      0.5 + rng.next(),
    );
  } else if (threat !== 'absent') {
    annotations[AIVSS_ANNOTATIONS.threatMultiplier] = threat;
  }
  const mitigation = rng.weighted({
    absent: 30,
    none: 15,
    weak: 10,
    partial: 25,
    strong: 15,
    'adversarial-tested': 5,
  });
  if (mitigation !== 'absent') {
    annotations[AIVSS_ANNOTATIONS.mitigationFactor] = mitigation;
  }
  for (const layer of rng.sample(MAESTRO_LAYERS, 2 + rng.int(4))) {
    const uncertain = rng.next() < 0.3;
    const text = rng.pick(LAYER_TEXT);
    annotations[layer.textAnnotation] = uncertain
      ? `Not certain from the listing — ${text}`
      : text;
    if (uncertain) {
      annotations[layer.confidenceAnnotation] = 'uncertain';
    }
    const threats = rng.sample(THREAT_IDS, rng.int(4));
    if (threats.length > 0) {
      annotations[layer.threatsAnnotation] = threats.join(', ');
    }
  }

  if (defect === 'incomplete') {
    if (rng.next() < 0.6) {
      delete annotations[rng.pick(AGENTIC_FACTORS).annotation];
    } else {
      delete annotations[AIVSS_ANNOTATIONS.cvssBase];
      delete annotations[AIVSS_ANNOTATIONS.cvssVector];
    }
  } else if (defect === 'invalid') {
    switch (rng.int(4)) {
      case 0:
        annotations[rng.pick(AGENTIC_FACTORS).annotation] = '1.3';
        break;
      case 1:
        annotations[AIVSS_ANNOTATIONS.threatMultiplier] = '2.0';
        break;
      case 2:
        annotations[MAESTRO_LAYERS[0].threatsAnnotation] = 'ASI11';
        break;
      default:
        delete annotations[AIVSS_ANNOTATIONS.cvssVector];
        annotations[AIVSS_ANNOTATIONS.cvssBase] = '10.5';
    }
  }
  return annotations;
}

/**
 * Generates `agentCount` agent entities (plus a few non-agents) from a fixed
 * seed: ten factors in 0.1 steps, a CVSS base or vector, keyword
 * multipliers, two to five MAESTRO layers, ~200 owners, ~30 systems, three
 * lifecycles, and a few percent incomplete or invalid assessments.
 */
export function generateCatalog(
  agentCount: number,
  seed = 20260301,
): GeneratedCatalog {
  const rng = new SeededRandom(seed);
  const owners = Array.from(
    { length: CATALOG_SHAPE.owners },
    (_, i) => `group:default/team-${pad(i, 3)}`,
  );
  const systems = Array.from(
    { length: CATALOG_SHAPE.systems },
    (_, i) => `system-${pad(i, 2)}`,
  );
  const intended = { scored: 0, incomplete: 0, invalid: 0 };
  const entities: Entity[] = [];

  for (let i = 0; i < agentCount; i++) {
    const roll = rng.next();
    const defect: Defect =
      roll < CATALOG_SHAPE.incompleteShare
        ? 'incomplete'
        : roll < CATALOG_SHAPE.incompleteShare + CATALOG_SHAPE.invalidShare
        ? 'invalid'
        : 'none';
    intended[defect === 'none' ? 'scored' : defect] += 1;
    const word = rng.pick(WORDS);
    const owner = rng.pick(owners);
    const isComponent = rng.next() < CATALOG_SHAPE.componentAgentShare;
    const name = `${word}-agent-${pad(i, 6)}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: isComponent ? 'Component' : 'AiResource',
      metadata: {
        name,
        namespace: 'default',
        uid: `00000000-0000-4000-8000-${pad(i, 12)}`,
        etag: `etag-${i.toString(36)}`,
        title: `${word[0].toUpperCase()}${word.slice(1)} ${rng.pick(
          NOUNS,
        )} ${i}`,
        description: `Handles ${word} requests for ${owner.slice(
          'group:default/'.length,
        )}.`,
        tags: rng.sample(
          ['llm', 'rag', 'mcp', 'internal', 'customer-facing'],
          2,
        ),
        annotations: {
          'backstage.io/managed-by-location': `url:https://git.example.com/agents/${name}/catalog-info.yaml`,
          ...annotationsFor(rng, defect),
        },
      },
      spec: {
        type: isComponent ? 'ai-agent' : 'agent',
        // Half the owners are written short, as people do in catalog-info.yaml.
        owner: rng.next() < 0.5 ? owner : owner.slice('group:default/'.length),
        lifecycle: rng.pick(CATALOG_SHAPE.lifecycles),
        ...(rng.next() < 0.9 ? { system: rng.pick(systems) } : {}),
      },
      relations: [{ type: 'ownedBy', targetRef: owner }],
    });
  }

  entities.push(...reachGraph(entities, systems, owners, seed));

  const nonAgents = Math.round(agentCount * CATALOG_SHAPE.nonAgentsPerAgent);
  for (let i = 0; i < nonAgents; i++) {
    const isApi = i % 2 === 0;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: isApi ? 'API' : 'Component',
      metadata: { name: `${isApi ? 'tools-mcp' : 'service'}-${pad(i, 6)}` },
      spec: {
        type: isApi ? 'mcp-server' : 'service',
        owner: rng.pick(owners),
        lifecycle: 'production',
        ...(isApi ? { definition: 'openapi: 3.0.0' } : {}),
      },
    });
  }

  return { entities, agentCount, owners, intended };
}

const rel = (type: string, targetRef: string) => ({ type, targetRef });

/**
 * The catalog graph reach walks (spec 9.1): each system with its
 * components (each providing one MCP server API; production but the last)
 * and one resource, and on each agent `dependsOn` one or two servers,
 * sometimes its system's resource or another agent. Spec fields for a real
 * catalog, relations for one that takes entities as they are. Drawn from a
 * second random stream, so the agents' own attributes stay what they were.
 */
function reachGraph(
  agents: Entity[],
  systems: string[],
  owners: string[],
  seed: number,
): Entity[] {
  const rng = new SeededRandom(seed + 1);
  const shape = CATALOG_SHAPE.reach;
  const out: Entity[] = [];
  const servers: string[] = [];
  const resources: string[] = [];
  systems.forEach((system, s) => {
    const systemRef = `system:default/${system}`;
    const owner = owners[s % owners.length];
    const resourceName = `${system}-${s % 2 === 0 ? 'db' : 'vectors'}`;
    const resourceRef = `resource:default/${resourceName}`;
    resources.push(resourceRef);
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: system, namespace: 'default' },
      spec: { owner },
      relations: [rel('ownedBy', owner)],
    });
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: resourceName, namespace: 'default' },
      spec: {
        type: s % 2 === 0 ? 'database' : 'vector-store',
        owner,
        system,
      },
      relations: [rel('ownedBy', owner), rel('partOf', systemRef)],
    });
    for (let c = 0; c < shape.componentsPerSystem; c++) {
      const component = `${system}-server-${c}`;
      const componentRef = `component:default/${component}`;
      const api = `${system}-mcp-${c}`;
      const apiRef = `api:default/${api}`;
      servers.push(apiRef);
      const lifecycle =
        c === shape.componentsPerSystem - 1 ? 'experimental' : 'production';
      out.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: component, namespace: 'default' },
        spec: {
          type: 'service',
          lifecycle,
          owner,
          system,
          providesApis: [apiRef],
          dependsOn: c === 0 ? [resourceRef] : [],
        },
        relations: [
          rel('ownedBy', owner),
          rel('partOf', systemRef),
          rel('providesApi', apiRef),
          ...(c === 0 ? [rel('dependsOn', resourceRef)] : []),
        ],
      });
      out.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: { name: api, namespace: 'default' },
        spec: {
          type: 'mcp-server',
          lifecycle,
          owner,
          system,
          definition: 'openapi: 3.0.0',
        },
        relations: [
          rel('ownedBy', owner),
          rel('partOf', systemRef),
          rel('apiProvidedBy', componentRef),
        ],
      });
    }
  });
  agents.forEach((agent, i) => {
    const targets = new Set<string>();
    const count = 1 + rng.int(shape.maxServersPerAgent);
    for (let k = 0; k < count; k++) {
      targets.add(rng.pick(servers));
    }
    if (rng.next() < shape.resourceShare) {
      targets.add(rng.pick(resources));
    }
    if (i > 0 && rng.next() < shape.agentToAgentShare) {
      const other = agents[rng.int(i)];
      targets.add(
        `${other.kind.toLocaleLowerCase('en-US')}:default/${
          other.metadata.name
        }`,
      );
    }
    const dependsOn = [...targets];
    agent.spec = { ...agent.spec, dependsOn };
    agent.relations = [
      ...(agent.relations ?? []),
      ...dependsOn.map(target => rel('dependsOn', target)),
    ];
  });
  return out;
}
