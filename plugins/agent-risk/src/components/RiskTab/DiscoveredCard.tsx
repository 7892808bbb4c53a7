import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  describeCardSignature,
  DISCOVERY_ANNOTATIONS,
} from '@agent-risk/plugin-agent-risk-common';
import { formatDateTime } from '../shared/format';
import { useRiskLabels } from '../shared/useRiskLabels';

interface Skill {
  id: string;
  name: string;
  description: string;
}

function readSkills(raw: string | undefined): Skill[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? parsed.filter(
          (s): s is Skill =>
            typeof s === 'object' && s !== null && typeof s.name === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/**
 * What discovery read of a discovered agent's card: where from, its
 * signature state in words, whether it can still be read, and its skills
 * (the card's words, shown as plain text).
 */
export function DiscoveredCard(props: {
  annotations: Record<string, string> | undefined;
}) {
  const { t } = useRiskLabels();
  const annotations = props.annotations ?? {};
  const from = annotations[DISCOVERY_ANNOTATIONS.discoveredFrom];
  if (!from) return null;
  const skills = readSkills(annotations[DISCOVERY_ANNOTATIONS.cardSkills]);
  const unreachable = annotations[DISCOVERY_ANNOTATIONS.unreachableSince];
  return (
    <InfoCard title={t('discoveredCard.title')}>
      <Typography variant="body2">
        {t('discoveredCard.from')}{' '}
        <span style={{ wordBreak: 'break-all' }}>{from}</span>
      </Typography>
      <Typography variant="body2">
        {describeCardSignature(
          annotations[DISCOVERY_ANNOTATIONS.cardSignature],
        )}
      </Typography>
      {unreachable && (
        <Typography variant="body2" color="error">
          {t('discoveredCard.unreachable', {
            since: formatDateTime(unreachable),
            seen: formatDateTime(annotations[DISCOVERY_ANNOTATIONS.lastSeenAt]),
          })}
        </Typography>
      )}
      <Typography variant="subtitle2" style={{ marginTop: 8 }}>
        {t('discoveredCard.skills', { count: skills.length })}
      </Typography>
      <List dense aria-label={t('discoveredCard.skillsAriaLabel')}>
        {skills.map(skill => (
          <ListItem key={skill.id || skill.name} disableGutters>
            <ListItemText primary={skill.name} secondary={skill.description} />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
