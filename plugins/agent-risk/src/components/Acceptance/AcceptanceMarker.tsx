import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import {
  acceptanceStateAt,
  RiskAcceptance,
} from '@agent-risk/plugin-agent-risk-common';
import { agentRiskTranslationRef } from '../../translation';
import { formatDate } from '../shared/format';
import { PersonName } from '../shared/PersonRef';

/**
 * A short line under an agent's name in lists: "Accepted until … by …" or
 * "Acceptance pending"; nothing once it has ended.
 */
export function AcceptanceMarker(props: { acceptance: RiskAcceptance }) {
  const { t } = useTranslationRef(agentRiskTranslationRef);
  const state = acceptanceStateAt(props.acceptance, new Date());
  if (state !== 'accepted' && state !== 'pending') {
    return null;
  }
  return (
    <Typography
      variant="caption"
      display="block"
      data-testid="ranking-row-acceptance"
    >
      {state === 'accepted'
        ? t('acceptance.chip', {
            until: formatDate(props.acceptance.expiresAt),
            approvedBy: <PersonName entityRef={props.acceptance.approvedBy} />,
          })
        : t('acceptance.chipPending')}
    </Typography>
  );
}
