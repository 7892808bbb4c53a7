import { GaugePropsGetColor } from '@backstage/core-components';
import { severityOf } from '@agent-risk/plugin-agent-risk-common';
import { SEVERITY_COLORS } from './severityColors';

/**
 * Gauge colour by AIVSS band, the same colour as the band's chip. Backstage's
 * Gauge passes `value` as a percentage of `max` (0..100 for a 0..10 score), so
 * it is turned back into a one-decimal score before picking the band.
 */
export const getRiskGaugeColor: GaugePropsGetColor = ({ palette, value }) => {
  const score = Math.round(value) / 10;
  const severity = severityOf(score);
  return severity === 'none'
    ? palette.status.aborted
    : SEVERITY_COLORS[severity].background;
};
