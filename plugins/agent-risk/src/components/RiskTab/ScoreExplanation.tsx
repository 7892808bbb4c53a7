import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  AgenticFactorId,
  AgentRiskRecord,
  getAgenticFactor,
  ScoreLever,
  scoreLevers,
  scoreParts,
  ScoringInputs,
} from '@agent-risk/plugin-agent-risk-common';
import { completeFactors } from '../WhatIf/whatIfInputs';
import { formatScore } from '../shared/format';
import { RiskLabels, useRiskLabels } from '../shared/useRiskLabels';

/** The stored record's inputs, when it has all of them. */
export function inputsOf(record: AgentRiskRecord): ScoringInputs | undefined {
  const factors = completeFactors(record.factors);
  if (
    record.status !== 'scored' ||
    !factors ||
    record.cvssBase === null ||
    record.threatMultiplier === null ||
    record.mitigationFactor === null
  ) {
    return undefined;
  }
  return {
    cvssBase: record.cvssBase,
    factors,
    threatMultiplier: record.threatMultiplier,
    mitigationFactor: record.mitigationFactor,
  };
}

/** A lever in words, from its id: "strong mitigation", "Autonomy of action at 0". */
function leverLabel(t: RiskLabels['t'], lever: ScoreLever): string {
  const [, target] = lever.id.split(':');
  switch (lever.kind) {
    case 'mitigation':
      return t('scoreExplanation.mitigationLever', { level: target });
    case 'factor':
      return t('scoreExplanation.factorLever', {
        factor: getAgenticFactor(target as AgenticFactorId)?.title ?? target,
      });
    default:
      return t('scoreExplanation.allFactorsLever');
  }
}

const signed = (n: number) => `${n < 0 ? '−' : '+'}${formatScore(Math.abs(n))}`;

/**
 * The score as its parts (CVSS base, agentic uplift, mitigation effect) and
 * the changes that lower it most, all computed by the common core.
 */
export function ScoreExplanation(props: { record: AgentRiskRecord }) {
  const { t } = useRiskLabels();
  const inputs = inputsOf(props.record);
  if (!inputs) {
    return null;
  }
  const parts = scoreParts(inputs, props.record.model);
  const levers = scoreLevers(inputs, props.record.model);
  return (
    <div data-testid="score-explanation">
      <InfoCard title={t('scoreExplanation.title')}>
        <Typography variant="body2" gutterBottom>
          {t('scoreExplanation.parts', {
            score: formatScore(parts.score),
            cvssBase: formatScore(parts.cvssBase),
            uplift: signed(parts.agenticUplift),
            mitigation: signed(parts.mitigationEffect),
          })}
        </Typography>
        {levers.length === 0 ? (
          <Typography variant="body2">
            {t('scoreExplanation.noLevers')}
          </Typography>
        ) : (
          <List dense aria-label={t('scoreExplanation.leversLabel')}>
            {levers.map(lever => (
              <ListItem key={lever.id} disableGutters>
                <ListItemText
                  primary={t('scoreExplanation.lever', {
                    label: leverLabel(t, lever),
                    from: formatScore(lever.from),
                    to: formatScore(lever.to),
                  })}
                />
              </ListItem>
            ))}
          </List>
        )}
      </InfoCard>
    </div>
  );
}
