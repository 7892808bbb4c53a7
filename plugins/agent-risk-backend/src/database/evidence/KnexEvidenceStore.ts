import { Knex } from 'knex';
import { EvidenceFinding } from '@agent-risk/plugin-agent-risk-common';
import { KnexSyncStateStore } from '../syncState/KnexSyncStateStore';
import { BATCH_SIZE, RECORDS_TABLE, SCORES_TABLE } from '../tables';
import { AgentEvidenceWrite, EvidenceStore } from './EvidenceStore';

/** Reads stored findings JSON; anything unreadable is no findings. */
export function parseStoredEvidence(
  text: string | null | undefined,
): EvidenceFinding[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as EvidenceFinding[]) : [];
  } catch {
    return [];
  }
}

/** Findings in `agent_risk_records.evidence`, the flag in `agent_risk_scores.understated`. */
export class KnexEvidenceStore implements EvidenceStore {
  constructor(
    private readonly knex: Knex,
    private readonly state: Pick<KnexSyncStateStore, 'bumpDataVersion'>,
  ) {}

  async writeEvidence(writes: readonly AgentEvidenceWrite[]): Promise<number> {
    let changed = 0;
    for (let i = 0; i < writes.length; i += BATCH_SIZE) {
      const batch = writes.slice(i, i + BATCH_SIZE);
      changed += await this.knex.transaction(async tx => {
        const rows: Array<{ entity_ref: string; evidence: string }> = await tx(
          RECORDS_TABLE,
        )
          .select('entity_ref', 'evidence')
          .whereIn(
            'entity_ref',
            batch.map(w => w.entityRef),
          );
        const stored = new Map(rows.map(r => [r.entity_ref, r.evidence]));
        let count = 0;
        for (const write of batch) {
          const before = stored.get(write.entityRef);
          const evidence = JSON.stringify(write.findings);
          if (before === undefined || before === evidence) continue;
          await tx(RECORDS_TABLE)
            .where('entity_ref', write.entityRef)
            .update({ evidence });
          await tx(SCORES_TABLE)
            .where('entity_ref', write.entityRef)
            .update({ understated: write.understated });
          count += 1;
        }
        if (count > 0) {
          await this.state.bumpDataVersion(tx);
        }
        return count;
      });
    }
    return changed;
  }

  async getEvidence(entityRef: string): Promise<EvidenceFinding[]> {
    const row = await this.knex(RECORDS_TABLE)
      .select('evidence')
      .where('entity_ref', entityRef)
      .first();
    return parseStoredEvidence(row?.evidence);
  }
}
