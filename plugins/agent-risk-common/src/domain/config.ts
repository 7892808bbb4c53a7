import { AgentSelector, DEFAULT_AGENT_SELECTORS } from './agents';
import {
  DEFAULT_SCORING_MODEL,
  isScoringModelId,
  ScoringModelId,
  SCORING_MODEL_IDS,
} from './scoring';

/**
 * The slice of Backstage's `Config` that reading our settings needs. A
 * structural type keeps this package free of runtime Backstage imports.
 *
 * @public
 */
export interface AgentRiskConfigReader {
  /** As `Config.getOptionalConfigArray`. */
  getOptionalConfigArray(key: string): AgentRiskConfigReader[] | undefined;
  /** As `Config.getOptionalString`. */
  getOptionalString(key: string): string | undefined;
  /** As `Config.getString`. */
  getString(key: string): string;
  /** As `Config.getOptionalNumber`. */
  getOptionalNumber(key: string): number | undefined;
}

/**
 * The plugin's settings, read from app-config.
 *
 * @public
 */
export interface AgentRiskOptions {
  /** Which entities are agents (`agentRisk.agents`). */
  agentSelectors: readonly AgentSelector[];
  /** The org's scoring model (`agentRisk.scoring.model`). */
  model: ScoringModelId;
  /** `agentRisk.scoring.assumedCvssBase`, for agents without a CVSS input. */
  assumedCvssBase?: number;
}

/**
 * Reads and checks the `agentRisk` settings shared by every backend package. Throws a clear error on bad config.
 *
 * @public
 */
export function readAgentRiskOptions(
  config: AgentRiskConfigReader,
): AgentRiskOptions {
  const agents = config.getOptionalConfigArray('agentRisk.agents');
  const agentSelectors = agents
    ? agents.map(a => ({
        kind: a.getString('kind'),
        type: a.getString('type'),
      }))
    : DEFAULT_AGENT_SELECTORS;
  const model =
    config.getOptionalString('agentRisk.scoring.model') ??
    DEFAULT_SCORING_MODEL;
  if (!isScoringModelId(model)) {
    throw new Error(
      `Invalid agentRisk.scoring.model "${model}"; expected one of ${SCORING_MODEL_IDS.join(
        ', ',
      )}`,
    );
  }
  const assumedCvssBase = config.getOptionalNumber(
    'agentRisk.scoring.assumedCvssBase',
  );
  if (
    assumedCvssBase !== undefined &&
    !(assumedCvssBase >= 0 && assumedCvssBase <= 10)
  ) {
    throw new Error(
      `Invalid agentRisk.scoring.assumedCvssBase ${assumedCvssBase}; expected a number from 0 to 10`,
    );
  }
  return { agentSelectors, model, assumedCvssBase };
}
