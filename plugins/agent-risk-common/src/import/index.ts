/**
 * Agent Risk's document importers: an A2A agent card, a threat-model page
 * or a directory page read into an agent entity with its assessment, the
 * same way by the register page, the CLI and discovery. An entry point of
 * its own, beside the scoring core and the HTTP contract of the main entry.
 *
 * @packageDocumentation
 */
export {
  AGENT_DOCUMENT_FORMATS,
  DEFAULT_IMPORT_OWNER,
  importAgentDocument,
  isAgentDocumentFormat,
  MAX_AGENT_DOCUMENT_LENGTH,
} from './importAgentDocument';
export type {
  AgentDocumentFormat,
  ImportAgentDocumentOptions,
  ImportAgentDocumentResult,
} from './importAgentDocument';
export { readDeclaredSecuritySchemes } from './agentCard';
export type { ImportedAgentEntity } from './threatModel';
