import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { AgentListRequest, agentRiskApiRef } from '../../api';
import { useRiskLabels } from '../shared/useRiskLabels';
import { csvExportFileName } from '@agent-risk/plugin-agent-risk-common';
import { downloadBlob } from './downloadBlob';

type ExportFormat = 'csv' | 'cyclonedx';

/** Today as YYYY-MM-DD (UTC), as the backend names its download. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Downloads the ranking's current view: as CSV, or as a CycloneDX 1.6 AI
 * bill of materials. Both are fetched through `fetchApi` (so the user's token
 * is sent) with the page's filters, then handed to the browser.
 */
export function ExportMenu(props: { request: AgentListRequest }) {
  const api = useApi(agentRiskApiRef);
  const alertApi = useApi(alertApiRef);
  const { t } = useRiskLabels();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const labels: Record<ExportFormat, string> = {
    csv: t('rankingPage.exportMenu.csv'),
    cyclonedx: t('rankingPage.exportMenu.cyclonedx'),
  };

  const download = async (format: ExportFormat) => {
    setAnchor(null);
    setBusy(true);
    try {
      if (format === 'csv') {
        // Named as the backend names it: the day and the filters.
        downloadBlob(
          await api.exportCsv(props.request),
          csvExportFileName(props.request),
        );
      } else {
        downloadBlob(
          await api.exportCycloneDx(props.request),
          `agent-risk-bom-${today()}.cdx.json`,
        );
      }
    } catch (error) {
      alertApi.post({
        message: t('rankingPage.exportMenu.failed', {
          format: labels[format],
          message: (error as Error).message,
        }),
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<GetAppIcon />}
        disabled={busy}
        aria-haspopup="menu"
        aria-controls={anchor ? 'ranking-export-menu' : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        onClick={e => setAnchor(e.currentTarget)}
      >
        {busy
          ? t('rankingPage.exportMenu.busy')
          : t('rankingPage.exportMenu.button')}
      </Button>
      <Menu
        id="ranking-export-menu"
        anchorEl={anchor}
        keepMounted={false}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        <MenuItem onClick={() => download('csv')}>{labels.csv}</MenuItem>
        <MenuItem onClick={() => download('cyclonedx')}>
          {labels.cyclonedx}
        </MenuItem>
      </Menu>
    </>
  );
}
