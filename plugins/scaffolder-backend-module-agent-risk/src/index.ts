/**
 * Scaffolder backend module for Agent Risk: the `agent-risk:register`
 * action, which registers an AI agent from a software template.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAgentRisk as default } from './module';
export { createAgentRiskRegisterAction } from './actions/register';
