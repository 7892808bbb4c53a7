import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Gauge, InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  hasAgentRiskAnnotations,
  scoreParts,
} from '@agent-risk/plugin-agent-risk-common';
import { isForbidden, isNotFound, isUnauthenticated } from '../shared/errors';
import { formatPoints, formatScore } from '../shared/format';
import { getRiskGaugeColor } from '../shared/riskColors';
import { SeverityChip } from '../shared/SeverityChip';
import { useTextStyles } from '../shared/textStyles';
import { useAgentRiskRecord } from '../shared/useAgentRiskRecord';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { useRiskLabels } from '../shared/useRiskLabels';
import { rankFactors, shownContributions } from '../RiskTab/rankFactors';
import { inputsOf } from '../RiskTab/ScoreExplanation';
import { ResponseErrorPanel } from '@backstage/core-components';

/**
 * Overview card of an agent: score, band, status, what the score is made of
 * (the CVSS base, the agentic uplift, the mitigation effect, as the Risk tab
 * says it) and the largest factors of the uplift.
 */
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
  const { t, severityLabel, statusLabel } = useRiskLabels();
  const cardTitle = t('riskCard.title');
  const { entity } = useEntity();
  const annotated = hasAgentRiskAnnotations(entity.metadata.annotations);
  const { loading, error, record } = useAgentRiskRecord(entity, annotated);
  const riskTabLink = useAgentRiskTabLink()(stringifyEntityRef(entity));
  const deepLink = { title: t('riskCard.deepLink'), link: riskTabLink };

  if (!annotated || isNotFound(error)) {
    return (
      <InfoCard title={cardTitle} deepLink={deepLink}>
        <Typography variant="body2">{t('riskCard.noAssessment')}</Typography>
      </InfoCard>
    );
  }
  if (loading) {
    return (
      <InfoCard title={cardTitle}>
        <Progress />
      </InfoCard>
    );
  }
  if (error || !record) {
    let refusal: string | undefined;
    if (isForbidden(error)) {
      refusal = t('riskCard.forbidden');
    } else if (isUnauthenticated(error)) {
      refusal = t('riskCard.sessionExpired');
    }
    return (
      <InfoCard title={cardTitle}>
        {refusal ? (
          <Typography variant="body2">{refusal}</Typography>
        ) : (
          <ResponseErrorPanel
            error={error ?? new Error(t('riskCard.noRecord'))}
          />
        )}
      </InfoCard>
    );
  }

  const ranked = rankFactors(record.factors, record.contributions);
  // Rounded as on the Risk tab, so both show the same points.
  const { byFactor: shown } = shownContributions(ranked);
  const top = ranked.filter(f => shown.has(f.id)).slice(0, 3);
  const inputs = inputsOf(record);
  const parts = inputs ? scoreParts(inputs, record.model) : undefined;
  const signed = (n: number) =>
    `${n < 0 ? '−' : '+'}${formatScore(Math.abs(n))}`;
  return (
    <InfoCard title={cardTitle} deepLink={deepLink}>
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
            {t('common.aivssScore', { score: formatScore(record.score) })}{' '}
            <SeverityChip severity={record.severity} />
          </Typography>
          <Typography variant="body2">
            {record.status === 'scored'
              ? t('common.severityRisk', {
                  severity: severityLabel(record.severity),
                })
              : t('riskCard.statusWithProblems', {
                  status: statusLabel(record.status),
                  count: record.errors.length,
                })}
          </Typography>
          {record.cvssAssumed && (
            <Typography variant="caption" className={text.error}>
              {t('riskCard.cvssAssumed')}
            </Typography>
          )}
        </Box>
      </Box>
      {parts && (
        <Box mt={2} data-testid="risk-card-parts">
          <Typography variant="subtitle2">{t('riskCard.madeOf')}</Typography>
          <Typography variant="body2">
            {t('scoreExplanation.parts', {
              score: formatScore(parts.score),
              cvssBase: formatScore(parts.cvssBase),
              uplift: signed(parts.agenticUplift),
              mitigation: signed(parts.mitigationEffect),
            })}
          </Typography>
          {record.reason && (
            <Typography variant="body2">{record.reason}</Typography>
          )}
        </Box>
      )}
      {top.length > 0 && (
        <>
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            {parts
              ? t('riskCard.topFactorsOfUplift', {
                  uplift: signed(parts.agenticUplift),
                })
              : t('riskCard.topFactors')}
          </Typography>
          <List dense disablePadding aria-label={t('riskCard.topFactors')}>
            {top.map(factor => (
              <ListItem key={factor.id} disableGutters>
                <ListItemText
                  primary={factor.title}
                  secondary={t('riskCard.factorPoints', {
                    points: formatPoints(shown.get(factor.id)),
                    value: formatPoints(factor.value),
                  })}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </InfoCard>
  );
}
