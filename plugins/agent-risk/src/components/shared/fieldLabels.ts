import {
  AGENTIC_FACTORS,
  AIVSS_ANNOTATIONS,
  MAESTRO_LAYERS,
  REVIEWED_AT_ANNOTATION,
} from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from './useRiskLabels';

/**
 * The words a person knows a field by: the register form's label for an
 * entity path or an annotation key ("Owner", "Autonomy of action",
 * "L3 Agent Frameworks: threat ids"). A field it does not know stays its
 * key. `metadata.tags[3]` is labelled as `metadata.tags`.
 */
export function useFieldLabel(): (field: string) => string {
  const { t } = useRiskLabels();
  const labels = new Map<string, string>([
    ['kind', t('fieldLabels.kind')],
    ['metadata.name', t('registerPage.agent.name')],
    ['metadata.title', t('registerPage.agent.displayTitle')],
    ['metadata.description', t('registerPage.agent.description')],
    ['metadata.tags', t('fieldLabels.tags')],
    ['metadata.links', t('fieldLabels.links')],
    ['spec.type', t('fieldLabels.type')],
    ['layers', t('registerPage.maestro.title')],
    ['spec.owner', t('fieldLabels.owner')],
    ['spec.system', t('fieldLabels.system')],
    ['spec.lifecycle', t('registerPage.agent.lifecycle')],
    ['spec.dependsOn', t('fieldLabels.tools')],
    [AIVSS_ANNOTATIONS.cvssBase, t('registerPage.cvss.base')],
    [AIVSS_ANNOTATIONS.cvssVector, t('fieldLabels.cvssVector')],
    [AIVSS_ANNOTATIONS.threatMultiplier, t('registerPage.cvss.threat')],
    [AIVSS_ANNOTATIONS.mitigationFactor, t('registerPage.cvss.mitigation')],
    [REVIEWED_AT_ANNOTATION, t('fieldLabels.reviewedAt')],
    ...AGENTIC_FACTORS.map(f => [f.annotation, f.title] as [string, string]),
    ...MAESTRO_LAYERS.flatMap(layer => [
      [layer.textAnnotation, layer.title] as [string, string],
      [
        layer.confidenceAnnotation,
        t('fieldLabels.layerConfidence', { layer: layer.title }),
      ] as [string, string],
      [
        layer.threatsAnnotation,
        t('fieldLabels.layerThreats', { layer: layer.title }),
      ] as [string, string],
    ]),
  ]);
  return (field: string) =>
    labels.get(field) ?? labels.get(field.replace(/\[\d+\].*$/, '')) ?? field;
}
