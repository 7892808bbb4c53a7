/*
 * CycloneDX 1.6 fields that @cyclonedx/cyclonedx-library 10 does not model
 * yet: `tags` on components and services, `endpoints` and `authenticated` on
 * services. The models are the library's, extended by a field each, and so
 * is its JSON normalizer, which writes them in the schema's order; the rest
 * of the document is the library's own output.
 */
import { Models, Serialize } from '@cyclonedx/cyclonedx-library';

type NormalizerOptions = Parameters<
  Serialize.JSON.Normalize.ComponentNormalizer['normalize']
>[1];
type NormalizedComponent = Serialize.JSON.Types.Normalized.Component;
type NormalizedService = Serialize.JSON.Types.Normalized.Service;

/** A component with CycloneDX 1.6 `tags`. */
export class TaggedComponent extends Models.Component {
  tags: string[] = [];
}

/** A service with CycloneDX 1.6 `endpoints`, `authenticated` and `tags`. */
export class EndpointService extends Models.Service {
  endpoints: string[] = [];
  authenticated?: boolean;
  tags: string[] = [];
}

const nonEmpty = (list: string[]) =>
  list.length > 0 ? [...list].sort() : undefined;

class TaggedComponentNormalizer extends Serialize.JSON.Normalize
  .ComponentNormalizer {
  normalize(
    data: Models.Component,
    options: NormalizerOptions,
  ): (NormalizedComponent & { tags?: string[] }) | undefined {
    const normalized = super.normalize(data, options);
    if (!normalized || !(data instanceof TaggedComponent)) {
      return normalized;
    }
    // `tags` comes last in the 1.6 schema's component.
    return { ...normalized, tags: nonEmpty(data.tags) };
  }
}

class EndpointServiceNormalizer extends Serialize.JSON.Normalize
  .ServiceNormalizer {
  normalize(
    data: Models.Service,
    options: NormalizerOptions,
  ): NormalizedService & {
    endpoints?: string[];
    authenticated?: boolean;
    tags?: string[];
  } {
    const normalized = super.normalize(data, options);
    if (!(data instanceof EndpointService)) {
      return normalized;
    }
    const { licenses, externalReferences, services, properties, ...head } =
      normalized;
    // The 1.6 schema's order: endpoints and authenticated after description, tags last.
    return {
      ...head,
      endpoints: nonEmpty(data.endpoints),
      authenticated: data.authenticated,
      licenses,
      externalReferences,
      services,
      properties,
      tags: nonEmpty(data.tags),
    };
  }
}

/** The library's JSON normalizers, with the two above for components and services. */
export class AgentBomNormalizerFactory extends Serialize.JSON.Normalize
  .Factory {
  makeForComponent(): Serialize.JSON.Normalize.ComponentNormalizer {
    return new TaggedComponentNormalizer(this);
  }

  makeForService(): Serialize.JSON.Normalize.ServiceNormalizer {
    return new EndpointServiceNormalizer(this);
  }
}
