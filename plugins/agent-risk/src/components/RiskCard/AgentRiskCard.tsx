import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Gauge, InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { hasAgentRiskAnnotations } from '@agent-risk/plugin-agent-risk-common';
import { isForbidden, isNotFound } from '../shared/errors';
import {
  formatPoints,
  formatScore,
  severityLabel,
  STATUS_LABELS,
} from '../shared/format';
import { getRiskGaugeColor } from '../shared/riskColors';
import { SeverityChip } from '../shared/SeverityChip';
import { useTextStyles } from '../shared/textStyles';
import { useAgentRiskRecord } from '../shared/useAgentRiskRecord';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { rankFactors, shownContributions } from '../RiskTab/rankFactors';
import { ResponseErrorPanel } from '@backstage/core-components';

const CARD_TITLE = 'Agent risk (AIVSS)';

/** Overview card of an agent: score, band, status, top three factors. */
export function AgentRiskCard() {
  // Plugin root: the e2e scopes its accessibility checks by this id.
  return (
    <div data-testid="agent-risk-card">
      <AgentRiskCardContent />
    </div>
  );
}

function AgentRiskCardContent() {
  const text = useTextStyles();
  const { entity } = useEntity();
  const annotated = hasAgentRiskAnnotations(entity.metadata.annotations);
  const { loading, error, record } = useAgentRiskRecord(entity, annotated);
  const riskTabLink = useAgentRiskTabLink()(stringifyEntityRef(entity));
  const deepLink = { title: 'View risk details', link: riskTabLink };

  if (!annotated || isNotFound(error)) {
    return (
      <InfoCard title={CARD_TITLE} deepLink={deepLink}>
        <Typography variant="body2">
          No risk assessment yet. The Risk tab shows which annotations to add.
        </Typography>
      </InfoCard>
    );
  }
  if (loading) {
    return (
      <InfoCard title={CARD_TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  if (error || !record) {
    return (
      <InfoCard title={CARD_TITLE}>
        {isForbidden(error) ? (
          <Typography variant="body2">
            You are not allowed to see risk data.
          </Typography>
        ) : (
          <ResponseErrorPanel error={error ?? new Error('No risk record')} />
        )}
      </InfoCard>
    );
  }

  const ranked = rankFactors(record.factors, record.contributions);
  // Rounded as on the Risk tab, so both show the same points.
  const { byFactor: shown } = shownContributions(ranked);
  const top = ranked.filter(f => shown.has(f.id)).slice(0, 3);
  return (
    <InfoCard title={CARD_TITLE} deepLink={deepLink}>
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        {record.status === 'scored' && record.score !== null && (
          <Box width={120}>
            <Gauge
              value={record.score}
              max={10}
              relativeToMax
              unit=""
              decimalDigits={1}
              getColor={getRiskGaugeColor}
              size="small"
            />
          </Box>
        )}
        <Box>
          <Typography variant="h5" component="p">
            AIVSS {formatScore(record.score)}{' '}
            <SeverityChip severity={record.severity} />
          </Typography>
          <Typography variant="body2">
            {record.status === 'scored'
              ? `${severityLabel(record.severity)} risk`
              : `${STATUS_LABELS[record.status]} (${
                  record.errors.length
                } problem${record.errors.length === 1 ? '' : 's'})`}
          </Typography>
          {record.cvssAssumed && (
            <Typography variant="caption" className={text.error}>
              CVSS base assumed by org policy
            </Typography>
          )}
        </Box>
      </Box>
      {top.length > 0 && (
        <>
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            Top contributing factors
          </Typography>
          <List dense disablePadding aria-label="Top contributing factors">
            {top.map(factor => (
              <ListItem key={factor.id} disableGutters>
                <ListItemText
                  primary={factor.title}
                  secondary={`+${formatPoints(
                    shown.get(factor.id),
                  )} points (value ${formatPoints(factor.value)})`}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </InfoCard>
  );
}
