import { Config } from '@backstage/config';

/**
 * How the catalog reports problems in agent risk annotations (`agentRisk.catalogValidation.mode`).
 *
 * @public
 */
export const CATALOG_VALIDATION_MODES = ['status', 'reject', 'off'] as const;
/**
 * One of {@link CATALOG_VALIDATION_MODES}.
 *
 * @public
 */
export type CatalogValidationMode = (typeof CATALOG_VALIDATION_MODES)[number];

/**
 * `status` is the default: a rejected entity is never stored, so a new agent
 * with one typo would vanish from the catalog instead of showing its problem.
 *
 * @public
 */
export const DEFAULT_CATALOG_VALIDATION_MODE: CatalogValidationMode = 'status';

/** Reads the validation mode; throws a clear error on an unknown value. */
export function readCatalogValidationMode(
  config: Config,
): CatalogValidationMode {
  const mode =
    config.getOptionalString('agentRisk.catalogValidation.mode') ??
    DEFAULT_CATALOG_VALIDATION_MODE;
  if (!(CATALOG_VALIDATION_MODES as readonly string[]).includes(mode)) {
    throw new Error(
      `Invalid agentRisk.catalogValidation.mode "${mode}"; expected one of ${CATALOG_VALIDATION_MODES.join(
        ', ',
      )}`,
    );
  }
  return mode as CatalogValidationMode;
}
