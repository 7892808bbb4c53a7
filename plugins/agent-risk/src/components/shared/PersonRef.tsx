import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { EntityRefOrText } from './EntityRefOrText';

const isPersonRef = (ref: string | null | undefined): ref is string =>
  !!ref && /^(user|group):[^:/]+\/[^:/]+$|^(user|group):[^:/]+$/i.test(ref);

/**
 * Who did something, as the catalog names them: a user or group ref shows
 * its display name (`spec.profile.displayName` or `metadata.title`) as a
 * link, the ref on hover; anything else (a service's subject) as its text.
 */
export function PersonRef(props: { entityRef: string | null | undefined }) {
  const { entityRef } = props;
  if (isPersonRef(entityRef)) {
    return <EntityRefOrText entityRef={entityRef} defaultKind="user" />;
  }
  return <>{entityRef || '—'}</>;
}

/** As PersonRef, but no link: for a line inside another link (a ranking row). */
export function PersonName(props: { entityRef: string | null | undefined }) {
  const { entityRef } = props;
  if (isPersonRef(entityRef)) {
    return <EntityDisplayName entityRef={entityRef} hideIcon />;
  }
  return <>{entityRef || '—'}</>;
}
