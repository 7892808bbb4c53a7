import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { importAgentDocument } from '@agent-risk/plugin-agent-risk-common';
import { Outcome, OutcomeMessage } from '../shared/OutcomeMessage';
import { agentRiskApiRef } from '../../api';
import { errorMessage } from '../shared/errors';
import { useRiskLabels } from '../shared/useRiskLabels';

/**
 * Prefill from a pasted or uploaded document, or from a URL the backend
 * reads (`agentRisk.fetch.allow` guards which hosts). Every way ends in the
 * common core's importer, as the CLI's import does.
 */
export function PrefillCard(props: {
  onImported: (entity: Entity) => void;
  /** Fetching a URL needs the create permission; pasting does not. */
  canFetch: boolean;
}) {
  const { t } = useRiskLabels();
  const api = useApi(agentRiskApiRef);
  const [document, setDocument] = useState('');
  const [url, setUrl] = useState('');
  const [fetching, setFetching] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const prefill = (text: string) => {
    const imported = importAgentDocument(text);
    if (!imported.ok) {
      setOutcome({
        ok: false,
        message: t('registerPage.prefill.problems', {
          problems: imported.errors
            .map(e => `${e.field}: ${e.message}`)
            .join('; '),
        }),
      });
      return;
    }
    props.onImported(imported.entity as Entity);
    setOutcome({
      ok: true,
      message: [
        t('registerPage.prefill.prefilled', { format: imported.format }),
        ...imported.warnings.map(w => w.message),
      ].join(' '),
    });
  };

  const fetchUrl = async () => {
    setFetching(true);
    setOutcome(undefined);
    try {
      const { text } = await api.fetchImportDocument(url.trim());
      setDocument(text);
      prefill(text);
    } catch (error) {
      setOutcome({
        ok: false,
        message: t('registerPage.prefill.fetchFailed', {
          message: errorMessage(error),
        }),
      });
    } finally {
      setFetching(false);
    }
  };

  return (
    <InfoCard title={t('registerPage.prefill.title')}>
      <TextField
        id="register-prefill-document"
        label={t('registerPage.prefill.paste')}
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        value={document}
        onChange={e => setDocument(e.target.value)}
      />
      <Box display="flex" alignItems="center" flexWrap="wrap" mt={1}>
        <input
          type="file"
          aria-label={t('registerPage.prefill.upload')}
          accept=".txt,.json,.md"
          onChange={async e => {
            const file = e.target.files?.[0];
            if (file) {
              const text = await file.text();
              setDocument(text);
              prefill(text);
            }
          }}
        />
        <Button
          variant="outlined"
          onClick={() => prefill(document)}
          disabled={document.trim() === ''}
        >
          {t('registerPage.prefill.button')}
        </Button>
      </Box>
      <Box display="flex" alignItems="flex-start" flexWrap="wrap" mt={1}>
        <TextField
          id="register-prefill-url"
          label={t('registerPage.prefill.url')}
          helperText={
            props.canFetch
              ? t('registerPage.prefill.urlHelp')
              : t('registerPage.prefill.fetchForbidden')
          }
          type="url"
          margin="dense"
          style={{ flexGrow: 1, marginRight: 8 }}
          value={url}
          disabled={!props.canFetch}
          onChange={e => setUrl(e.target.value)}
        />
        <Box mt={2}>
          <Button
            variant="outlined"
            onClick={fetchUrl}
            disabled={!props.canFetch || url.trim() === '' || fetching}
          >
            {fetching
              ? t('registerPage.prefill.fetching')
              : t('registerPage.prefill.fetch')}
          </Button>
        </Box>
      </Box>
      <OutcomeMessage outcome={outcome} />
    </InfoCard>
  );
}
