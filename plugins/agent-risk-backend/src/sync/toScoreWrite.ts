import { createHash } from 'crypto';
import { Entity } from '@backstage/catalog-model';
import {
  AgentRiskOptions,
  AIVSS_ANNOTATION_PREFIX,
  DISCOVERY_ANNOTATIONS,
  MAESTRO_ANNOTATION_PREFIX,
  parseReviewedAt,
  REVIEWED_AT_ANNOTATION,
  scoreEntity,
  scoreReason,
  scoreSsvc,
  SsvcResult,
  isSsvcAnnotation,
} from '@agent-risk/plugin-agent-risk-common';
import { normalizeEntityRef } from '@agent-risk/plugin-agent-risk-common';
import { AgentScoreWrite, ScoredSsvc } from '../database/types';

const sha256 = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Display names of owners and systems, by lower-case entity ref.
 *
 * @public
 */
export type DisplayNames = ReadonlyMap<string, string>;

/**
 * What the sync reads about an agent's related entities: display names of
 * its owner, system and MCP servers, and the servers' tools, by lower-case
 * entity ref.
 *
 * @public
 */
export interface RelatedEntities {
  displayNames: DisplayNames;
  /** Tool names of the related entities that are MCP servers (APIs of type mcp-server). */
  mcpTools: ReadonlyMap<string, readonly string[]>;
}

const NO_RELATED: RelatedEntities = {
  displayNames: new Map(),
  mcpTools: new Map(),
};

/** Most `spec.dependsOn` entries read per agent. */
const MAX_DEPENDENCIES = 50;
/** Longest description kept in the record (the catalog shows the rest). */
export const MAX_DESCRIPTION_LENGTH = 1000;

/** The API refs in an agent's `spec.dependsOn` (lower-case, bounded): its candidate MCP servers. */
export function apiDependencyRefs(entity: Entity): string[] {
  const dependsOn: unknown = entity.spec?.dependsOn;
  if (!Array.isArray(dependsOn)) {
    return [];
  }
  const namespace = entity.metadata.namespace ?? 'default';
  const refs = dependsOn
    .slice(0, MAX_DEPENDENCIES)
    .map(ref => normalizeEntityRef(ref, 'component', namespace))
    .filter((ref): ref is string => ref !== null && ref.startsWith('api:'))
    .map(ref => ref.toLocaleLowerCase('en-US'));
  return [...new Set(refs)];
}

/** The owner, system and API refs of an agent entity, which the sync resolves. */
export function relatedRefs(entity: Entity): string[] {
  const namespace = entity.metadata.namespace ?? 'default';
  return [
    normalizeEntityRef(entity.spec?.owner, 'group', namespace),
    normalizeEntityRef(entity.spec?.system, 'system', namespace),
    ...apiDependencyRefs(entity),
  ].filter((ref): ref is string => ref !== null);
}

function descriptionOf(entity: Entity): string | null {
  const description = entity.metadata.description;
  if (typeof description !== 'string' || description.trim() === '') {
    return null;
  }
  return description.trim().slice(0, MAX_DESCRIPTION_LENGTH);
}

/** The agent's MCP servers: its API dependencies the catalog knows as MCP servers. */
function mcpServersOf(
  entity: Entity,
  related: RelatedEntities,
): AgentScoreWrite['record']['mcpServers'] {
  return apiDependencyRefs(entity).flatMap(ref => {
    const tools = related.mcpTools.get(ref);
    return tools
      ? [
          {
            entityRef: ref,
            title: related.displayNames.get(ref) ?? null,
            tools: [...tools],
          },
        ]
      : [];
  });
}

/** The assessment's annotations (AIVSS inputs and the MAESTRO threat model), sorted by key. */
export function scoringInputs(entity: Entity): Array<[string, string]> {
  return Object.entries(entity.metadata.annotations ?? {})
    .filter(
      ([key]) =>
        key.startsWith(AIVSS_ANNOTATION_PREFIX) ||
        key.startsWith(MAESTRO_ANNOTATION_PREFIX),
    )
    .sort(([a], [b]) => (a < b ? -1 : 1)); // keys are unique
}

/** The agent carries `agent-risk.io/discovered-from`: discovery found it. */
export function isDiscovered(entity: Entity): boolean {
  const from =
    entity.metadata.annotations?.[DISCOVERY_ANNOTATIONS.discoveredFrom];
  return typeof from === 'string' && from.trim() !== '';
}

/**
 * The agent carries any `aivss.owasp.org/` annotation. An `incomplete`
 * agent without any (a discovered one, say) is not assessed.
 */
export function isAssessed(entity: Entity): boolean {
  return Object.keys(entity.metadata.annotations ?? {}).some(key =>
    key.startsWith(AIVSS_ANNOTATION_PREFIX),
  );
}

/**
 * Bump when the same inputs would produce a different record (a scoring or
 * record-shape change), so every agent is scored again once after an upgrade.
 */
