/*
 * The source is organised by layer (README, "Source layout"): entry points
 * (http/, actions/) call services, services call stores, stores build SQL.
 * Imports only go down: these checks fail on an upward import.
 */
import fs from 'fs';
import path from 'path';

const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(full);
    }
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)
      ? [full]
      : [];
  });
}

/** The folder under src/ each relative import of a file lands in, e.g. `database` or `queries`. */
function importedFolders(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/from '(\.[^']*)'/g)].map(m => m[1]);
  return specifiers.map(spec => {
    const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
    return target.split(path.sep)[0];
  });
}

const relative = (file: string) => path.relative(SRC, file);

describe('source layers', () => {
  it('the stores in database/ import nothing from the layers above them', () => {
    const upward = sourceFiles(path.join(SRC, 'database')).flatMap(file =>
      importedFolders(file)
        .filter(folder => folder !== 'database')
        .map(folder => `${relative(file)} -> ${folder}/`),
    );
    expect(upward).toEqual([]);
  });

  it('only the wiring reaches the entry points (http/, actions/)', () => {
    const wiring = ['plugin.ts', 'testUtils.ts'];
    const entryPoints = ['http', 'actions'];
    const reaching = sourceFiles(SRC)
      .filter(file => !wiring.includes(relative(file)))
      .flatMap(file => {
        const own = relative(file).split(path.sep)[0];
        return importedFolders(file)
          .filter(folder => entryPoints.includes(folder) && folder !== own)
          .map(folder => `${relative(file)} -> ${folder}/`);
      });
    expect(reaching).toEqual([]);
  });
});
