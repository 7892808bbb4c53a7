import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { LinkButton } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { agentRiskAgentCreatePermission } from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';

/**
 * The ranking header's way to the register page; disabled, with the reason
 * beside it, for who may not register agents. A grid item, as the header's
 * own labels are: the header lays its right side out as a grid container,
 * whose negative margin would otherwise pull the button over the subtitle
 * once the header wraps on a narrow screen.
 */
export function RegisterAgentButton() {
  const { t } = useRiskLabels();
  const { allowed, loading } = usePermission({
    permission: agentRiskAgentCreatePermission,
  });
  const denied = !loading && !allowed;
  return (
    <Grid item>
      <Box display="flex" flexDirection="column" alignItems="flex-end">
        {/* Relative: the register page lives at /register under this page. */}
        <LinkButton
          to="register"
          variant="contained"
          color="default"
          disabled={denied}
          aria-describedby={denied ? 'agent-risk-register-denied' : undefined}
        >
          {t('rankingPage.registerAgent')}
        </LinkButton>
        {denied && (
          <Typography
            id="agent-risk-register-denied"
            variant="caption"
            color="inherit"
          >
            {t('rankingPage.registerForbidden')}
          </Typography>
        )}
      </Box>
    </Grid>
  );
}
