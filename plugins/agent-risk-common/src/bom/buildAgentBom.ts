import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import {
  AGENT_BOM_AGENT_TAG,
  AGENT_BOM_PROPERTIES as P,
  AgentBomAgent,
  AgentBomInput,
  AgentBomLink,
  AgentBomMcpServer,
  AgentBomOptions,
  AgentBomOwner,
} from './model';
import {
  AgentBomNormalizerFactory,
  EndpointService,
  TaggedComponent,
} from './normalize';

/**
 * The CycloneDX version of every AI bill of materials (spec section 10.2).
 *
 * @public
 */
export const AGENT_BOM_SPEC_VERSION = '1.6';

/**
 * An http(s) URL without credentials, or undefined: links and endpoints come
 * from catalog entities and agent cards, and a BOM leaves the organisation.
 */
export function safeBomUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') {
    return undefined;
  }
  try {
    const parsed = new URL(url.trim());
    const http = parsed.protocol === 'https:' || parsed.protocol === 'http:';
    return http && !parsed.username && !parsed.password
      ? parsed.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** Catalog refs compare without regard to case, as the catalog compares them. */
const refKey = (ref: string) => ref.toLocaleLowerCase('en-US');

const LINK_TYPES: Record<string, Enums.ExternalReferenceType> = {
  documentation: Enums.ExternalReferenceType.Documentation,
  docs: Enums.ExternalReferenceType.Documentation,
  provider: Enums.ExternalReferenceType.Website,
  website: Enums.ExternalReferenceType.Website,
  homepage: Enums.ExternalReferenceType.Website,
  source: Enums.ExternalReferenceType.VCS,
  repository: Enums.ExternalReferenceType.VCS,
  vcs: Enums.ExternalReferenceType.VCS,
  issues: Enums.ExternalReferenceType.IssueTracker,
  'issue-tracker': Enums.ExternalReferenceType.IssueTracker,
};

function externalReference(
  link: AgentBomLink,
): Models.ExternalReference | undefined {
  const url = safeBomUrl(link.url);
  if (!url) {
    return undefined;
  }
  const type = link.type?.trim() || undefined;
  const title = link.title?.trim() || undefined;
  // The comment keeps the catalog's own link type (a2a-endpoint, provider, …) and title.
  const comment = [type, title].filter(Boolean).join(': ') || undefined;
  const referenceType =
    (type && LINK_TYPES[type.toLocaleLowerCase('en-US')]) ||
    Enums.ExternalReferenceType.Other;
  return new Models.ExternalReference(url, referenceType, { comment });
}

function addExternalReferences(
  target: Models.ExternalReferenceRepository,
  links: AgentBomLink[],
) {
  const seen = new Set<string>();
  for (const link of links) {
    const reference = externalReference(link);
    const key = reference && `${reference.type} ${reference.url}`;
    if (reference && key && !seen.has(key)) {
      seen.add(key);
      target.add(reference);
    }
  }
}

function addProperty(
  target: Models.PropertyRepository,
  name: string,
  value: string | null | undefined,
) {
  if (value !== undefined && value !== null && value.trim() !== '') {
    target.add(new Models.Property(name, value));
  }
}

const organization = (owner: AgentBomOwner | undefined) =>
  owner
    ? new Models.OrganizationalEntity({
        name: owner.displayName?.trim() || owner.entityRef,
      })
    : undefined;

const uniqueSorted = (values: Iterable<string>) => [...new Set(values)].sort();

function agentComponent(agent: AgentBomAgent): TaggedComponent {
  const component = new TaggedComponent(
    Enums.ComponentType.Application,
    nameOf(agent.entityRef),
    {
      bomRef: agent.entityRef,
      description: agent.description?.trim() || undefined,
      supplier: organization(agent.owner),
    },
  );
  component.tags = uniqueSorted([
    AGENT_BOM_AGENT_TAG,
    ...(agent.tags ?? []).filter(t => typeof t === 'string' && t !== ''),
  ]);
  addExternalReferences(component.externalReferences, [
    ...(agent.links ?? []),
    ...(agent.agentCardUrl
      ? [{ url: agent.agentCardUrl, type: 'a2a-agent-card' }]
      : []),
  ]);

  const properties = component.properties;
  const { aivss, ssvc, acceptance } = agent;
  addProperty(properties, P.title, agent.title);
  addProperty(properties, P.owner, agent.owner?.entityRef);
  addProperty(properties, P.lifecycle, agent.lifecycle);
  addProperty(properties, P.system, agent.system);
  addProperty(properties, P.source, agent.source);
  addProperty(properties, P.aivssStatus, aivss.status);
  addProperty(properties, P.aivssModel, aivss.model);
  if (aivss.status === 'scored' && aivss.score !== null) {
    addProperty(properties, P.aivssScore, aivss.score.toFixed(1));
    addProperty(properties, P.aivssSeverity, aivss.severity);
  }
  if (aivss.cvssAssumed) {
    addProperty(properties, P.aivssCvssAssumed, 'true');
  }
  if (ssvc && ssvc.status !== 'none') {
    addProperty(properties, P.ssvcStatus, ssvc.status);
    if (ssvc.status === 'scored') {
      addProperty(properties, P.ssvcOutcome, ssvc.outcome);
    }
  }
  addProperty(properties, P.reviewedAt, agent.reviewedAt);
  if (acceptance) {
    addProperty(properties, P.acceptance, acceptance.state);
    addProperty(properties, P.acceptanceExpiresAt, acceptance.expiresAt);
  }
  addProperty(properties, P.agentCardSignature, agent.agentCardSignature);
  return component;
}

function mcpService(server: AgentBomMcpServer): EndpointService {
  const service = new EndpointService(nameOf(server.entityRef), {
    bomRef: server.entityRef,
    description: server.description?.trim() || undefined,
    provider: organization(server.owner),
  });
  service.endpoints = uniqueSorted(
    (server.endpoints ?? []).flatMap(url => safeBomUrl(url) ?? []),
  );
  service.authenticated = server.authenticated;
  service.tags = ['mcp-server'];
  const properties = service.properties;
  addProperty(properties, P.title, server.title);
  addProperty(properties, P.owner, server.owner?.entityRef);
  addProperty(properties, P.lifecycle, server.lifecycle);
  addProperty(properties, P.system, server.system);
  for (const tool of uniqueSorted(server.tools ?? [])) {
    addProperty(properties, P.mcpTool, tool);
  }
  return service;
}

/** `kind:namespace/name` → `name`: the component's name; the ref stays its bom-ref. */
function nameOf(entityRef: string): string {
  return entityRef.slice(entityRef.lastIndexOf('/') + 1) || entityRef;
}

function randomSerialNumber(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/**
 * Builds the CycloneDX 1.6 AI bill of materials of spec section 10.2 with
 * the CycloneDX library's models and JSON serializer: one `application`
 * component per agent (tag `ai-agent`, its owner as `supplier`, its links
 * and A2A card as `externalReferences`, the assessment as `agent-risk:`
 * properties), one service per MCP server that an agent depends on (its
 * endpoints, `authenticated` when known, each tool as a property), and the
 * dependencies from agents to those servers and to other agents.
 *
 * Deterministic: bom-refs are the entity refs, every list is sorted; only
 * `serialNumber` and `timestamp` change between runs unless given. The BOM
 * names only what the input holds: a dependency on an entity outside it is
 * left out, so pass only what the caller may read. Pure and isomorphic.
 *
 * @public
 */
export function buildAgentBom(
  input: AgentBomInput,
  options: AgentBomOptions = {},
): string {
  const agents = new Map<string, AgentBomAgent>();
  for (const agent of input.agents) {
    if (!agents.has(refKey(agent.entityRef))) {
      agents.set(refKey(agent.entityRef), agent);
    }
  }
  const servers = new Map<string, AgentBomMcpServer>();
  for (const server of input.mcpServers) {
    const key = refKey(server.entityRef);
    if (!agents.has(key) && !servers.has(key)) {
      servers.set(key, server);
    }
  }

  const bom = new Models.Bom();
  bom.serialNumber = options.serialNumber ?? randomSerialNumber();
  bom.metadata.timestamp = options.timestamp ?? new Date();
  if (options.tool) {
    bom.metadata.tools.components.add(
      new Models.Component(Enums.ComponentType.Application, options.tool.name, {
        version: options.tool.version,
      }),
    );
  }

  const components = new Map<string, TaggedComponent>();
  for (const [key, agent] of agents) {
    const component = agentComponent(agent);
    components.set(key, component);
    bom.components.add(component);
  }
  // A server is listed when an agent in the BOM reaches it (spec: "one service per MCP server it reaches").
  const services = new Map<string, EndpointService>();
  for (const [key, agent] of agents) {
    const component = components.get(key)!;
    for (const ref of agent.dependsOn ?? []) {
      const target = refKey(ref);
      if (target === key) {
        continue;
      }
      const other = components.get(target);
      if (other) {
        component.dependencies.add(other.bomRef);
        continue;
      }
      const server = servers.get(target);
      if (!server) {
        continue;
      }
      let service = services.get(target);
      if (!service) {
        service = mcpService(server);
        services.set(target, service);
        bom.services.add(service);
      }
      component.dependencies.add(service.bomRef);
    }
  }

  const serializer = new Serialize.JsonSerializer(
    new AgentBomNormalizerFactory(Spec.Spec1dot6),
  );
  return serializer.serialize(bom, { sortLists: true, space: options.space });
}