// 2: the one-line reason, SSVC, description and MCP servers in the record
const SCORING_REVISION = 3;

/**
 * A hash of everything `toScoreWrite` reads: the agent's fields, the display
 * names of its owner and system, and the model. Cheap next to scoring, so a
 * sync compares it with the stored one and scores only agents whose hash
 * changed.
 */
export function sourceHashOf(
  entity: Entity,
  options: Pick<AgentRiskOptions, 'model' | 'assumedCvssBase'>,
  related: RelatedEntities = NO_RELATED,
): string {
  const { displayNames } = related;
  return sha256({
    revision: SCORING_REVISION,
    model: options.model,
    assumedCvssBase: options.assumedCvssBase ?? null,
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? null,
    name: entity.metadata.name,
    title: entity.metadata.title ?? null,
    annotations: scoringInputs(entity),
    discovered: isDiscovered(entity),
    // Stored beside the score (review cadence): a new review date is a change.
    reviewedAt: entity.metadata.annotations?.[REVIEWED_AT_ANNOTATION] ?? null,
    spec: [
      entity.spec?.type,
      entity.spec?.owner,
      entity.spec?.system,
      entity.spec?.lifecycle,
    ].map(v => v ?? null),
    displayNames: relatedRefs(entity).map(
      ref => displayNames.get(ref.toLocaleLowerCase('en-US')) ?? null,
    ),
    description: descriptionOf(entity),
    mcpServers: mcpServersOf(entity, related),
  });
}

/** The SSVC result as the API shows it: null for an agent without SSVC annotations. */
export function toScoredSsvc(result: SsvcResult): ScoredSsvc | null {
  if (result.status === 'none') {
    return null;
  }
  return {
    status: result.status,
    outcome: result.outcome,
    agentClass: result.agentClass,
    riskScore: result.riskScore,
    categoryAverages: result.categoryAverages,
    exposure: result.exposure,
    likelihood: result.likelihood,
    errors: result.errors,
  };
}

/**
 * Scores an agent entity with the org's model (the common core does all the
 * maths) and shapes the result into the row the store keeps.
 *
 * @public
 */
export function toScoreWrite(
  entity: Entity,
  options: Pick<AgentRiskOptions, 'model' | 'assumedCvssBase'>,
  related: RelatedEntities = NO_RELATED,
  sourceHash: string = sourceHashOf(entity, options, related),
): AgentScoreWrite {
  const { displayNames } = related;
  const namespace = entity.metadata.namespace ?? 'default';
  const { assessment, ...result } = scoreEntity(entity, {
    model: options.model,
    assumedCvssBase: options.assumedCvssBase,
  });
  const owner = normalizeEntityRef(entity.spec?.owner, 'group', namespace);
  const system = normalizeEntityRef(entity.spec?.system, 'system', namespace);
  const displayName = (ref: string | null) =>
    ref === null
      ? null
      : displayNames.get(ref.toLocaleLowerCase('en-US')) ?? null;
  const discovered = isDiscovered(entity);
  const assessed = isAssessed(entity);
  const record: AgentScoreWrite['record'] = {
    entityRef: result.entityRef,
    title:
      typeof entity.metadata.title === 'string' && entity.metadata.title
        ? entity.metadata.title
        : entity.metadata.name,
    owner,
    ownerTitle: displayName(owner),
    system,
    systemTitle: displayName(system),
    lifecycle:
      typeof entity.spec?.lifecycle === 'string' ? entity.spec.lifecycle : null,
    model: result.model,
    status: result.status,
    score: result.score,
    severity: result.severity,
    cvssBase: result.cvssBase,
    cvssAssumed: result.cvssAssumed,
    factorSum: result.factorSum,
    factors: assessment.factors,
    threatMultiplier: result.threatMultiplier,
    mitigationFactor: result.mitigationFactor,
    aars: result.aars,
    contributions: result.contributions,
    reason: scoreReason({ ...result, factors: assessment.factors }),
    layers: assessment.layers,
    description: descriptionOf(entity),
    mcpServers: mcpServersOf(entity, related),
    errors: result.errors,
    reviewedAt: parseReviewedAt(
      entity.metadata.annotations?.[REVIEWED_AT_ANNOTATION],
      new Date(),
    ),
    ssvc: toScoredSsvc(scoreSsvc(entity.metadata.annotations ?? {})),
  };
  return {
    record,
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: namespace.toLocaleLowerCase('en-US'),
    name: entity.metadata.name.toLocaleLowerCase('en-US'),
    inputHash: sha256({
      inputs: scoringInputs(entity),
      model: options.model,
      assumedCvssBase: options.assumedCvssBase ?? null,
    }),
    // The flags are columns of the row, not of the record: a change of
    // either rewrites the row.
    recordHash: sha256({ record, discovered, assessed }),
    sourceHash,
    ssvcInputsHash: sha256(
      scoringInputs(entity).filter(([key]) => isSsvcAnnotation(key)),
    ),
    discovered,
    assessed,
  };
}
