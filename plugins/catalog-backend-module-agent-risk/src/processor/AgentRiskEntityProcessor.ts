import { Config } from '@backstage/config';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  AgentSelector,
  FieldError,
  isAgentEntity,
  readAgentRiskOptions,
} from '@agent-risk/plugin-agent-risk-common';
import { CatalogValidationMode, readCatalogValidationMode } from '../config';
import { findAssessmentProblems } from './assessmentProblems';
import { describeProblem, toStatusItem, withStatusItems } from './statusItems';
import { handlesDependsOnNatively, readToolReferences } from './toolReferences';

/**
 * How the processor finds agents and reports their problems.
 *
 * @public
 */
export interface AgentRiskEntityProcessorOptions {
  /** Which entities are agents (`agentRisk.agents`). */
  agentSelectors: readonly AgentSelector[];
  /** How annotation problems are reported (`agentRisk.catalogValidation.mode`). */
  mode: CatalogValidationMode;
  /** CVSS base assumed for agents without one (`agentRisk.scoring.assumedCvssBase`). */
  assumedCvssBase?: number;
}

function emitToolRelations(
  agent: CompoundEntityRef,
  tools: CompoundEntityRef[],
  emit: CatalogProcessorEmit,
) {
  for (const tool of tools) {
    emit(
      processingResult.relation({
        source: agent,
        type: RELATION_DEPENDS_ON,
        target: tool,
      }),
    );
    emit(
      processingResult.relation({
        source: tool,
        type: RELATION_DEPENDENCY_OF,
        target: agent,
      }),
    );
  }
}

/**
 * Checks the risk annotations of agent entities with the common parser and
 * makes each problem visible on the entity, and turns an agent's
 * `spec.dependsOn` into relations so its page shows its tools.
 *
 * @public
 */
export class AgentRiskEntityProcessor implements CatalogProcessor {
  /** A processor configured from the app config's `agentRisk` section. */
  static fromConfig(config: Config): AgentRiskEntityProcessor {
    const { agentSelectors, assumedCvssBase } = readAgentRiskOptions(config);
    return new AgentRiskEntityProcessor({
      agentSelectors,
      assumedCvssBase,
      mode: readCatalogValidationMode(config),
    });
  }

  constructor(private readonly options: AgentRiskEntityProcessorOptions) {}

  /** The processor's name in the catalog's logs. */
  getProcessorName(): string {
    return 'AgentRiskEntityProcessor';
  }

  /** Checks an agent's risk annotations and emits its tool relations. */
  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isAgentEntity(entity, this.options.agentSelectors)) {
      return entity;
    }
    const problems: FieldError[] = [];
    if (!handlesDependsOnNatively(entity)) {
      const tools = readToolReferences(entity);
      if (tools.targets.length > 0) {
        emitToolRelations(getCompoundEntityRef(entity), tools.targets, emit);
      }
      problems.push(...tools.problems);
    }
    if (this.options.mode === 'off') {
      return entity;
    }
    problems.unshift(
      ...findAssessmentProblems(entity.metadata?.annotations, {
        assumedCvssBase: this.options.assumedCvssBase,
      }),
    );
    if (problems.length === 0) {
      return entity;
    }
    if (this.options.mode === 'reject') {
      for (const problem of problems) {
        emit(processingResult.inputError(location, describeProblem(problem)));
      }
      return entity;
    }
    // Status items rather than errors: the catalog stores an entity with
    // processing errors only as errors, so it would never appear.
    return withStatusItems(entity, problems.map(toStatusItem));
  }
}
