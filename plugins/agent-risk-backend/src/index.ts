/**
 * Agent Risk backend plugin: syncs AI agent entities from the catalog, scores
 * them with the org's OWASP AIVSS model, and serves rankings, summaries,
 * history and CSV under `/api/agent-risk`.
 *
 * @packageDocumentation
 */
export { agentRiskPlugin as default } from './plugin';
