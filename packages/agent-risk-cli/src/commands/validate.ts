import { checkEntity, entityRefForMessages } from '../catalog/checkEntity';
import { loadCatalogFiles } from '../catalog/loadCatalogFiles';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, oneLine } from '../io';
import { noteSkippedTargets } from './notes';

/**
 * `agent-risk validate FILE…`: the catalog's checks on every entity found,
 * plus the agent annotation checks; one `REF: FIELD: MESSAGE` line per problem.
 */
export async function validateCommand(
  files: string[],
  io: CliIo,
  flags: { allowOutside?: boolean } = {},
): Promise<number> {
  const { entities, skippedTargets } = loadCatalogFiles(files, {
    allowOutside: flags.allowOutside,
  });
  noteSkippedTargets(skippedTargets, io);

  let problemCount = 0;
  for (const { entity } of entities) {
    const ref = entityRefForMessages(entity);
    for (const problem of await checkEntity(entity)) {
      problemCount += 1;
      io.stdout(`${ref}: ${problem.field}: ${oneLine(problem.message)}\n`);
    }
  }
  return problemCount === 0 ? EXIT_OK : EXIT_PROBLEMS;
}
