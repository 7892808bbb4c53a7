import { parseEntityRef } from '@backstage/catalog-model';

/** An entity ref's name, with its namespace when that is not `default`. */
export function entityName(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

const KIND_WORDS: Record<string, string> = {
  api: 'API',
  component: 'component',
  resource: 'resource',
  system: 'system',
  airesource: 'AI resource',
};

/** An entity kind in words, e.g. `API`, `component`. */
export function kindWord(kind: string): string {
  return KIND_WORDS[kind.toLocaleLowerCase('en-US')] ?? kind;
}

/** A path of entity refs in words: `github-mcp → github-mcp-server → devtools`. */
export function pathWords(path: readonly string[]): string {
  return path.map(entityName).join(' → ');
}
