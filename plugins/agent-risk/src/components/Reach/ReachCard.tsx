import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { AgentRiskRecord } from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';
import { kindWord, pathWords } from './entityLabels';
import { ReachGraph, toolMarkWords } from './ReachGraph';
import { toolMarksByServer } from './toolMarks';

/**
 * What the agent can act on through the catalog's relations (spec 9.1): a
 * graph, then the same entities in words, grouped by system, each with its
 * path. Entities the reader may not see are only counted.
 */
export function ReachCard(props: { record: AgentRiskRecord }) {
  const { record } = props;
  const { t } = useRiskLabels();
  const reach = record.reach;
  const body = () => {
    if (!reach) {
      return <Typography variant="body2">{t('reach.notComputed')}</Typography>;
    }
    if (reach.entities.length === 0) {
      return (
        <Typography variant="body2">
          {reach.hidden > 0
            ? t('reach.onlyHidden', { count: reach.hidden })
            : t('reach.empty')}
        </Typography>
      );
    }
    const byRef = new Map(reach.entities.map(e => [e.entityRef, e]));
    const production = new Set(reach.production);
    const toolMarks = toolMarksByServer(record.tools);
    return (
      <>
        <Typography variant="body1" data-testid="reach-summary">
          {t('reach.summary', {
            count: reach.entities.length,
            production: String(reach.production.length),
            agents: String(reach.agents.length),
          })}
          {reach.hidden > 0 && (
            <> {t('reach.hidden', { count: reach.hidden })}</>
          )}
        </Typography>
        <ReachGraph
          agentRef={record.entityRef}
          agentTitle={record.title}
          reach={reach}
          toolMarks={toolMarks}
        />
        <Typography variant="h6" component="h3">
          {t('reach.bySystem')}
        </Typography>
        {reach.bySystem.map(group => (
          <Box key={group.system ?? ''} mt={1}>
            <Typography variant="subtitle2" component="h4">
              {group.system ? (
                <EntityRefLink entityRef={group.system} />
              ) : (
                t('reach.noSystem')
              )}
            </Typography>
            <List dense disablePadding>
              {group.entities.map(ref => {
                const entity = byRef.get(ref);
                return (
                  <ListItem key={ref} disableGutters>
                    <ListItemText
                      primary={
                        <>
                          <EntityRefLink entityRef={ref} /> (
                          {entity ? kindWord(entity.kind) : ''})
                          {production.has(ref) && (
                            <>
                              {' '}
                              <Chip
                                component="span"
                                size="small"
                                label={t('reach.production')}
                              />
                            </>
                          )}
                        </>
                      }
                      secondary={
                        entity
                          ? [
                              t('reach.path', { path: pathWords(entity.path) }),
                              toolMarks.has(ref.toLocaleLowerCase('en-US'))
                                ? toolMarkWords(
                                    toolMarks.get(
                                      ref.toLocaleLowerCase('en-US'),
                                    )!,
                                    t,
                                  )
                                : null,
                            ]
                              .filter(Boolean)
                              .join('; ')
                          : undefined
                      }
                    />
                  </ListItem>
                );
              })}
            </List>
          </Box>
        ))}
      </>
    );
  };
  return (
    <InfoCard title={t('reach.title')} subheader={t('reach.subheader')}>
      {body()}
    </InfoCard>
  );
}
