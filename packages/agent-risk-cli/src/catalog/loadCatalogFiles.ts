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

/** A Location target that was not followed, and why (for a note on stderr). */
export interface SkippedTarget {
  target: string;
  reason: string;
}

export interface LoadResult {
  entities: LoadedEntity[];
  /** Location targets that were not followed, for a note on stderr. */
  skippedTargets: SkippedTarget[];
}

export interface LoadOptions {
  /**
   * Follow Location targets outside the starting directory too. Without it,
   * only regular files under the starting directory are followed, so a
   * catalog file cannot make the CLI read `/etc/…` or `/dev/zero`.
   */
  allowOutside?: boolean;
  /** The starting directory; defaults to the current directory. */
  root?: string;
}

/**
 * Most YAML aliases a document may expand: well above hand-written catalog
 * files, far below what a "billion laughs" document needs.
 */
const MAX_ALIAS_COUNT = 100;

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
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // The yaml library refuses alias bombs with a ReferenceError.
      throw new CliInputError(
        `${file}: document ${
          index + 1
        } expands too many YAML aliases (${oneLine((error as Error).message)})`,
      );
    }
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

const isFilePath = (target: string) =>
  !/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/[*?[\]{}]/.test(target);

const isInside = (dir: string, file: string) => {
  const relative = path.relative(dir, file);
  return (
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  );
};

/** The real path of an existing file, or undefined when it does not exist. */
function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Reads catalog files (multi-document YAML) and follows `kind: Location`
 * entities whose targets are file paths, resolved against the Location's own
 * file, recursively. Each file is read once, so Location cycles end.
 * Throws {@link CliInputError} on unreadable files and YAML syntax errors.
 */
export function loadCatalogFiles(
  files: string[],
  options: LoadOptions = {},
): LoadResult {
  const seen = new Set<string>();
  const result: LoadResult = { entities: [], skippedTargets: [] };
  const root = realPathOf(path.resolve(options.root ?? process.cwd()));

  /** Why a Location target must not be read, or undefined when it may. */
  const refusal = (resolved: string): string | undefined => {
    const real = realPathOf(resolved);
    if (real === undefined) {
      return undefined; // missing: reported (or skipped when optional) as before
    }
    if (!options.allowOutside && (!root || !isInside(root, real))) {
      return 'it is outside the starting directory; --allow-outside follows it';
    }
    if (!fs.statSync(real).isFile()) {
      return 'it is not a regular file';
    }
    return undefined;
  };

  const visit = (file: string, optional: boolean) => {
    const absolute = path.resolve(file);
    if (seen.has(absolute)) {
      return;
    }
    if (optional && !fs.existsSync(absolute)) {
      return;
    }
    seen.add(absolute);
    const real = realPathOf(absolute);
    if (real !== undefined && !fs.statSync(real).isFile()) {
      throw new CliInputError(`cannot read ${file}: not a regular file`);
    }
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
        if (!isFilePath(target)) {
          result.skippedTargets.push({
            target,
            reason: 'only file paths are followed',
          });
          continue;
        }
        const resolved = path.resolve(path.dirname(absolute), target);
        const reason = refusal(resolved);
        if (reason) {
          result.skippedTargets.push({ target, reason });
          continue;
        }
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
