import { useState } from 'react';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { csvExportFileName } from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef, AgentListRequest } from '../../api';
import { useRiskLabels } from '../shared/useRiskLabels';

/** Triggers a browser download of a blob under the given file name. */
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

/**
 * Exports the ranking with the current filters. The CSV is fetched through
 * `fetchApi` (so the user's token is sent) and then handed to the browser.
 */
export function CsvExportButton(props: { request: AgentListRequest }) {
  const api = useApi(agentRiskApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const { t } = useRiskLabels();
  const exportCsv = async () => {
    setBusy(true);
    try {
      // Named as the backend names it: the day and the filters.
      downloadBlob(
        await api.exportCsv(props.request),
        csvExportFileName(props.request),
      );
    } catch (error) {
      alertApi.post({
        message: t('rankingPage.csvExport.failed', {
          message: (error as Error).message,
        }),
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="outlined"
      startIcon={<GetAppIcon />}
      disabled={busy}
      onClick={exportCsv}
    >
      {busy
        ? t('rankingPage.csvExport.busy')
        : t('rankingPage.csvExport.button')}
    </Button>
  );
}
