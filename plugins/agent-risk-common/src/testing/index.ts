/**
 * Helpers for the tests of Agent Risk's packages: annotation builders and the
 * fuzz generators. Not for production code; `fast-check` must be installed
 * to use the fuzz generators.
 *
 * @packageDocumentation
 */
export { factorAnnotations } from './factorAnnotations';
export { maestroAnnotation } from '../domain/annotations';
export {
  annotationMap,
  anyText,
  NASTY_TEXT,
  randomAgentCatalog,
  randomAgentEntity,
  registryViolation,
} from './fuzz';
export type { RegistryViolation } from './fuzz';
