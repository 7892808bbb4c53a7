/**
 * Pure, isomorphic domain core of Agent Risk: AIVSS factors, MAESTRO layers,
 * annotation parsing and validation, scoring models, API types and permissions.
 * No I/O lives here, so the CLI, the catalog processor, the backend and the
 * browser all compute the same numbers.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './factors';
export * from './layers';
export * from './threats';
export * from './severity';
export * from './multipliers';
export * from './cvss';
export { round1, parseDecimalLiteral } from './decimal';
export * from './parse';
export * from './scoring';
export * from './reason';
export * from './export';
export * from './agents';
export * from './permissions';
export * from './api';
export * from './trends';
export * from './scoreLevers';
export * from './threatMitigations';
export * from './review';
export * from './config';
export * from './threatModel';
export * from './apiSchemas';
export * from './apiRequests';
export * from './apiRoutes';
export * from './import';
export * from './registry';
export * from './registryLimits';
export * from './acceptance';
export * from './factorRubric';
export * from './ssvc';
export * from './bom';
