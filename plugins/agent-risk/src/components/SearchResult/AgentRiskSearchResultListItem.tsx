import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import {
  IndexableDocument,
  ResultHighlight,
} from '@backstage/plugin-search-common';
import {
  isSeverity,
  SCORE_STATUSES,
  ScoreStatus,
} from '@agent-risk/plugin-agent-risk-common';
import { SeverityChip } from '../shared/SeverityChip';
import { formatScore } from '../shared/format';
import { useRiskLabels } from '../shared/useRiskLabels';

const useStyles = makeStyles(theme => ({
  item: { display: 'flex' },
  flexContainer: { flexWrap: 'wrap' },
  itemText: { width: '100%', wordBreak: 'break-word', marginBottom: '1rem' },
  risk: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
}));

/** The fields of an `agent-risk` document this item reads; all untrusted. */
interface AgentRiskResult extends IndexableDocument {
  severity?: unknown;
  score?: unknown;
  status?: unknown;
  ownerTitle?: unknown;
  owner?: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** @public */
export interface AgentRiskSearchResultListItemProps {
  icon?: ReactNode | ((result: IndexableDocument) => ReactNode);
  result?: IndexableDocument;
  highlight?: ResultHighlight;
  rank?: number;
  /** Lines of the document's text shown. Default 3. */
  lineClamp?: number;
}

/**
 * A search result of type `agent-risk`: the agent's name, linking to its
 * Risk tab, its severity and AIVSS score, owner and the start of its text.
 * Everything is rendered as text.
 */
export function AgentRiskSearchResultListItem(
  props: AgentRiskSearchResultListItemProps,
) {
  const classes = useStyles();
  const { statusShortLabel } = useRiskLabels();
  const result = props.result as AgentRiskResult | undefined;
  if (!result) {
    return null;
  }
  const severity =
    typeof result.severity === 'string' && isSeverity(result.severity)
      ? result.severity
      : null;
  const score =
    typeof result.score === 'number' && Number.isFinite(result.score)
      ? result.score
      : null;
  const owner = text(result.ownerTitle) ?? text(result.owner);
  const status = SCORE_STATUSES.includes(result.status as ScoreStatus)
    ? statusShortLabel(result.status as ScoreStatus)
    : undefined;
  return (
    <div className={classes.item} data-testid="agent-risk-search-result">
      {props.icon && (
        <ListItemIcon>
          {typeof props.icon === 'function' ? props.icon(result) : props.icon}
        </ListItemIcon>
      )}
      <div className={classes.flexContainer}>
        <ListItemText
          className={classes.itemText}
          primaryTypographyProps={{ variant: 'h6' }}
          // Secondary grey is 4.47:1 on the search page's grey: below AA.
          secondaryTypographyProps={{ color: 'textPrimary' }}
          primary={
            <Link noTrack to={result.location}>
              {result.title}
            </Link>
          }
          secondary={
            <>
              <Typography
                component="span"
                variant="body2"
                style={{
                  display: '-webkit-box',
                  WebkitBoxOrient: 'vertical',
                  WebkitLineClamp: props.lineClamp ?? 3,
                  overflow: 'hidden',
                }}
              >
                {result.text}
              </Typography>
              <Box component="span" className={classes.risk}>
                <SeverityChip severity={severity} />
                <Typography component="span" variant="body2">
                  {score !== null
                    ? `AIVSS score ${formatScore(score)}`
                    : `Not scored${status ? ` (${status})` : ''}`}
                </Typography>
                {owner && (
                  <Typography component="span" variant="body2">
                    Owner: {owner}
                  </Typography>
                )}
              </Box>
            </>
          }
        />
      </div>
    </div>
  );
}
