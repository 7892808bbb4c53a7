import {
  isAgentEntity,
  scoreEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { loadCatalogFiles } from '../catalog/loadCatalogFiles';
import { parseAssumedCvssBaseFlag, parseModelFlag } from '../flags';
import { CliIo, EXIT_OK, EXIT_PROBLEMS } from '../io';
import { noteSkippedTargets } from './notes';

export interface ScoreFlags {
  model?: string;
  assumedCvssBase?: string;
}

/**
 * `agent-risk score FILE…`: one JSON line per agent entity. Exit 1 when any
 * agent is not `scored`, so CI can gate on it.
 */
export async function scoreCommand(
  files: string[],
  flags: ScoreFlags,
  io: CliIo,
): Promise<number> {
  const model =
    flags.model === undefined ? undefined : parseModelFlag(flags.model);
  const assumedCvssBase =
    flags.assumedCvssBase === undefined
      ? undefined
      : parseAssumedCvssBaseFlag(flags.assumedCvssBase);
  const { entities, skippedTargets } = loadCatalogFiles(files);
  noteSkippedTargets(skippedTargets, io);

  let allScored = true;
  for (const { entity } of entities) {
    if (!isAgentEntity(entity)) {
      continue;
    }
    const r = scoreEntity(entity, { model, assumedCvssBase });
    allScored &&= r.status === 'scored';
    // Spell the keys out: this line is a public format (spec section 4).
    const line = {
      entityRef: r.entityRef,
      status: r.status,
      model: r.model,
      score: r.score,
      severity: r.severity,
      cvssBase: r.cvssBase,
      cvssAssumed: r.cvssAssumed,
      aars: r.aars,
      factorSum: r.factorSum,
      threatMultiplier: r.threatMultiplier,
      mitigationFactor: r.mitigationFactor,
      contributions: r.contributions,
      errors: r.errors,
    };
    io.stdout(`${JSON.stringify(line)}\n`);
  }
  return allScored ? EXIT_OK : EXIT_PROBLEMS;
}
