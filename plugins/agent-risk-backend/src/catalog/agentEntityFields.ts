/**
 * The entity fields the sync reads from the catalog: nothing more is fetched.
 *
 * @public
 */
export const AGENT_ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
  // the MCP servers it calls: its tools, for the free text and search
  'spec.dependsOn',
];
