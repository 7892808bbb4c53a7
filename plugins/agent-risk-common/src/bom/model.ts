// The main entry's types, named as any consumer of the package names them,
// so that this entry point's API report refers to them instead of repeating
// them.
import type {
  AcceptanceState,
  ScoreResult,
  SsvcResult,
} from '@agent-risk/plugin-agent-risk-common';

/**
 * The names of the properties an AI bill of materials carries (spec section
 * 10.2), in the `agent-risk:` namespace as CycloneDX recommends for
 * properties outside its own taxonomy.
 *
 * @public
 */
export const AGENT_BOM_PROPERTIES = {
  /** The AIVSS score, one decimal; only when the status is `scored`. */
  aivssScore: 'agent-risk:aivss:score',
  /** The severity band of the score; only when `scored`. */
  aivssSeverity: 'agent-risk:aivss:severity',
  /** The scoring model id the result was computed with. */
  aivssModel: 'agent-risk:aivss:model',
  /** `scored`, `incomplete` or `invalid`: a broken assessment stays visible. */
  aivssStatus: 'agent-risk:aivss:status',
  /** `true` when the CVSS base is the org's assumed one, not the agent's own. */
  aivssCvssAssumed: 'agent-risk:aivss:cvssAssumed',
  /** The AIVSS-SSVC outcome (`Defer` … `Immediate`); only when SSVC is `scored`. */
  ssvcOutcome: 'agent-risk:ssvc:outcome',
  /** The AIVSS-SSVC status, when the agent gives any SSVC annotation. */
  ssvcStatus: 'agent-risk:ssvc:status',
  /** When the assessment was last reviewed (ISO 8601). */
  reviewedAt: 'agent-risk:reviewedAt',
  /** The risk acceptance's state: pending, accepted, expired or revoked. */
  acceptance: 'agent-risk:acceptance',
  /** Until when the risk acceptance runs (ISO 8601). */
  acceptanceExpiresAt: 'agent-risk:acceptance:expiresAt',
  /** The owner's entity ref (the supplier names it for people). */
  owner: 'agent-risk:owner',
  /** The entity's `metadata.title`, when it has one. */
  title: 'agent-risk:title',
  lifecycle: 'agent-risk:lifecycle',
  /** The entity ref of the system the entity is part of. */
  system: 'agent-risk:system',
  /** Where the agent is defined: `registry`, `discovered` or `catalog` (YAML). */
  source: 'agent-risk:source',
  /** The signature state of a discovered agent's A2A card. */
  agentCardSignature: 'agent-risk:a2a:signature',
  /** One property per tool an MCP server offers, the tool's name as value. */
  mcpTool: 'agent-risk:mcp:tool',
} as const;

/**
 * The tag every agent component carries.
 *
 * @public
 */
export const AGENT_BOM_AGENT_TAG = 'ai-agent';

/**
 * A link as a catalog entity carries it (`metadata.links`); the A2A import
 * writes `a2a-endpoint`, `provider` and `documentation` links.
 *
 * @public
 */
export interface AgentBomLink {
  /** The link's address (http or https). */
  url: string;
  /** What the link is called. */
  title?: string;
  /** The catalog's link type, e.g. `docs`. */
  type?: string;
}

/**
 * An owner: its entity ref, and the name people know it by when the caller
 * can read the owner entity.
 *
 * @public
 */
export interface AgentBomOwner {
  /** The owner's entity ref. */
  entityRef: string;
  /** The name people know it by; absent when the caller cannot read the owner. */
  displayName?: string;
}

/**
 * Where an agent is defined.
 *
 * @public
 */
export type AgentBomSource = 'registry' | 'discovered' | 'catalog';

/**
 * One agent as the BOM needs it: plain values, so the CLI (from catalog
 * files) and the backend (from its stored records) build the same document.
 *
 * @public
 */
export interface AgentBomAgent {
  /** The entity ref; it is the component's bom-ref. */
  entityRef: string;
  /** Display title. */
  title?: string;
  /** `metadata.description`. */
  description?: string;
  /** The owner. */
  owner?: AgentBomOwner;
  /** `spec.lifecycle`. */
  lifecycle?: string;
  /** The system's entity ref. */
  system?: string;
  /** `metadata.tags`. */
  tags?: string[];
  /** `metadata.links`. */
  links?: AgentBomLink[];
  /** Registered in Backstage, discovered from an A2A card, or defined in catalog YAML. */
  source?: AgentBomSource;
  /** The agent's A2A card (`agent-risk.io/agent-card-url` or `…/discovered-from`). */
  agentCardUrl?: string;
  /** `verified`, `unsigned`, `invalid` or `unknown-key` for a discovered agent. */
  agentCardSignature?: string;
  /** The AIVSS result. */
  aivss: Pick<ScoreResult, 'status' | 'model' | 'score' | 'severity'> & {
    cvssAssumed?: boolean;
  };
  /** Null or absent when the agent has no SSVC annotation. */
  ssvc?: Pick<SsvcResult, 'status' | 'outcome'> | null;
  /** When the assessment was last reviewed. */
  reviewedAt?: string | null;
  /** The latest risk acceptance, when any. */
  acceptance?: { state: AcceptanceState; expiresAt?: string | null } | null;
  /**
   * Entity refs the agent depends on. Only those of agents and MCP servers
   * in the same input become dependencies; the rest are left out.
   */
  dependsOn?: string[];
}

/**
 * An MCP server (an `API` entity with `spec.type: mcp-server`).
 *
 * @public
 */
export interface AgentBomMcpServer {
  /** The entity ref; it is the service's bom-ref. */
  entityRef: string;
  /** Display title. */
  title?: string;
  /** `metadata.description`. */
  description?: string;
  /** The owner. */
  owner?: AgentBomOwner;
  /** `spec.lifecycle`. */
  lifecycle?: string;
  /** System entity ref. */
  system?: string;
  /** Where it answers (`spec.remotes` URLs, `agent-risk.io/mcp-endpoint`). */
  endpoints?: string[];
  /** Whether calls need credentials, when known; absent when unknown. */
  authenticated?: boolean;
  /** The names of its tools, when known. */
  tools?: string[];
}

/**
 * What an AI bill of materials is built from. Pass only what the caller may
 * read: the builder names nothing that is not in its input.
 *
 * @public
 */
export interface AgentBomInput {
  /** The agents, each a component. */
  agents: AgentBomAgent[];
  /** The MCP servers the agents depend on. */
  mcpServers: AgentBomMcpServer[];
}

/**
 * Options of {@link buildAgentBom}.
 *
 * @public
 */
export interface AgentBomOptions {
  /**
   * `urn:uuid:` and a lower-case UUID; a random one when absent. The
   * CycloneDX library leaves out a serial number of any other form.
   */
  serialNumber?: string;
  /** The BOM's `metadata.timestamp`; now when absent. */
  timestamp?: Date;
  /** The producing tool, listed in `metadata.tools`. */
  tool?: { name: string; version?: string };
  /** JSON indentation; none when absent. */
  space?: number;
}
