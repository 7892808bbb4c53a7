import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  entityPresentationApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { OwnerRiskRollup } from '@agent-risk/plugin-agent-risk-common';

/** An owner as the filter offers it: by the name the tables show. */
export interface OwnerOption {
  ref: string;
  title: string;
}

function shortName(ref: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref, { defaultKind: 'group' }), {
      defaultKind: 'group',
    });
  } catch {
    return ref;
  }
}

/**
 * The owners of the roll-up with their display names: the backend's
 * `ownerTitle` when it sends one, else the catalog's entity presentation
 * (what the tables' links show), else the short ref.
 */
export function useOwnerOptions(
  owners: OwnerRiskRollup[] | undefined,
): OwnerOption[] {
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  const untitled = useMemo(
    () => (owners ?? []).filter(o => !o.ownerTitle).map(o => o.owner),
    [owners],
  );
  const { value: presented } = useAsync(async () => {
    if (!presentationApi || untitled.length === 0) {
      return new Map<string, string>();
    }
    const entries = await Promise.all(
      untitled.map(async ref => {
        try {
          const { primaryTitle } = await presentationApi.forEntity(ref).promise;
          return [ref, primaryTitle] as const;
        } catch {
          return [ref, shortName(ref)] as const;
        }
      }),
    );
    return new Map(entries);
  }, [presentationApi, untitled]);
  return useMemo(
    () =>
      (owners ?? []).map(o => ({
        ref: o.owner,
        title: o.ownerTitle || presented?.get(o.owner) || shortName(o.owner),
      })),
    [owners, presented],
  );
}

/** Reads what the user typed as an owner: a shown name or a ref. */
export function ownerRefFor(text: string, options: OwnerOption[]): string {
  const wanted = text.trim().toLocaleLowerCase('en-US');
  const match = options.find(
    o =>
      o.title.toLocaleLowerCase('en-US') === wanted ||
      o.ref.toLocaleLowerCase('en-US') === wanted,
  );
  return match?.ref ?? text.trim();
}
