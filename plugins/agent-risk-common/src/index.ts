/**
 * Pure, isomorphic domain core of Agent Risk: AIVSS factors, MAESTRO layers,
 * annotation parsing and validation, scoring models, API types and permissions.
 * No I/O lives here, so the CLI, the catalog processor, the backend and the
 * browser all compute the same numbers.
 *
 * @packageDocumentation
 */
export * from './domain/annotations';
export * from './domain/factors';
export * from './domain/layers';
export * from './domain/threats';
export * from './domain/severity';
export * from './domain/multipliers';
export * from './domain/cvss';
export { round1, parseDecimalLiteral } from './domain/decimal';
export * from './domain/parse';
export * from './domain/scoring';
export * from './domain/agents';
export * from './contract/permissions';
export * from './contract/api';
export * from './contract/trends';
export * from './domain/scoreLevers';
export * from './domain/threatMitigations';
export * from './domain/review';
export * from './domain/config';
export * from './import/threatModel';
export * from './contract/apiSchemas';
export * from './contract/apiRequests';
export * from './contract/apiRoutes';
export * from './import';
export * from './domain/registry';
export * from './domain/registryLimits';
export * from './domain/acceptance';
export * from './domain/factorRubric';
export * from './domain/ssvc';
export * from './bom';
