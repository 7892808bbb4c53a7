import { useEffect, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { useRiskLabels } from '../shared/useRiskLabels';

/** After this long the page says what to do instead of only waiting. */
export const SLOW_CATALOG_MS = 15_000;

/**
 * What happens between "Register agent" and the agent's page: saved, the
 * seconds spent waiting for the catalog, and past SLOW_CATALOG_MS (or when
 * the wait gave up) that the agent is saved and where to find it.
 */
export function RegistrationProgress(props: {
  entityRef: string;
  startedAt: number;
  gaveUp: boolean;
}) {
  const { t } = useRiskLabels();
  const riskTabLink = useAgentRiskTabLink();
  const rankingLink = useRouteRef(rootRouteRef);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const elapsed = now - props.startedAt;
  const seconds = Math.max(0, Math.floor(elapsed / 1000));
  const slow = props.gaveUp || elapsed >= SLOW_CATALOG_MS;
  return (
    <div data-testid="agent-risk-register-progress">
      {/* The seconds tick outside the announcement: a screen reader hears it once. */}
      <Typography variant="body2" role="status">
        {props.gaveUp
          ? t('registerPage.progress.gaveUp')
          : t('registerPage.progress.waiting')}
        {!props.gaveUp && (
          <span aria-hidden="true">
            {' '}
            {t('registerPage.progress.seconds', { seconds: String(seconds) })}
          </span>
        )}
      </Typography>
      {slow && (
        <Typography variant="body2" role="status">
          {t('registerPage.progress.slow')}{' '}
          <Link to={riskTabLink(props.entityRef)}>
            {t('registerPage.progress.openAgent')}
          </Link>
          {' · '}
          <Link to={rankingLink()}>
            {t('registerPage.progress.openRanking')}
          </Link>
        </Typography>
      )}
    </div>
  );
}
