export interface Config {
  agentRisk?: {
    /** How the catalog reports problems in agent risk annotations. */
    catalogValidation?: {
      /**
       * `status` (default): keep ingesting the entity and show each problem on
       * its page as a catalog processing error. `reject`: fail processing, so
       * the catalog keeps the entity's last valid version (a new entity with a
       * problem never appears). `off`: do not validate in the catalog.
       */
      mode?: 'status' | 'reject' | 'off';
    };
    /** The entity provider that emits the agents registered in Backstage. */
    registry?: {
      /** `false` turns the provider off (default on). */
      enabled?: boolean;
      /**
       * The least time between two requests for registry changes (default 3
       * seconds); each request waits at the backend up to 20 s for a change,
       * which it answers at once. A full re-read runs every 10 minutes.
       */
      pollInterval?: import('@backstage/types').HumanDuration | string;
    };
  };
}
