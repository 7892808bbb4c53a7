import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { isForbidden } from './errors';
import { useRiskLabels } from './useRiskLabels';

/** A 403 becomes a plain "not allowed" panel; anything else the standard error panel. */
export function RiskErrorPanel(props: { error: Error }) {
  if (isForbidden(props.error)) {
    return <ForbiddenPanel />;
  }
  return <ResponseErrorPanel error={props.error} />;
}

export function ForbiddenPanel() {
  const { t } = useRiskLabels();
  return (
    <EmptyState
      missing="info"
      title={t('common.forbidden.title')}
      description={t('common.forbidden.description')}
    />
  );
}
