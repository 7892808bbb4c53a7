import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AGENTIC_FACTORS,
  AgentListItem,
  AgentRiskRecord,
  scoreEntity,
  severityOf,
  ScoringModelId,
  scoreReason,
} from '@agent-risk/plugin-agent-risk-common';

/** Every factor annotation set to the same value. */
export const allFactors = (value: string): Record<string, string> =>
  Object.fromEntries(AGENTIC_FACTORS.map(f => [f.annotation, value]));

/**
 * The spec's first worked example: C 7.5, S 1.1 (ten factors at 0.1 plus one
 * at 0.2), T attacked, M none → AIVSS 7.8 High under aivss-0.8.
 */
export const WORKED_EXAMPLE_ANNOTATIONS: Record<string, string> = {
  ...allFactors('0.1'),
  'aivss.owasp.org/autonomy-of-action': '0.2',
  'aivss.owasp.org/cvss-base': '7.5',
  'aivss.owasp.org/threat-multiplier': 'attacked',
  'aivss.owasp.org/mitigation-factor': 'none',
  'maestro.cloudsecurityalliance.org/l1-foundation-models':
    'Uses a hosted model.\nPrompt injection can steer tool calls.',
  'maestro.cloudsecurityalliance.org/l1-threats': 'ASI01,T6',
};

export function agentEntity(
  annotations: Record<string, string> = WORKED_EXAMPLE_ANNOTATIONS,
  name = 'support-bot',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'AiResource',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'agent',
      lifecycle: 'production',
      owner: 'group:default/support',
    },
    relations: [
      { type: 'dependsOn', targetRef: 'api:default/ticket-mcp' },
      { type: 'ownedBy', targetRef: 'group:default/support' },
    ],
  };
}

export const groupEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'support', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/**
 * A risk record as the backend would send it, scored by the common package so
 * the numbers shown in tests are the real ones.
 */
export function recordFor(
  entity: Entity,
  overrides: Partial<AgentRiskRecord> = {},
  model: ScoringModelId = 'aivss-0.8',
): AgentRiskRecord {
  const result = scoreEntity(entity, { model });
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    owner: 'group:default/support',
    ownerTitle: 'Support',
    system: null,
    systemTitle: null,
    lifecycle: 'production',
    model: result.model,
    status: result.status,
    score: result.score,
    severity: result.severity,
    cvssBase: result.cvssBase,
    cvssAssumed: result.cvssAssumed,
    factorSum: result.factorSum,
    reason: scoreReason({ ...result, factors: result.assessment.factors }),
    computedAt: '2026-03-01T10:00:00.000Z',
    reviewedAt: '2026-02-15T00:00:00.000Z',
    reviewDue: '2026-05-16T00:00:00.000Z',
    reviewOverdue: false,
    factors: result.assessment.factors,
    threatMultiplier: result.threatMultiplier,
    mitigationFactor: result.mitigationFactor,
    aars: result.aars,
    contributions: result.contributions,
    layers: result.assessment.layers,
    description: entity.metadata.description ?? null,
    mcpServers: [],
    tools: [],
    errors: result.errors,
    rank: result.status === 'scored' ? 3 : null,
    percentile: result.status === 'scored' ? 87.5 : null,
    history:
      result.status === 'scored'
        ? [
            {
              computedAt: '2026-02-01T10:00:00.000Z',
              status: 'scored',
              score: 6.1,
              severity: 'medium',
              model,
            },
            {
              computedAt: '2026-03-01T10:00:00.000Z',
              status: 'scored',
              score: result.score,
              severity: result.severity,
              model,
            },
          ]
        : [],
    acceptance: null,
    ssvc: null,
    reach: null,
    understated: false,
    discovered: false,
    assessed: true,
    evidence: [],
    ...overrides,
  };
}

export function listItem(name: string, score: number | null): AgentListItem {
  return {
    entityRef: `airesource:default/${name}`,
    title: name,
    owner: 'group:default/support',
    ownerTitle: 'Support',
    system: 'helpdesk',
    systemTitle: 'Helpdesk',
    lifecycle: 'production',
    model: 'aivss-0.8',
    status: score === null ? 'incomplete' : 'scored',
    score,
    severity: score === null ? null : severityOf(score),
    cvssBase: 7.5,
    cvssAssumed: false,
    factorSum: 1.1,
    reason:
      score === null
        ? null
        : 'CVSS base 7.5, autonomy and tool use high, no mitigation',
    computedAt: '2026-03-01T10:00:00.000Z',
    acceptance: null,
    reviewedAt: '2026-02-15T00:00:00.000Z',
    reviewDue: '2026-05-16T00:00:00.000Z',
    reviewOverdue: false,
    ssvc: null,
    understated: false,
    discovered: false,
    assessed: true,
  };
}
