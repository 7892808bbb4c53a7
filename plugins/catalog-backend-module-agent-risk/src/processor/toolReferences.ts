import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { FieldError } from '@agent-risk/plugin-agent-risk-common';

const FIELD = 'spec.dependsOn';

/**
 * Kinds whose built-in processor already turns `spec.dependsOn` into
 * relations; emitting them again would only duplicate work.
 */
const KINDS_WITH_NATIVE_DEPENDS_ON = ['component', 'resource'];

export function handlesDependsOnNatively(entity: Entity): boolean {
  return KINDS_WITH_NATIVE_DEPENDS_ON.includes(
    String(entity.kind).toLocaleLowerCase('en-US'),
  );
}

export interface ToolReferences {
  targets: CompoundEntityRef[];
  problems: FieldError[];
}

/**
 * Reads an agent's tool surface from `spec.dependsOn`. Like Backstage's own
 * `dependsOn`, a reference must name its kind (`api:github-mcp`); the
 * namespace defaults to the agent's. Never throws: bad entries become problems.
 */
export function readToolReferences(entity: Entity): ToolReferences {
  const value: unknown = entity.spec?.dependsOn;
  if (value === undefined || value === null) {
    return { targets: [], problems: [] };
  }
  if (typeof value !== 'string' && !Array.isArray(value)) {
    return {
      targets: [],
      problems: [
        { field: FIELD, message: 'must be a list of entity references' },
      ],
    };
  }
  const namespace =
    typeof entity.metadata?.namespace === 'string'
      ? entity.metadata.namespace
      : DEFAULT_NAMESPACE;
  const targets = new Map<string, CompoundEntityRef>();
  const problems: FieldError[] = [];
  [value].flat().forEach((item: unknown, index) => {
    const field = Array.isArray(value) ? `${FIELD}[${index}]` : FIELD;
    if (typeof item !== 'string' || item.trim() === '') {
      problems.push({
        field,
        message: 'must be an entity reference such as api:default/github-mcp',
      });
      return;
    }
    try {
      const ref = parseEntityRef(item.trim(), { defaultNamespace: namespace });
      // Entity refs compare case-insensitively; keep the first spelling.
      const key = stringifyEntityRef(ref).toLocaleLowerCase('en-US');
      if (!targets.has(key)) {
        targets.set(key, ref);
      }
    } catch {
      problems.push({
        field,
        message: `must be an entity reference with a kind, such as api:default/github-mcp, got ${JSON.stringify(
          item,
        )}`,
      });
    }
  });
  return { targets: [...targets.values()], problems };
}
