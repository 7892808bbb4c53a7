import { Entity } from '@backstage/catalog-model';
import {
  AGENTIC_FACTOR_IDS,
  AIVSS_ANNOTATION_PREFIX,
  DEFAULT_AGENT_SELECTORS,
} from '@agent-risk/plugin-agent-risk-common';

/** The AIVSS inputs the action takes, by their annotation's short name (spec section 2.1). */
export const AIVSS_INPUT_KEYS = [
  ...AGENTIC_FACTOR_IDS,
  'cvss-base',
  'cvss-vector',
  'threat-multiplier',
  'mitigation-factor',
] as const;

/** What a template hands the action; the registry checks every value. */
export interface RegisterAgentInput {
  name: string;
  title?: string;
  description?: string;
  owner: string;
  system?: string;
  lifecycle?: string;
  kind?: string;
  type?: string;
  dependsOn?: string[];
  /** By short name, one of {@link AIVSS_INPUT_KEYS}. */
  aivss?: Record<string, string | number | null | undefined>;
  annotations?: Record<string, string>;
}

export const DEFAULT_KIND = 'AiResource';
export const DEFAULT_LIFECYCLE = 'experimental';

/** Blank optional text from a form is absent, not an empty value. */
function text(value: string | undefined | null): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : undefined;
  return trimmed ? trimmed : undefined;
}

/** The agent's spec.type: given, else the default pair's type for the kind. */
function agentType(kind: string, type: string | undefined): string {
  return (
    text(type) ??
    DEFAULT_AGENT_SELECTORS.find(
      s =>
        s.kind.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US'),
    )?.type ??
    'agent'
  );
}

/**
 * The agent entity the inputs describe, as the register page builds it:
 * AIVSS values become string annotations (the catalog's form), blank
 * optional fields are left out. Nothing is checked here: the registry's
 * checks are the one set of rules.
 */
export function toAgentEntity(input: RegisterAgentInput): Entity {
  const kind = text(input.kind) ?? DEFAULT_KIND;
  const aivss = Object.entries(input.aivss ?? {}).flatMap(([key, value]) => {
    const stringValue =
      value === null || value === undefined ? '' : String(value).trim();
    return stringValue
      ? [[`${AIVSS_ANNOTATION_PREFIX}${key}`, stringValue] as const]
      : [];
  });
  const title = text(input.title);
  const description = text(input.description);
  const system = text(input.system);
  const dependsOn = (input.dependsOn ?? []).filter(ref => text(ref));
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: input.name.trim(),
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      annotations: { ...input.annotations, ...Object.fromEntries(aivss) },
    },
    spec: {
      type: agentType(kind, input.type),
      owner: input.owner.trim(),
      lifecycle: text(input.lifecycle) ?? DEFAULT_LIFECYCLE,
      ...(system ? { system } : {}),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    },
  };
}
