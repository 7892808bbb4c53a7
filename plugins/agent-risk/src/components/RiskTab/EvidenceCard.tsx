import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import {
  describeFinding,
  EvidenceFinding,
  isUnderstatedFinding,
} from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';

/** Longest fact shown; the backend bounds them too, this keeps a row short. */
const MAX_FACT_LENGTH = 300;

const useStyles = makeStyles(theme => ({
  list: { margin: 0, padding: 0, listStyle: 'none' },
  finding: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  sentence: { overflowWrap: 'anywhere' },
  facts: {
    margin: theme.spacing(0.5, 0, 0, 0),
    paddingLeft: theme.spacing(2.5),
    overflowWrap: 'anywhere',
  },
}));

const bounded = (text: string) =>
  text.length > MAX_FACT_LENGTH ? `${text.slice(0, MAX_FACT_LENGTH)}…` : text;

/**
 * The Risk tab's evidence findings (spec 9.2): each understated factor in
 * words ("Declares dynamic tool use 0.1, but calls …: at least 0.5") with
 * the facts the rule saw, understated ones first. Facts name entities and
 * MCP tools, which come from catalog entities and servers: shown as text.
 */
export function EvidenceCard(props: { evidence: EvidenceFinding[] }) {
  const { t } = useRiskLabels();
  const classes = useStyles();
  const findings = [...props.evidence].sort(
    (a, b) => Number(isUnderstatedFinding(b)) - Number(isUnderstatedFinding(a)),
  );
  return (
    <InfoCard title={t('evidence.title')} subheader={t('evidence.subheader')}>
      {findings.length === 0 ? (
        <Typography variant="body2">{t('evidence.none')}</Typography>
      ) : (
        <ul className={classes.list} aria-label={t('evidence.listLabel')}>
          {findings.map(finding => (
            <li
              key={finding.rule}
              className={classes.finding}
              data-testid={`evidence-${finding.rule}`}
            >
              <Box display="flex" alignItems="flex-start" flexWrap="wrap">
                <Box mr={1} mb={0.5}>
                  <Chip
                    size="small"
                    variant="outlined"
                    label={
                      isUnderstatedFinding(finding)
                        ? t('evidence.understated')
                        : t('evidence.notice')
                    }
                  />
                </Box>
                <Typography
                  variant="body2"
                  component="p"
                  className={classes.sentence}
                >
                  {bounded(describeFinding(finding))}
                </Typography>
              </Box>
              {finding.facts.length > 1 && (
                <ul
                  className={classes.facts}
                  aria-label={t('evidence.factsLabel')}
                >
                  {finding.facts.map((fact, i) => (
                    <li key={i}>
                      <Typography variant="body2" component="span">
                        {bounded(fact)}
                      </Typography>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </InfoCard>
  );
}
