import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { isForbidden } from './errors';

/** A 403 becomes a plain "not allowed" panel; anything else the standard error panel. */
export function RiskErrorPanel(props: { error: Error }) {
  if (isForbidden(props.error)) {
    return <ForbiddenPanel />;
  }
  return <ResponseErrorPanel error={props.error} />;
}

export function ForbiddenPanel() {
  return (
    <EmptyState
      missing="info"
      title="You are not allowed to see risk data"
      description="Your account lacks the agent-risk.read permission. Ask the owners of this Backstage instance for access."
    />
  );
}
