import { SsvcDetail } from '@agent-risk/plugin-agent-risk-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  formatDueDate,
  shownValue,
  ssvcFieldLabel,
  SsvcOutcomeChip,
  SsvcRatings,
  SsvcValue,
  useSsvcLabels,
} from '../Ssvc';
import { useTextStyles } from '../shared/textStyles';

/**
 * The agent's AIVSS-SSVC decision beside its AIVSS score: the outcome and its
 * deadline, how it was reached, and the ratings the owner chose; or what to
 * add when the agent has none, and what to fix when it cannot be decided.
 */
export function SsvcDecisionCard(props: {
  ssvc: SsvcDetail | null | undefined;
  annotations: Record<string, string> | undefined;
}) {
  const { ssvc, annotations } = props;
  const { t, outcomeLabel, outcomeMeaning } = useSsvcLabels();
  const textStyles = useTextStyles();
  const label = (field: string) => ssvcFieldLabel(field, id => t(`ssvc.${id}`));

  if (!ssvc) {
    return (
      <InfoCard
        title={t('riskTab.ssvc.title')}
        subheader={t('riskTab.ssvc.subheader')}
      >
        <div data-testid="ssvc-decision">
          <Typography variant="h6" component="p">
            {t('riskTab.ssvc.notAssessed')}
          </Typography>
          <Typography variant="body2">
            {t('riskTab.ssvc.notAssessedHelp')}
          </Typography>
        </div>
      </InfoCard>
    );
  }

  const fieldErrors = ssvc.errors ?? [];
  const errors = new Map(fieldErrors.map(e => [e.field, e.message]));
  return (
    <InfoCard
      title={t('riskTab.ssvc.title')}
      subheader={t('riskTab.ssvc.subheader')}
    >
      <div data-testid="ssvc-decision">
        {ssvc.status === 'scored' && ssvc.outcome ? (
          <Box mb={2}>
            <Typography variant="h5" component="p">
              <SsvcOutcomeChip outcome={ssvc.outcome} size="medium" />{' '}
              {outcomeMeaning(ssvc.outcome)}
            </Typography>
            <Typography
              variant="body1"
              className={ssvc.overdue ? textStyles.error : undefined}
              data-testid="ssvc-due"
            >
              <strong>
                {(() => {
                  if (!ssvc.dueAt) return t('ssvc.noDue');
                  const date = formatDueDate(ssvc.dueAt);
                  return ssvc.overdue
                    ? t('ssvc.overdue', { date })
                    : t('ssvc.due', { date });
                })()}
              </strong>
              {ssvc.assessedAt &&
                ` · ${t('ssvc.assessedAt', {
                  date: formatDueDate(ssvc.assessedAt),
                })}`}
            </Typography>
          </Box>
        ) : (
          <Box mb={2}>
            <Typography variant="h6" component="p">
              {t(
                `ssvc.status.${
                  ssvc.status === 'invalid' ? 'invalid' : 'incomplete'
                }`,
              )}
              {' · '}
              {outcomeLabel(null)}
            </Typography>
            <Typography variant="body2">
              {t('riskTab.ssvc.problems')}
            </Typography>
            <List dense disablePadding aria-label={t('riskTab.ssvc.problems')}>
              {fieldErrors.map(error => (
                <ListItem
                  key={`${error.field}:${error.message}`}
                  disableGutters
                >
                  <ListItemText
                    primary={label(error.field)}
                    secondary={
                      <>
                        <code>{error.field}</code> {error.message}
                      </>
                    }
                    secondaryTypographyProps={{ color: 'textPrimary' }}
                  />
                </ListItem>
              ))}
            </List>
          </Box>
        )}
        <Box display="flex" flexWrap="wrap">
          <SsvcValue
            label={t('ssvc.agentClass')}
            value={ssvc.agentClass ?? '—'}
          />
          <SsvcValue
            label={t('ssvc.categoryAverages')}
            value={
              ssvc.categoryAverages
                ? (['A', 'B', 'C'] as const)
                    .map(c => `${c} ${ssvc.categoryAverages![c]}`)
                    .join(' · ')
                : '—'
            }
          />
          <SsvcValue
            label={t('ssvc.exposure')}
            // 2, 4 or 8 when known; never 0.
            value={ssvc.exposure ? `× ${ssvc.exposure}` : '—'}
          />
          <SsvcValue
            label={t('ssvc.likelihood')}
            value={shownValue(ssvc.likelihood)}
          />
          <SsvcValue
            label={t('ssvc.riskScore')}
            value={shownValue(ssvc.riskScore)}
          />
        </Box>
        <Typography variant="subtitle2" component="h3">
          {t('riskTab.ssvc.ratings')}
        </Typography>
        <SsvcRatings annotations={annotations} errors={errors} />
      </div>
    </InfoCard>
  );
}
