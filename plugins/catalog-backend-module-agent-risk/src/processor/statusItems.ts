import { ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import { AlphaEntity, EntityStatusItem } from '@backstage/catalog-model/alpha';
import { FieldError } from '@agent-risk/plugin-agent-risk-common';

/**
 * The error name shown on the entity page for a problem found by this module.
 *
 * @public
 */
export const AGENT_RISK_VALIDATION_ERROR = 'AgentRiskValidationError';

/** `<field>: <message>`, the text of one problem. */
export function describeProblem(problem: FieldError): string {
  return `${problem.field}: ${problem.message}`;
}

/**
 * One problem as a catalog processing status item: the exact shape the
 * catalog's stitcher writes for processing errors, so Backstage's
 * `EntityProcessingErrorsPanel` shows it on the entity page.
 */
export function toStatusItem(problem: FieldError): EntityStatusItem {
  const message = describeProblem(problem);
  return {
    type: ENTITY_STATUS_CATALOG_PROCESSING_TYPE,
    level: 'error',
    message: `${AGENT_RISK_VALIDATION_ERROR}: ${message}`,
    error: { name: AGENT_RISK_VALIDATION_ERROR, message },
  };
}

/** A copy of the entity with the items appended to `status.items`; the stitcher keeps them. */
export function withStatusItems<T extends AlphaEntity>(
  entity: T,
  items: EntityStatusItem[],
): T {
  return {
    ...entity,
    status: {
      ...entity.status,
      items: [...(entity.status?.items ?? []), ...items],
    },
  };
}
