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
  };
}
