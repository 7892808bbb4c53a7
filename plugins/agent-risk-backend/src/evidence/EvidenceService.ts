import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  emptyEvidenceFacts,
  evaluateEvidence,
  EvidenceFacts,
  EvidenceFinding,
  isUnderstatedFinding,
  parseAssessment,
} from '@agent-risk/plugin-agent-risk-common';
import { EvidenceStore } from '../database/evidence/EvidenceStore';
import { EvidenceFactsSource } from './EvidenceFactsSource';

/**
 * The evidence rules run on the sync (spec 9.2): for each page of agents,
 * their facts from the sources, the findings against the declared factors,
 * stored beside the score. The score itself is never touched.
 *
 * @public
 */
export class EvidenceService {
  constructor(
    private readonly deps: {
      source: EvidenceFactsSource;
      store: EvidenceStore;
      logger: LoggerService;
    },
  ) {}

  /** The findings of each agent, by lower-case ref. */
  async findingsFor(
    agents: readonly Entity[],
  ): Promise<Map<string, EvidenceFinding[]>> {
    const facts = await this.deps.source.factsFor(agents);
    const findings = new Map<string, EvidenceFinding[]>();
    for (const agent of agents) {
      const ref = stringifyEntityRef(agent).toLocaleLowerCase('en-US');
      const known: EvidenceFacts = {
        ...emptyEvidenceFacts(),
        ...facts.get(ref),
      };
      const declared = parseAssessment(agent.metadata.annotations).assessment
        .factors;
      findings.set(ref, evaluateEvidence(known, declared));
    }
    return findings;
  }

  /**
   * Computes and stores the findings of a page of agents; returns how many
   * agents' findings changed. A failure is logged and keeps the stored
   * findings (never cleared on one failure); it never fails the sync.
   */
  async update(agents: readonly Entity[]): Promise<number> {
    if (agents.length === 0) return 0;
    try {
      const findings = await this.findingsFor(agents);
      return await this.deps.store.writeEvidence(
        [...findings].map(([entityRef, list]) => ({
          entityRef,
          findings: list,
          understated: list.some(isUnderstatedFinding),
        })),
      );
    } catch (error) {
      this.deps.logger.warn(
        `Agent risk evidence: could not compute the findings of ${agents.length} agents; their stored findings are kept: ${error}`,
      );
      return 0;
    }
  }
}
