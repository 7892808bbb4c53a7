import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { CliInputError, oneLine } from '../io';
import { readInput } from '../readInput';

/** An entity read from a catalog file, with the file it came from. */
export interface LoadedEntity {
  entity: Entity;
  file: string;
}

export interface LoadResult {
  entities: LoadedEntity[];
  /** Location targets that were not followed (URLs, globs), for a note on stderr. */
  skippedTargets: string[];
}

function parseEntities(file: string, text: string): Entity[] {
  const entities: Entity[] = [];
  for (const [index, document] of parseAllDocuments(text).entries()) {
    if (document.errors.length > 0) {
      const first = document.errors[0];
      const where = first.linePos
        ? `${first.linePos[0].line}:${first.linePos[0].col}`
        : '';
      const reason = oneLine(first.message).replace(
        / at line \d+, column \d+:.*$/,
        '',
      );
      throw new CliInputError(
        `YAML syntax error in ${file}${where ? `:${where}` : ''}: ${reason}`,
      );
    }
    const value = document.toJS();
    if (value === null || value === undefined) {
      continue; // an empty document, e.g. a trailing `---`
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new CliInputError(
        `${file}: document ${
          index + 1
        } is not an entity (expected a YAML mapping)`,
      );
    }
    entities.push(value as Entity);
  }
  return entities;
}

/** The file targets of a Location entity: `spec.target` and `spec.targets`. */
function locationTargets(entity: Entity): string[] {
  const spec = (entity.spec ?? {}) as { target?: unknown; targets?: unknown };
  const targets = [
    spec.target,
    ...(Array.isArray(spec.targets) ? spec.targets : []),
  ];
  return targets.filter(
    (t): t is string => typeof t === 'string' && t.trim() !== '',
  );
}

const isFollowable = (target: string) =>
  !/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/[*?[\]{}]/.test(target);

/**
 * Reads catalog files (multi-document YAML) and follows `kind: Location`
 * entities whose targets are file paths, resolved against the Location's own
 * file, recursively. Each file is read once, so Location cycles end.
 * Throws {@link CliInputError} on unreadable files and YAML syntax errors.
 */
export function loadCatalogFiles(files: string[]): LoadResult {
  const seen = new Set<string>();
  const result: LoadResult = { entities: [], skippedTargets: [] };

  const visit = (file: string, optional: boolean) => {
    const absolute = path.resolve(file);
    if (seen.has(absolute)) {
      return;
    }
    if (optional && !fs.existsSync(absolute)) {
      return;
    }
    seen.add(absolute);
    const entities = parseEntities(file, readInput(absolute, file));
    const locations: Array<{ targets: string[]; optional: boolean }> = [];
    for (const entity of entities) {
      result.entities.push({ entity, file });
      if (String(entity.kind).toLowerCase() === 'location') {
        const presence = (entity.spec as { presence?: unknown } | undefined)
          ?.presence;
        locations.push({
          targets: locationTargets(entity),
          optional: presence === 'optional',
        });
      }
    }
    for (const location of locations) {
      for (const target of location.targets) {
        if (!isFollowable(target)) {
          result.skippedTargets.push(target);
          continue;
        }
        const resolved = path.resolve(path.dirname(absolute), target);
        visit(
          path.relative(process.cwd(), resolved) || resolved,
          location.optional,
        );
      }
    }
  };

  for (const file of files) {
    visit(file, false);
  }
  return result;
}
