import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  agentRiskAgentUpdatePermission,
  isRegistryEntity,
  REGISTRY_REASON_MAX_LENGTH,
} from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { errorMessage } from '../shared/errors';
import { OutcomeMessage } from '../shared/OutcomeMessage';
import { useRiskLabels } from '../shared/useRiskLabels';

/**
 * Deletes a registry agent, for those who may change it
 * (`agent-risk.agent.update` on the agent): a reason, a confirmation, then
 * `DELETE /registry/agents/…` (audited by the backend) and the ranking with a
 * message. YAML agents have no button: their source owns them.
 */
export function DeleteAgentButton(props: { entity: Entity }) {
  const { entity } = props;
  const { t } = useRiskLabels();
  const api = useApi(agentRiskApiRef);
  const alertApi = useApi(alertApiRef);
  const navigate = useNavigate();
  const rankingLink = useRouteRef(rootRouteRef);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<string>();
  const registry = isRegistryEntity(entity);
  const { allowed } = usePermission({
    permission: agentRiskAgentUpdatePermission,
    resourceRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
  });
  if (!registry || !allowed) {
    return null;
  }
  const name = entity.metadata.title ?? entity.metadata.name;

  const remove = async () => {
    setDeleting(true);
    setFailure(undefined);
    try {
      await api.deleteRegistryAgent(
        {
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
        },
        reason.trim(),
      );
      alertApi.post({
        message: t('deleteAgent.deleted', { name }),
        severity: 'success',
        display: 'transient',
      });
      navigate(rankingLink());
    } catch (error) {
      setFailure(errorMessage(error));
      setDeleting(false);
    }
  };

  return (
    <Box mt={1}>
      <Button
        variant="outlined"
        onClick={() => setOpen(true)}
        data-testid="agent-risk-delete"
      >
        {t('deleteAgent.button')}
      </Button>
      <Dialog
        open={open}
        onClose={() => !deleting && setOpen(false)}
        aria-labelledby="agent-risk-delete-title"
      >
        <DialogTitle id="agent-risk-delete-title">
          {t('deleteAgent.title', { name })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{t('deleteAgent.explain')}</DialogContentText>
          <TextField
            id="agent-risk-delete-reason"
            label={t('deleteAgent.reason')}
            required
            fullWidth
            margin="dense"
            value={reason}
            onChange={e => setReason(e.target.value)}
            inputProps={{ maxLength: REGISTRY_REASON_MAX_LENGTH }}
          />
          <OutcomeMessage
            outcome={failure ? { ok: false, message: failure } : undefined}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={deleting}>
            {t('deleteAgent.cancel')}
          </Button>
          <Button
            color="secondary"
            variant="contained"
            onClick={remove}
            disabled={deleting || reason.trim() === ''}
          >
            {deleting ? t('deleteAgent.deleting') : t('deleteAgent.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
