import {
  isAgentEntity,
  scoreEntity,
  scoreSsvc,
} from '@agent-risk/plugin-agent-risk-common';
import { CliIo, EXIT_OK, EXIT_PROBLEMS } from '../io';
import { loadScoringInput, ScoringFlags } from './scoringInput';

export type ScoreFlags = ScoringFlags;

/**
 * `agent-risk score FILE…`: one JSON line per agent entity. Exit 1 when any
 * agent is not `scored`, or gives AIVSS-SSVC annotations that are
 * incomplete or invalid, so CI can gate on it.
 */
export async function scoreCommand(
  files: string[],
  flags: ScoreFlags,
  io: CliIo,
): Promise<number> {
  const { entities, model, assumedCvssBase } = loadScoringInput(
    files,
    flags,
    io,
  );

  let allScored = true;
  for (const { entity } of entities) {
    if (!isAgentEntity(entity)) {
      continue;
    }
    const r = scoreEntity(entity, { model, assumedCvssBase });
    // SSVC is optional (spec section 10.1): absent is fine, broken is not.
    const ssvc = scoreSsvc(entity.metadata.annotations);
    allScored &&=
      r.status === 'scored' &&
      (ssvc.status === 'none' || ssvc.status === 'scored');
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
      ssvc:
        ssvc.status === 'none'
          ? null
          : {
              status: ssvc.status,
              categoryAverages: ssvc.categoryAverages,
              agentClass: ssvc.agentClass,
              exposure: ssvc.exposure,
              likelihood: ssvc.likelihood,
              riskScore: ssvc.riskScore,
              outcome: ssvc.outcome,
              errors: ssvc.errors,
            },
    };
    io.stdout(`${JSON.stringify(line)}\n`);
  }
  return allScored ? EXIT_OK : EXIT_PROBLEMS;
}
