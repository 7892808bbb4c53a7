import { Entity } from '@backstage/catalog-model';
import {
  AGENTIC_FACTORS,
  AIVSS_ANNOTATIONS,
  MAESTRO_LAYERS,
} from '@agent-risk/plugin-agent-risk-common';

export interface TestAgentOptions {
  name: string;
  kind?: 'AiResource' | 'Component';
  namespace?: string;
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  /** One value for all ten factors, or undefined to leave them out (incomplete). */
  factor?: string;
  cvssBase?: string;
  threatMultiplier?: string;
  mitigationFactor?: string;
  extraAnnotations?: Record<string, string>;
}

/** A realistic agent entity whose assessment uses the common package's annotation keys. */
export function agentEntity(options: TestAgentOptions): Entity {
  const annotations: Record<string, string> = {};
  if (options.factor !== undefined) {
    for (const factor of AGENTIC_FACTORS) {
      annotations[factor.annotation] = options.factor;
    }
  }
  if (options.cvssBase !== undefined) {
    annotations[AIVSS_ANNOTATIONS.cvssBase] = options.cvssBase;
  }
  if (options.threatMultiplier !== undefined) {
    annotations[AIVSS_ANNOTATIONS.threatMultiplier] = options.threatMultiplier;
  }
  if (options.mitigationFactor !== undefined) {
    annotations[AIVSS_ANNOTATIONS.mitigationFactor] = options.mitigationFactor;
  }
  const [l1, l3] = [MAESTRO_LAYERS[0], MAESTRO_LAYERS[2]];
  annotations[l1.textAnnotation] =
    'Uses a hosted frontier model; prompt injection reaches the planner.';
  annotations[l3.textAnnotation] =
    'Not certain from the listing — tool calls run without review.';
  annotations[l3.confidenceAnnotation] = 'uncertain';
  annotations[l3.threatsAnnotation] = 'ASI02, T2';
  const kind = options.kind ?? 'AiResource';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: options.name,
      namespace: options.namespace ?? 'default',
      ...(options.title ? { title: options.title } : {}),
      annotations: { ...annotations, ...options.extraAnnotations },
    },
    spec: {
      type: kind === 'AiResource' ? 'agent' : 'ai-agent',
      owner: options.owner ?? 'group:default/ai-platform',
      lifecycle: options.lifecycle ?? 'production',
      ...(options.system ? { system: options.system } : {}),
    },
  };
}

/** The registry tests' agent, Invoice Helper of AI Platform, with overrides. */
export const registryTestAgent = (overrides: Partial<TestAgentOptions> = {}) =>
  agentEntity({
    name: 'invoice-helper',
    title: 'Invoice Helper',
    factor: '0.4',
    cvssBase: '6.5',
    owner: 'group:default/ai-platform',
    ...overrides,
  });

/**
 * A catalog with scored, incomplete and invalid agents plus entities that are
 * not agents: two owner groups and a system with display names, a service
 * and an API. The owner group:default/security has no entity.
 */
export function sampleCatalog(): Entity[] {
  return [
    agentEntity({
      name: 'support-bot',
      title: 'Support Bot',
      factor: '0.5',
      cvssBase: '7.5',
      system: 'helpdesk',
    }),
    agentEntity({
      name: 'code-fixer',
      title: 'Code Fixer',
      factor: '0.9',
      cvssBase: '9.1',
      threatMultiplier: 'attacked',
      owner: 'payments',
    }),
    agentEntity({
      name: 'report-writer',
      factor: '0.2',
      cvssBase: '4.0',
      mitigationFactor: 'strong',
      lifecycle: 'experimental',
    }),
    agentEntity({
      name: 'triage-agent',
      kind: 'Component',
      factor: '0.5',
      cvssBase: '7.5',
      owner: 'group:default/security',
    }),
    agentEntity({
      name: 'ops-pilot',
      title: '=HYPERLINK("http://evil")',
      factor: '0.7',
      cvssBase: '6.0',
      owner: 'payments',
    }),
    agentEntity({ name: 'draft-agent', owner: 'payments' }),
    agentEntity({
      name: 'broken-agent',
      factor: '2',
      cvssBase: '5.0',
      owner: 'group:default/security',
    }),
    agentEntity({
      name: 'low-agent',
      title: 'Low, "quiet" agent',
      factor: '0',
      cvssBase: '1.0',
      threatMultiplier: 'unreported',
    }),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'ai-platform', namespace: 'default' },
      spec: {
        type: 'team',
        profile: { displayName: 'AI Platform' },
        children: [],
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'helpdesk', namespace: 'default', title: 'Help Desk' },
      spec: { owner: 'group:default/ai-platform' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'plain-service', namespace: 'default' },
      spec: {
        type: 'service',
        owner: 'group:default/ai-platform',
        lifecycle: 'production',
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'search-mcp', namespace: 'default' },
      spec: {
        type: 'mcp-server',
        owner: 'group:default/ai-platform',
        lifecycle: 'production',
        definition: '',
      },
    },
  ];
}
