export interface Config {
  /** Agent Risk: AIVSS scoring of the AI agents in the catalog. */
  agentRisk?: {
    /**
     * Which entities are agents: kind + spec.type pairs. Default:
     * AiResource/agent and Component/ai-agent. The frontend reads it to decide
     * which entity pages get the Risk tab and card, so it must reach the
     * browser; keep it in step with the backend's value (one app-config key
     * serves both).
     * @visibility frontend
     */
    agents?: Array<{
      /**
       * Entity kind, compared case-insensitively.
       * @visibility frontend
       */
      kind: string;
      /**
       * `spec.type`, compared case-insensitively.
       * @visibility frontend
       */
      type: string;
    }>;
  };
}
