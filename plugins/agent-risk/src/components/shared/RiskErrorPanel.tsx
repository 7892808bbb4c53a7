import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { isForbidden, isUnauthenticated } from './errors';
import { useRiskLabels } from './useRiskLabels';

/**
 * A 403 becomes a plain "not allowed" panel, a 401 a "sign in again" one;
 * anything else the standard error panel.
 */
export function RiskErrorPanel(props: { error: Error }) {
  if (isForbidden(props.error)) {
    return <ForbiddenPanel />;
  }
  if (isUnauthenticated(props.error)) {
    return <SessionExpiredPanel />;
  }
  return <ResponseErrorPanel error={props.error} />;
}

function ForbiddenPanel() {
  const { t } = useRiskLabels();
  return (
    <EmptyState
      missing="info"
      title={t('common.forbidden.title')}
      description={t('common.forbidden.description')}
    />
  );
}

/** The backend refused the token: reloading lets the app sign the user in again. */
function SessionExpiredPanel() {
  const { t } = useRiskLabels();
  return (
    <EmptyState
      missing="info"
      title={t('common.sessionExpired.title')}
      description={t('common.sessionExpired.description')}
      action={
        <Button
          variant="contained"
          color="primary"
          onClick={() => window.location.reload()}
        >
          {t('common.sessionExpired.reload')}
        </Button>
      }
    />
  );
}
