import {
  isAgentEntity,
  ScoringModelId,
} from '@agent-risk/plugin-agent-risk-common';
import { LoadedEntity, loadCatalogFiles } from '../catalog/loadCatalogFiles';
import { requireScorable } from '../catalog/requireScorable';
import { parseAssumedCvssBaseFlag, parseModelFlag } from '../flags';
import { CliIo } from '../io';
import { noteSkippedTargets } from './notes';

/** The flags of the commands that score catalog files (`score`, `bom`). */
export interface ScoringFlags {
  model?: string;
  assumedCvssBase?: string;
  allowOutside?: boolean;
}

/**
 * What `score` and `bom` start from: their scoring flags parsed, the catalog
 * files read (Location targets followed), and every agent checked to be
 * scorable (exit 2 naming the file and field otherwise).
 */
export function loadScoringInput(
  files: string[],
  flags: ScoringFlags,
  io: CliIo,
): {
  entities: LoadedEntity[];
  model?: ScoringModelId;
  assumedCvssBase?: number;
} {
  const model =
    flags.model === undefined ? undefined : parseModelFlag(flags.model);
  const assumedCvssBase =
    flags.assumedCvssBase === undefined
      ? undefined
      : parseAssumedCvssBaseFlag(flags.assumedCvssBase);
  const { entities, skippedTargets } = loadCatalogFiles(files, {
    allowOutside: flags.allowOutside,
  });
  noteSkippedTargets(skippedTargets, io);
  for (const { entity, file } of entities) {
    if (isAgentEntity(entity)) {
      requireScorable(entity, file);
    }
  }
  return { entities, model, assumedCvssBase };
}
