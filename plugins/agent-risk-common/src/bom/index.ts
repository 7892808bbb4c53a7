/**
 * Agent Risk's AI-BOM: the agent inventory as a CycloneDX 1.6 document
 * (spec 10), built the same way by the CLI and the backend. An entry point
 * of its own so that the browser, which imports the package's main entry,
 * never loads the CycloneDX library.
 *
 * @packageDocumentation
 */
export { buildAgentBom } from './buildAgentBom';
export type {
  AgentBomAgent,
  AgentBomInput,
  AgentBomLink,
  AgentBomMcpServer,
  AgentBomOptions,
  AgentBomOwner,
  AgentBomSource,
} from './model';
export { agentBomInputFromEntities, isMcpServerEntity } from './fromEntities';
export type { AgentBomEntityOptions } from './fromEntities';
