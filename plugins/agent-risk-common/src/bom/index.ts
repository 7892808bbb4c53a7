export { buildAgentBom, AGENT_BOM_SPEC_VERSION } from './buildAgentBom';
export { AGENT_BOM_PROPERTIES, AGENT_BOM_AGENT_TAG } from './model';
export type {
  AgentBomAgent,
  AgentBomInput,
  AgentBomLink,
  AgentBomMcpServer,
  AgentBomOptions,
  AgentBomOwner,
  AgentBomSource,
} from './model';
export {
  agentBomInputFromEntities,
  isMcpServerEntity,
  mcpServerEndpoints,
  MCP_ENDPOINT_ANNOTATION,
} from './fromEntities';
export type { AgentBomEntityOptions } from './fromEntities';
