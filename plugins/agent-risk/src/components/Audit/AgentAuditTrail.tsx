import { Fragment, useState } from 'react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  AuditEntry,
  isRegistryEntity,
} from '@agent-risk/plugin-agent-risk-common';
import useAsync from 'react-use/esm/useAsync';
import { agentRiskApiRef } from '../../api';
import { RiskErrorPanel } from '../shared/RiskErrorPanel';
import { formatDateTime } from '../shared/format';
import { useFieldLabel } from '../shared/fieldLabels';
import { PersonRef } from '../shared/PersonRef';
import { useRiskLabels } from '../shared/useRiskLabels';

const PAGE_SIZE = 20;

function ChangeList(props: { entry: AuditEntry }) {
  const { changes } = props.entry;
  const { t } = useRiskLabels();
  const fieldLabel = useFieldLabel();
  if (changes.length === 0) {
    return (
      <Typography variant="body2">{t('auditTrail.noFieldChanged')}</Typography>
    );
  }
  return (
    <>
      {changes.map(change => (
        <Typography variant="body2" key={change.field}>
          {/* The label people know; the key on hover. */}
          <span title={change.field}>{fieldLabel(change.field)}</span>:{' '}
          {change.before ?? t('auditTrail.none')} →{' '}
          {change.after ?? t('auditTrail.none')}
        </Typography>
      ))}
    </>
  );
}

/**
 * Who changed the agent's registry entry, when, what and why (newest
 * first). YAML agents have no entries: their history is their source's.
 */
export function AgentAuditTrail(props: { entity: Entity }) {
  const api = useApi(agentRiskApiRef);
  const { t } = useRiskLabels();
  const ref = getCompoundEntityRef(props.entity);
  const [cursor, setCursor] = useState<string | undefined>();
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const { loading, error, value } = useAsync(
    () => api.getAudit(ref, { limit: PAGE_SIZE, cursor }),
    [api, ref.kind, ref.namespace, ref.name, cursor],
  );

  const entries = [...older, ...(value?.items ?? [])];
  let body;
  if (error) {
    body = <RiskErrorPanel error={error} />;
  } else if (loading && entries.length === 0) {
    body = <Progress />;
  } else if (entries.length === 0) {
    body = (
      <Typography variant="body2">
        {isRegistryEntity(props.entity)
          ? t('auditTrail.empty')
          : t('auditTrail.yamlAgent')}
      </Typography>
    );
  } else {
    body = (
      <>
        <Table size="small" aria-label={t('auditTrail.ariaLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('auditTrail.columns.when')}</TableCell>
              <TableCell>{t('auditTrail.columns.who')}</TableCell>
              <TableCell>{t('auditTrail.columns.action')}</TableCell>
              <TableCell>{t('auditTrail.columns.reason')}</TableCell>
              <TableCell>{t('auditTrail.columns.changes')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((entry, i) => (
              <Fragment key={`${entry.at}-${i}`}>
                <TableRow data-testid="agent-risk-audit-entry">
                  <TableCell>{formatDateTime(entry.at)}</TableCell>
                  <TableCell>
                    <PersonRef entityRef={entry.actor} />
                  </TableCell>
                  <TableCell>
                    {t(`auditTrail.actions.${entry.action}`)}
                  </TableCell>
                  <TableCell>{entry.reason}</TableCell>
                  <TableCell>
                    <ChangeList entry={entry} />
                  </TableCell>
                </TableRow>
              </Fragment>
            ))}
          </TableBody>
        </Table>
        {value?.nextCursor && (
          <Button
            onClick={() => {
              setOlder(entries);
              setCursor(value.nextCursor ?? undefined);
            }}
          >
            {t('auditTrail.older')}
          </Button>
        )}
      </>
    );
  }
  return <InfoCard title={t('auditTrail.title')}>{body}</InfoCard>;
}
