import { maestroAnnotation } from './annotations';

/**
 * The seven CSA MAESTRO layers plus the cross-layer section, in display order.
 *
 * @public
 */
export const MAESTRO_LAYER_IDS = [
  'l1',
  'l2',
  'l3',
  'l4',
  'l5',
  'l6',
  'l7',
  'cross-layer',
] as const;

/**
 * A MAESTRO layer's id.
 *
 * @public
 */
export type MaestroLayerId = (typeof MAESTRO_LAYER_IDS)[number];

/**
 * How sure a layer mapping is.
 *
 * @public
 */
export type LayerConfidence = 'mapped' | 'uncertain';

/**
 * One MAESTRO layer.
 *
 * @public
 */
export interface MaestroLayerDefinition {
  /** The layer id. */
  id: MaestroLayerId;
  /** Display title. */
  title: string;
  /** What the layer covers. */
  description: string;
  /** Full annotation keys of the layer's text, confidence and threat ids. */
  textAnnotation: string;
  /** The annotation of its confidence. */
  confidenceAnnotation: string;
  /** The annotation of its threats. */
  threatsAnnotation: string;
}

const layer = (
  id: MaestroLayerId,
  title: string,
  textKey: string,
  description: string,
): MaestroLayerDefinition => {
  const keyPrefix = id === 'cross-layer' ? 'cross-layer' : id;
  return {
    id,
    title,
    description,
    textAnnotation: maestroAnnotation(textKey),
    confidenceAnnotation: maestroAnnotation(`${keyPrefix}-confidence`),
    threatsAnnotation: maestroAnnotation(`${keyPrefix}-threats`),
  };
};

/**
 * The MAESTRO layers, in order.
 *
 * @public
 */
export const MAESTRO_LAYERS: readonly MaestroLayerDefinition[] = [
  layer(
    'l1',
    'L1 Foundation Models',
    'l1-foundation-models',
    'The models the agent reasons with.',
  ),
  layer(
    'l2',
    'L2 Data Operations',
    'l2-data-operations',
    'Data, retrieval, embeddings and memory stores.',
  ),
  layer(
    'l3',
    'L3 Agent Frameworks',
    'l3-agent-frameworks',
    'Orchestration, planning loops and tool calling.',
  ),
  layer(
    'l4',
    'L4 Deployment and Infrastructure',
    'l4-deployment-infrastructure',
    'Where and how the agent runs, and with what credentials.',
  ),
  layer(
    'l5',
    'L5 Evaluation and Observability',
    'l5-evaluation-observability',
    'Logging, tracing, evaluation and monitoring.',
  ),
  layer(
    'l6',
    'L6 Security and Compliance',
    'l6-security-compliance',
    'Controls and obligations that span all layers.',
  ),
  layer(
    'l7',
    'L7 Agent Ecosystem',
    'l7-agent-ecosystem',
    'Users, other agents, marketplaces and integrations.',
  ),
  layer(
    'cross-layer',
    'Cross-layer',
    'cross-layer',
    'Threats that chain across layers.',
  ),
];

/**
 * The MAESTRO layer with this id.
 *
 * @public
 */
export function getMaestroLayer(id: MaestroLayerId): MaestroLayerDefinition {
  return MAESTRO_LAYERS.find(l => l.id === id)!;
}
