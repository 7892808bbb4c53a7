import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

/** Returns a function giving the path of an agent's Risk tab, `/catalog/:namespace/:kind/:name/risk`. */
export function useAgentRiskTabLink(): (entityRef: string) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return entityRef =>
    `${entityRoute(entityRouteParams(entityRef, { encodeParams: true }))}/risk`;
}
