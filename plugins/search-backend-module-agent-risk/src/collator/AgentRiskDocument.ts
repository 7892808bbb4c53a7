import { IndexableDocument } from '@backstage/plugin-search-common';

/**
 * The search document of one agent (type `agent-risk`). Every string comes
 * from catalog authors or tool inventories: untrusted, render it as text.
 *
 * @public
 */
export interface AgentRiskDocument extends IndexableDocument {
  /** Lower-case entity ref of the agent; also the document's authorization resource. */
  entityRef: string;
  /** `scored`, `incomplete` or `invalid`. */
  status: string;
  /** AIVSS score 0..10; null unless scored. */
  score: number | null;
  /** Severity band (`None` … `Critical`); null unless scored. */
  severity: string | null;
  /** Owner entity ref, and the name people know it by. */
  owner: string | null;
  ownerTitle: string | null;
  /** Threat ids named in its MAESTRO layers, e.g. `ASI02`. */
  threatIds: string[];
  /** Titles (else refs) of the MCP servers in its `spec.dependsOn`. */
  mcpServers: string[];
  /** Tool names those servers list. */
  tools: string[];
}
