import blue from '@material-ui/core/colors/blue';
import deepOrange from '@material-ui/core/colors/deepOrange';
import orange from '@material-ui/core/colors/orange';
import pink from '@material-ui/core/colors/pink';
import { Severity } from '@agent-risk/plugin-agent-risk-common';

/**
 * One colour per AIVSS band, shared by chips and gauges so both always agree.
 * Each text colour meets WCAG AA (4.5:1) on its background, in light and dark
 * themes alike; the theme's error/info mains do not (white on #E22134 is 4.4:1).
 * Critical (crimson) and High (red-orange) differ in hue, not just shade: two
 * reds side by side in a chart or a table read as one band.
 */
export const SEVERITY_COLORS: Record<
  Exclude<Severity, 'none'>,
  { background: string; text: string }
> = {
  critical: { background: pink[900], text: '#ffffff' },
  high: { background: deepOrange[900], text: '#ffffff' },
  medium: { background: orange[700], text: '#000000' },
  low: { background: blue[800], text: '#ffffff' },
};
