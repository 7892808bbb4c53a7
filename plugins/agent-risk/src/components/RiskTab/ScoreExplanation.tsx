import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  AgentRiskRecord,
  scoreLevers,
  scoreParts,
  ScoringInputs,
} from '@agent-risk/plugin-agent-risk-common';
import { completeFactors } from '../WhatIf/whatIfInputs';
import { formatScore } from '../shared/format';

/** The stored record's inputs, when it has all of them. */
function inputsOf(record: AgentRiskRecord): ScoringInputs | undefined {
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

const signed = (n: number) => `${n < 0 ? '−' : '+'}${formatScore(Math.abs(n))}`;

/**
 * The score as its parts (CVSS base, agentic uplift, mitigation effect) and
 * the changes that lower it most, all computed by the common core.
 */
export function ScoreExplanation(props: { record: AgentRiskRecord }) {
  const inputs = inputsOf(props.record);
  if (!inputs) {
    return null;
  }
  const parts = scoreParts(inputs, props.record.model);
  const levers = scoreLevers(inputs, props.record.model);
  return (
    <div data-testid="score-explanation">
      <InfoCard title="What makes up the score, and what lowers it">
        <Typography variant="body2" gutterBottom>
          {formatScore(parts.score)} = CVSS base {formatScore(parts.cvssBase)}{' '}
          {signed(parts.agenticUplift)} agentic uplift{' '}
          {signed(parts.mitigationEffect)} mitigation effect
        </Typography>
        {levers.length === 0 ? (
          <Typography variant="body2">
            No change to the mitigation or the agentic factors lowers this
            score; only a lower CVSS base would.
          </Typography>
        ) : (
          <List dense aria-label="Changes that lower the score most">
            {levers.map(lever => (
              <ListItem key={lever.id} disableGutters>
                <ListItemText
                  primary={`${lever.label}: ${formatScore(
                    lever.from,
                  )} → ${formatScore(lever.to)}`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </InfoCard>
    </div>
  );
}
