import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  agentRiskAcceptanceApprovePermission,
  agentRiskAcceptanceRequestPermission,
  AgentRiskRecord,
  RiskAcceptance,
} from '@agent-risk/plugin-agent-risk-common';
import useAsync from 'react-use/esm/useAsync';
import { Outcome, OutcomeMessage } from '../shared/OutcomeMessage';
import { agentRiskApiRef } from '../../api';
import { agentRiskTranslationRef } from '../../translation';
import { formatDate, formatDateTime } from '../shared/format';
import { PersonRef } from '../shared/PersonRef';
import { errorMessage } from '../shared/errors';

/** The date input's value `days` from now (local date, as the input shows it). */
function dateInDays(days: number): string {
  const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}`;
}

/** One line that says where the acceptance stands. */
export function AcceptanceStatus(props: { acceptance: RiskAcceptance }) {
  const { t } = useTranslationRef(agentRiskTranslationRef);
  const { acceptance } = props;
  const until = formatDate(acceptance.expiresAt);
  switch (acceptance.state) {
    case 'accepted':
      return (
        <Typography variant="body1" data-testid="acceptance-status">
          {t('acceptance.accepted', {
            until,
            approvedBy: <PersonRef entityRef={acceptance.approvedBy} />,
          })}
        </Typography>
      );
    case 'pending':
      return (
        <Typography variant="body1" data-testid="acceptance-status">
          {t('acceptance.pending', {
            requestedBy: <PersonRef entityRef={acceptance.requestedBy} />,
            until,
          })}
        </Typography>
      );
    default:
      return (
        <Typography variant="body1" data-testid="acceptance-status">
          {t(`acceptance.ended.${acceptance.state}`, {
            at: formatDateTime(acceptance.endedAt),
            reason: acceptance.endedReason ?? '',
          })}
        </Typography>
      );
  }
}

/**
 * Risk acceptance on the Risk tab: where it stands, and the one next step
 * the viewer may take (ask, approve, withdraw or revoke). Buttons the viewer
 * may not use are disabled with a line that says why.
 */
export function AcceptanceCard(props: {
  record: AgentRiskRecord;
  entityRef: CompoundEntityRef;
  onChanged: () => void;
}) {
  const { record, entityRef, onChanged } = props;
  const { t } = useTranslationRef(agentRiskTranslationRef);
  const api = useApi(agentRiskApiRef);
  const identityApi = useApi(identityApiRef);
  const resourceRef = stringifyEntityRef(entityRef).toLocaleLowerCase('en-US');
  const mayRequest = usePermission({
    permission: agentRiskAcceptanceRequestPermission,
    resourceRef,
  });
  const mayApprove = usePermission({
    permission: agentRiskAcceptanceApprovePermission,
    resourceRef,
  });
  const { value: me } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const [justification, setJustification] = useState('');
  const [expiresAt, setExpiresAt] = useState(() => dateInDays(90));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const acceptance = record.acceptance;
  const active =
    acceptance?.state === 'pending' || acceptance?.state === 'accepted';

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      await action();
      setOutcome({ ok: true, message: done });
      setJustification('');
      setReason('');
      onChanged();
    } catch (error) {
      // The backend's own message says why (e.g. the longest period allowed).
      setOutcome({ ok: false, message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const why = (text: string) => (
    <Typography variant="body2" color="textSecondary">
      {text}
    </Typography>
  );

  let actions;
  if (!active) {
    const scored = record.status === 'scored';
    actions = (
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        style={{ gap: 16 }}
      >
        <TextField
          id="acceptance-justification"
          label={t('acceptance.justification')}
          value={justification}
          onChange={e => setJustification(e.target.value)}
          disabled={!mayRequest.allowed || !scored}
          multiline
          minRows={2}
          style={{ flex: '1 1 280px' }}
        />
        <TextField
          id="acceptance-expires"
          label={t('acceptance.expiresAt')}
          type="date"
          value={expiresAt}
          onChange={e => setExpiresAt(e.target.value)}
          disabled={!mayRequest.allowed || !scored}
          InputLabelProps={{ shrink: true }}
          // The browser draws the field in its own format (03/06/2027):
          // say the date as the rest of the plugin writes it.
          helperText={expiresAt ? formatDate(expiresAt) : undefined}
          // Readable while the field is disabled: the date is still information.
          FormHelperTextProps={{ disabled: false }}
        />
        <Button
          variant="contained"
          color="primary"
          disabled={
            !mayRequest.allowed ||
            !scored ||
            busy ||
            justification.trim() === '' ||
            expiresAt === ''
          }
          onClick={() =>
            run(
              () =>
                api.requestAcceptance(entityRef, { justification, expiresAt }),
              t('acceptance.requested'),
            )
          }
        >
          {t('acceptance.request')}
        </Button>
        {!scored && why(t('acceptance.needsScore'))}
        {scored &&
          !mayRequest.loading &&
          !mayRequest.allowed &&
          why(t('acceptance.mayNotRequest'))}
      </Box>
    );
  } else {
    const ownRequest =
      acceptance.state === 'pending' && me === acceptance.requestedBy;
    const mayRevoke = mayRequest.allowed || mayApprove.allowed;
    actions = (
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
      >
        {acceptance.state === 'pending' && (
          <Button
            variant="contained"
            color="primary"
            disabled={!mayApprove.allowed || ownRequest || busy}
            onClick={() =>
              run(
                () => api.approveAcceptance(entityRef),
                t('acceptance.approved'),
              )
            }
          >
            {t('acceptance.approve')}
          </Button>
        )}
        <TextField
          id="acceptance-revoke-reason"
          label={t('acceptance.revokeReason')}
          value={reason}
          onChange={e => setReason(e.target.value)}
          disabled={!mayRevoke}
        />
        <Button
          variant="outlined"
          disabled={!mayRevoke || busy || reason.trim() === ''}
          onClick={() =>
            run(
              () => api.revokeAcceptance(entityRef, reason),
              t('acceptance.revoked'),
            )
          }
        >
          {acceptance.state === 'pending'
            ? t('acceptance.withdraw')
            : t('acceptance.revoke')}
        </Button>
        {acceptance.state === 'pending' &&
          !mayApprove.loading &&
          !mayApprove.allowed &&
          why(t('acceptance.mayNotApprove'))}
        {ownRequest && mayApprove.allowed && why(t('acceptance.ownRequest'))}
      </Box>
    );
  }

  return (
    <InfoCard title={t('acceptance.title')}>
      {acceptance ? (
        <>
          <AcceptanceStatus acceptance={acceptance} />
          <Typography variant="body2" gutterBottom>
            {t('acceptance.justificationShown', {
              justification: acceptance.justification,
            })}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" gutterBottom>
          {t('acceptance.none')}
        </Typography>
      )}
      <Box mt={2}>{actions}</Box>
      <OutcomeMessage outcome={outcome} />
    </InfoCard>
  );
}
