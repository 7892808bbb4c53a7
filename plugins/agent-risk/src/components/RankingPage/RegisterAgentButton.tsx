import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { LinkButton } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { agentRiskAgentCreatePermission } from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';

/**
 * The ranking header's way to the register page; disabled, with the reason
 * beside it, for who may not register agents.
 */
export function RegisterAgentButton() {
  const { t } = useRiskLabels();
  const { allowed, loading } = usePermission({
    permission: agentRiskAgentCreatePermission,
  });
  const denied = !loading && !allowed;
  return (
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
  );
}
