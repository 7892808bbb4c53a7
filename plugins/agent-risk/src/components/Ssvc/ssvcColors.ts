import blue from '@material-ui/core/colors/blue';
import grey from '@material-ui/core/colors/grey';
import orange from '@material-ui/core/colors/orange';
import red from '@material-ui/core/colors/red';
import { SsvcOutcome } from '@agent-risk/plugin-agent-risk-common';

/**
 * One colour per SSVC outcome, each distinct from the others; every text
 * colour meets WCAG AA (4.5:1) on its background. The chip always shows the
 * outcome in words too, so the colour only repeats it.
 */
export const SSVC_OUTCOME_COLORS: Record<
  SsvcOutcome,
  { background: string; text: string }
> = {
  Immediate: { background: red[900], text: '#ffffff' },
  'Out-of-Cycle': { background: orange[800], text: '#000000' },
  Scheduled: { background: blue[800], text: '#ffffff' },
  Defer: { background: grey[700], text: '#ffffff' },
};
