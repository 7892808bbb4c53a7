import {
  SSVC_ANNOTATIONS,
  SSVC_FACTORS,
  SSVC_IMPACT_LEVELS,
  SSVC_IMPACT_TEXT,
  SSVC_THREAT_LEVELS,
  SSVC_THREAT_TEXT,
  SSVC_VULNERABILITY_POSTURES,
  SSVC_VULNERABILITY_TEXT,
  SsvcLevelText,
} from '@agent-risk/plugin-agent-risk-common';

/** One of the three SSVC decision inputs: its annotation, values and words. */
export interface SsvcLevelField {
  id: 'threat' | 'vulnerability' | 'impact';
  annotation: string;
  values: readonly string[];
  text: Record<string, SsvcLevelText>;
}

export const SSVC_LEVEL_FIELDS: readonly SsvcLevelField[] = [
  {
    id: 'threat',
    annotation: SSVC_ANNOTATIONS.threat,
    values: SSVC_THREAT_LEVELS,
    text: SSVC_THREAT_TEXT,
  },
  {
    id: 'vulnerability',
    annotation: SSVC_ANNOTATIONS.vulnerability,
    values: SSVC_VULNERABILITY_POSTURES,
    text: SSVC_VULNERABILITY_TEXT,
  },
  {
    id: 'impact',
    annotation: SSVC_ANNOTATIONS.impact,
    values: SSVC_IMPACT_LEVELS,
    text: SSVC_IMPACT_TEXT,
  },
];

/**
 * The label of an SSVC annotation for messages: the factor's name, or the
 * decision input's; the key itself for anything else.
 */
export function ssvcFieldLabel(
  annotation: string,
  levelLabel: (id: SsvcLevelField['id']) => string,
): string {
  const level = SSVC_LEVEL_FIELDS.find(f => f.annotation === annotation);
  if (level) {
    return levelLabel(level.id);
  }
  return (
    SSVC_FACTORS.find(f => f.annotation === annotation)?.title ?? annotation
  );
}
