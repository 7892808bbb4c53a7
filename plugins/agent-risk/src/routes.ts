import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The org-wide ranking page, mounted at `/agent-risk` in the app.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'agent-risk',
});

/** The Risk tab inside an agent's entity page. */
export const entityContentRouteRef = createRouteRef({
  id: 'agent-risk:entity-content',
});
