import { GaugePropsGetColor } from '@backstage/core-components';
import { severityOf } from '@agent-risk/plugin-agent-risk-common';

/** Gauge colour by AIVSS band (the band is also always shown in words). */
export const getRiskGaugeColor: GaugePropsGetColor = ({ palette, value }) => {
  switch (severityOf(value)) {
    case 'critical':
    case 'high':
      return palette.status.error;
    case 'medium':
      return palette.status.warning;
    default:
      return palette.status.ok;
  }
};
