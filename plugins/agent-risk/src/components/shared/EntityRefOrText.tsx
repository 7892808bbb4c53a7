import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A link to the entity a ref names, or the ref as plain text when it cannot be
 * parsed: stored refs come from user-written YAML, and a bad one must not
 * break the table it sits in.
 */
export function EntityRefOrText(props: {
  entityRef: string | null | undefined;
  defaultKind: string;
  /** The display name the backend already knows; saves a catalog lookup per row. */
  title?: string | null;
}) {
  const { entityRef, defaultKind, title } = props;
  if (!entityRef) {
    return <>—</>;
  }
  try {
    const ref = parseEntityRef(entityRef, {
      defaultKind,
      defaultNamespace: 'default',
    });
    return (
      <EntityRefLink entityRef={ref} defaultKind={defaultKind}>
        {title || undefined}
      </EntityRefLink>
    );
  } catch {
    return <>{title || entityRef}</>;
  }
}
