import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { importAgentDocument } from '@agent-risk/plugin-agent-risk-common/import';
import { Outcome, OutcomeMessage } from '../shared/OutcomeMessage';
import { agentRiskApiRef } from '../../api';
import { errorMessage } from '../shared/errors';
import { useFieldLabel } from '../shared/fieldLabels';
import { useRiskLabels } from '../shared/useRiskLabels';
import { freeEntityName } from './freeName';

/** The host a refused fetch names ("its host x is not in agentRisk.fetch.allow"). */
function refusedHost(message: string): string | undefined {
  return /(\S+) is not in agentRisk\.fetch\.allow/.exec(message)?.[1];
}

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
  const catalogApi = useApi(catalogApiRef);
  const fieldLabel = useFieldLabel();
  const [document, setDocument] = useState('');
  const [url, setUrl] = useState('');
  const [fetching, setFetching] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const prefill = async (text: string) => {
    const imported = importAgentDocument(text);
    if (!imported.ok) {
      setOutcome({
        ok: false,
        message: t('registerPage.prefill.problems'),
        details: imported.errors.map(
          e => `${fieldLabel(e.field)}: ${e.message}`,
        ),
      });
      return;
    }
    const entity = imported.entity as Entity;
    const details = imported.warnings.map(
      w => `${fieldLabel(w.field)}: ${w.message}`,
    );
    // A shipped example names an agent the catalog has: offer a free name.
    const taken = entity.metadata.name;
    if (taken) {
      try {
        const name = await freeEntityName(catalogApi, {
          kind: entity.kind,
          namespace: entity.metadata.namespace ?? 'default',
          name: taken,
        });
        if (name !== taken) {
          entity.metadata = { ...entity.metadata, name };
          details.unshift(t('registerPage.prefill.renamed', { taken, name }));
        }
      } catch {
        // The catalog did not answer: the Name field says so on submit.
      }
    }
    props.onImported(entity);
    setOutcome({
      ok: true,
      message: t('registerPage.prefill.prefilled', { format: imported.format }),
      details,
    });
  };

  const fetchUrl = async () => {
    setFetching(true);
    setOutcome(undefined);
    try {
      const { text } = await api.fetchImportDocument(url.trim());
      setDocument(text);
      await prefill(text);
    } catch (error) {
      const message = errorMessage(error);
      const host = refusedHost(message);
      setOutcome({
        ok: false,
        message: host
          ? t('registerPage.prefill.hostNotAllowed', { host })
          : t('registerPage.prefill.fetchFailed', { message }),
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
              await prefill(text);
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
