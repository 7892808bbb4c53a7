/**
 * Search backend module for Agent Risk: indexes every AI agent with its
 * AIVSS severity and score, the threat ids of its MAESTRO layers and the
 * MCP servers and tools it depends on (document type `agent-risk`).
 *
 * @packageDocumentation
 */
export { searchModuleAgentRisk as default } from './module';
export { AgentRiskCollatorFactory } from './collator/AgentRiskCollatorFactory';
export type { AgentRiskCollatorFactoryOptions } from './collator/AgentRiskCollatorFactory';
export type { AgentRiskDocument } from './collator/AgentRiskDocument';
