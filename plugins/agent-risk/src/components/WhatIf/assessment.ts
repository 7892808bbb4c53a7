import { Entity } from '@backstage/catalog-model';
import {
  AGENTIC_FACTORS,
  AgenticFactorId,
  AIVSS_ANNOTATIONS,
  MITIGATION_FACTOR_KEYWORDS,
  REGISTRY_ANNOTATION,
  REVIEWED_AT_ANNOTATION,
  THREAT_MULTIPLIER_KEYWORDS,
} from '@agent-risk/plugin-agent-risk-common';
import { keywordFor } from './whatIfInputs';

/** Complete what-if inputs: what a saved assessment holds. */
export interface AssessmentInputs {
  factors: Record<AgenticFactorId, number>;
  cvssBase: number;
  threatMultiplier: number;
  mitigationFactor: number;
  /** The named level picked for each multiplier ('custom' for a typed number). */
  threatKeyword?: string;
  mitigationKeyword?: string;
}

/** The inputs the what-if started from; an input not known is undefined. */
export interface WhatIfBaseline {
  factors: Partial<Record<AgenticFactorId, number>>;
  cvssBase?: number;
  threatMultiplier?: number;
  mitigationFactor?: number;
}

/**
 * How a changed multiplier is written: the named level picked when it has
 * the value, else the level whose value it is, else the number.
 */
function levelText(
  keywords: Record<string, string>,
  value: number,
  picked: string | undefined,
): string {
  if (picked && picked in keywords && Number(keywords[picked]) === value) {
    return picked;
  }
  const keyword = keywordFor(keywords, value);
  return keyword === 'custom' ? String(value) : keyword;
}

/**
 * The entity's annotations with the inputs the owner changed (those that
 * differ from `initial`, the what-if's starting values) written in. An input
 * left alone stays exactly as written (a CVSS vector, a named level such as
 * `partial`): a save must not rewrite what nobody touched. The CVSS vector
 * goes only when the owner changed the base, which then is what they chose.
 */
export function assessedAnnotations(
  entity: Entity,
  initial: WhatIfBaseline,
  inputs: AssessmentInputs,
): Record<string, string> {
  const annotations: Record<string, string> = {
    ...(entity.metadata.annotations ?? {}),
  };
  for (const factor of AGENTIC_FACTORS) {
    const value = inputs.factors[factor.id];
    if (value !== initial.factors[factor.id]) {
      annotations[factor.annotation] = String(value);
    }
  }
  if (inputs.cvssBase !== initial.cvssBase) {
    delete annotations[AIVSS_ANNOTATIONS.cvssVector];
    annotations[AIVSS_ANNOTATIONS.cvssBase] = inputs.cvssBase.toFixed(1);
  }
  if (inputs.threatMultiplier !== initial.threatMultiplier) {
    annotations[AIVSS_ANNOTATIONS.threatMultiplier] = levelText(
      THREAT_MULTIPLIER_KEYWORDS,
      inputs.threatMultiplier,
      inputs.threatKeyword,
    );
  }
  if (inputs.mitigationFactor !== initial.mitigationFactor) {
    annotations[AIVSS_ANNOTATIONS.mitigationFactor] = levelText(
      MITIGATION_FACTOR_KEYWORDS,
      inputs.mitigationFactor,
      inputs.mitigationKeyword,
    );
  }
  return annotations;
}

/**
 * Annotations the catalog or the registry sets on a registry entity: its
 * bookkeeping, not the owner's data, so never sent back in a write.
 */
export function isManagedAnnotation(key: string): boolean {
  return (
    key === REGISTRY_ANNOTATION ||
    key === 'backstage.io/orphan' ||
    key.startsWith('backstage.io/managed-by-')
  );
}

/**
 * The entity as the registry stores it, for a write: apiVersion, kind, the
 * owner's metadata (name, namespace, title, description, tags, links and
 * their annotations) and spec. The catalog's bookkeeping (uid, etag,
 * relations, status, managed-by annotations) is left out.
 */
export function registryEntity(
  entity: Entity,
  annotations: Record<string, string>,
): Entity {
  const { name, namespace, title, description, tags, links } = entity.metadata;
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(tags !== undefined ? { tags } : {}),
      ...(links !== undefined ? { links } : {}),
      annotations: Object.fromEntries(
        Object.entries(annotations).filter(
          ([key]) => !isManagedAnnotation(key),
        ),
      ),
    },
    ...(entity.spec !== undefined ? { spec: entity.spec } : {}),
  };
}

/**
 * What the catalog will hold after a save, until it ingests the registry's
 * change: the entity sent, with the catalog's bookkeeping kept and without
 * its review date (the registry sets that on the save; sending the old one
 * back with the next save would undo it).
 */
export function savedEntity(entity: Entity, sent: Entity): Entity {
  const managed = Object.entries(entity.metadata.annotations ?? {}).filter(
    ([key]) => isManagedAnnotation(key),
  );
  const owned = Object.entries(sent.metadata.annotations ?? {}).filter(
    ([key]) => key !== REVIEWED_AT_ANNOTATION,
  );
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      ...sent.metadata,
      annotations: Object.fromEntries([...managed, ...owned]),
    },
    spec: sent.spec,
  };
}
