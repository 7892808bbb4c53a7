import { useState } from 'react';
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
  AGENTIC_FACTORS,
  AgenticFactorId,
  agentRiskAgentUpdatePermission,
  AIVSS_ANNOTATIONS,
  isRegistryEntity,
} from '@agent-risk/plugin-agent-risk-common';
import { Outcome, OutcomeMessage } from '../shared/OutcomeMessage';
import { agentRiskApiRef } from '../../api';
import { errorMessage } from '../shared/errors';
import { useRiskLabels } from '../shared/useRiskLabels';

/** Complete what-if inputs: what a saved assessment holds. */
export interface AssessmentInputs {
  factors: Record<AgenticFactorId, number>;
  cvssBase: number;
  threatMultiplier: number;
  mitigationFactor: number;
}

/**
 * The entity's annotations with the what-if inputs written in (strings, as
 * the catalog holds them). A CVSS vector that no longer matches the base is
 * dropped: the base is what the owner chose.
 */
export function assessedAnnotations(
  entity: Entity,
  inputs: AssessmentInputs,
): Record<string, string> {
  const annotations: Record<string, string> = {
    ...(entity.metadata.annotations ?? {}),
  };
  for (const factor of AGENTIC_FACTORS) {
    annotations[factor.annotation] = String(inputs.factors[factor.id]);
  }
  const cvssBase = inputs.cvssBase.toFixed(1);
  if (annotations[AIVSS_ANNOTATIONS.cvssBase] !== cvssBase) {
    delete annotations[AIVSS_ANNOTATIONS.cvssVector];
  }
  annotations[AIVSS_ANNOTATIONS.cvssBase] = cvssBase;
  annotations[AIVSS_ANNOTATIONS.threatMultiplier] = String(
    inputs.threatMultiplier,
  );
  annotations[AIVSS_ANNOTATIONS.mitigationFactor] = String(
    inputs.mitigationFactor,
  );
  return annotations;
}

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
  inputs: AssessmentInputs | undefined;
}) {
  const { entity, inputs } = props;
  const api = useApi(agentRiskApiRef);
  const { t } = useRiskLabels();
  const classes = useStyles();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  const [saving, setSaving] = useState(false);
  const { allowed, loading } = usePermission({
    permission: agentRiskAgentUpdatePermission,
    resourceRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
  });
  if (!inputs) {
    return null;
  }
  const annotations = assessedAnnotations(entity, inputs);

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
      await api.updateRegistryAgent(
        {
          apiVersion: entity.apiVersion,
          kind: entity.kind,
          metadata: { ...entity.metadata, annotations },
          spec: entity.spec,
        },
        reason,
      );
      setOutcome({
        ok: true,
        message: t('saveAssessment.saved'),
      });
      setReason('');
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
