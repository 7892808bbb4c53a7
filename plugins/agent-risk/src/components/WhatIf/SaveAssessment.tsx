import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { CopyTextButton, Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  agentRiskAgentUpdatePermission,
  isRegistryEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { Outcome, OutcomeMessage } from '../shared/OutcomeMessage';
import { agentRiskApiRef } from '../../api';
import { errorMessage } from '../shared/errors';
import { useRiskLabels } from '../shared/useRiskLabels';
import {
  assessedAnnotations,
  AssessmentInputs,
  registryEntity,
  WhatIfBaseline,
} from './assessment';

/** The AIVSS lines of a YAML `annotations:` block, ready to paste. */
export function annotationBlock(annotations: Record<string, string>): string {
  const lines = Object.entries(annotations)
    .filter(([key]) => key.startsWith('aivss.owasp.org/'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `    ${key}: '${value.replace(/'/g, "''")}'`);
  return ['metadata:', '  annotations:', ...lines].join('\n');
}

const useStyles = makeStyles(theme => ({
  // Plain text in the theme's colours (a YAML highlighter's strings fail AA contrast).
  block: {
    flex: 1,
    margin: 0,
    padding: theme.spacing(1.5),
    overflowX: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    background: theme.palette.background.default,
    color: theme.palette.text.primary,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/**
 * Under the what-if panel: a registry agent's owner saves the inputs as the
 * assessment (with a reason, audited); a YAML agent gets the annotation
 * block to paste into its source, never a silent fork.
 */
export function SaveAssessment(props: {
  entity: Entity;
  /** The inputs the what-if started from: only those changed are written. */
  initial: WhatIfBaseline;
  inputs: AssessmentInputs | undefined;
  /** Called with the entity sent once the registry took it. */
  onSaved?: (sent: Entity) => void;
  /** A reason to start from, e.g. that the inputs came from the evidence. */
  suggestedReason?: string;
}) {
  const { entity, initial, inputs } = props;
  const api = useApi(agentRiskApiRef);
  const { t } = useRiskLabels();
  const classes = useStyles();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  const [saving, setSaving] = useState(false);
  const { suggestedReason } = props;
  useEffect(() => {
    if (suggestedReason) setReason(suggestedReason);
  }, [suggestedReason]);
  const { allowed, loading } = usePermission({
    permission: agentRiskAgentUpdatePermission,
    resourceRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
  });
  if (!inputs) {
    return null;
  }
  const annotations = assessedAnnotations(entity, initial, inputs);

  if (!isRegistryEntity(entity)) {
    const source =
      entity.metadata.annotations?.['backstage.io/edit-url'] ??
      entity.metadata.annotations?.['backstage.io/view-url'];
    return (
      <Box mt={2} data-testid="agent-risk-yaml-block">
        <Typography variant="body2" gutterBottom>
          {t('saveAssessment.yamlIntro')}{' '}
          {source && <Link to={source}>{t('saveAssessment.openSource')}</Link>}
        </Typography>
        <Box display="flex" alignItems="flex-start">
          {/* A focusable region: on a narrow screen it scrolls, and the
              keyboard must reach it (axe scrollable-region-focusable). */}
          <pre
            className={classes.block}
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            role="region"
            aria-label={t('saveAssessment.blockLabel')}
          >
            {annotationBlock(annotations)}
          </pre>
          <CopyTextButton text={annotationBlock(annotations)} />
        </Box>
      </Box>
    );
  }

  const save = async () => {
    setSaving(true);
    try {
      // The registry's fields only, never the catalog's bookkeeping.
      const sent = registryEntity(entity, annotations);
      await api.updateRegistryAgent(sent, reason);
      setOutcome({
        ok: true,
        message: t('saveAssessment.saved'),
      });
      setReason('');
      props.onSaved?.(sent);
    } catch (error) {
      setOutcome({ ok: false, message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box mt={2} display="flex" flexWrap="wrap" alignItems="center">
      <TextField
        id="what-if-save-reason"
        label={t('saveAssessment.reason')}
        value={reason}
        onChange={e => setReason(e.target.value)}
        disabled={!allowed}
        margin="dense"
      />
      <Button
        variant="contained"
        color="primary"
        disabled={!allowed || reason.trim() === '' || saving}
        onClick={save}
      >
        {t('saveAssessment.button')}
      </Button>
      {!loading && !allowed && (
        <Typography variant="body2">{t('saveAssessment.forbidden')}</Typography>
      )}
      <OutcomeMessage outcome={outcome} />
    </Box>
  );
}
