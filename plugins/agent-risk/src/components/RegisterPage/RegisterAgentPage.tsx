import { ChangeEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  Header,
  InfoCard,
  Page,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  agentRiskAgentCreatePermission,
  FACTOR_RUBRIC,
  importAgentDocument,
  MAESTRO_LAYERS,
  scoreAnnotations,
  SEVERITY_LABELS,
} from '@agent-risk/plugin-agent-risk-common';
import useAsync from 'react-use/esm/useAsync';
import { agentRiskApiRef } from '../../api';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import {
  CVSS_FIELDS,
  EMPTY_FORM,
  FACTOR_FIELDS,
  formProblems,
  fromEntity,
  RegisterFormState,
  toEntity,
} from './registerForm';

const LIFECYCLES = ['experimental', 'production', 'deprecated'];

/** Register a new agent with its assessment; the score updates as you type. */
export function RegisterAgentPage() {
  const api = useApi(agentRiskApiRef);
  const catalogApi = useApi(catalogApiRef);
  const navigate = useNavigate();
  const riskTabLink = useAgentRiskTabLink();
  const { allowed, loading: permissionLoading } = usePermission({
    permission: agentRiskAgentCreatePermission,
  });
  const [form, setForm] = useState<RegisterFormState>(EMPTY_FORM);
  const [document, setDocument] = useState('');
  const [importMessage, setImportMessage] = useState<string>();
  const [submitError, setSubmitError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  const options = useAsync(async () => {
    const [owners, tools] = await Promise.all([
      catalogApi.getEntities({
        filter: [{ kind: 'Group' }, { kind: 'User' }],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      }),
      catalogApi.getEntities({
        filter: { kind: 'API', 'spec.type': 'mcp-server' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      }),
    ]);
    const toOption = (e: any) => ({
      ref: stringifyEntityRef(e),
      label: e.metadata.title ?? e.metadata.name,
    });
    return {
      owners: owners.items.map(toOption),
      tools: tools.items.map(toOption),
    };
  }, [catalogApi]);

  const problems = useMemo(() => formProblems(form), [form]);
  const result = useMemo(
    () => scoreAnnotations(toEntity(form).metadata.annotations),
    [form],
  );

  const set =
    (field: keyof RegisterFormState) =>
    (event: ChangeEvent<{ value: unknown }>) =>
      setForm({ ...form, [field]: event.target.value as any });
  const setAnnotation =
    (key: string) => (event: ChangeEvent<{ value: unknown }>) =>
      setForm({
        ...form,
        annotations: {
          ...form.annotations,
          [key]: String(event.target.value),
        },
      });
  const problemProps = (field: string) => {
    const message = problems.get(field);
    return message ? { error: true, helperText: message } : {};
  };

  const prefill = (text: string) => {
    const imported = importAgentDocument(text);
    if (!imported.ok) {
      setImportMessage(
        imported.errors.map(e => `${e.field}: ${e.message}`).join('; '),
      );
      return;
    }
    setForm(fromEntity(imported.entity as any, form));
    setImportMessage(
      `Prefilled from the ${imported.format}. ${imported.warnings
        .map(w => w.message)
        .join('; ')}`,
    );
  };

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const { entityRef } = await api.registerAgent(
        toEntity(form),
        form.reason,
      );
      navigate(riskTabLink(entityRef));
    } catch (error) {
      setSubmitError(String((error as Error).message));
    } finally {
      setSubmitting(false);
    }
  };

  let scoreText = result.status === 'invalid' ? 'Invalid' : 'Incomplete';
  if (result.status === 'scored' && result.severity) {
    scoreText = `${result.score?.toFixed(1)} ${
      SEVERITY_LABELS[result.severity]
    }`;
  }

  const canSubmit =
    allowed && problems.size === 0 && form.reason.trim() !== '' && !submitting;

  return (
    <Page themeId="tool">
      <Header
        title="Register an agent"
        subtitle="Add an AI agent and its AIVSS assessment to the catalog"
      />
      <Content>
        <Grid container spacing={3}>
          {!permissionLoading && !allowed && (
            <Grid item xs={12}>
              <WarningPanel title="You may not register agents">
                Registering needs the agent-risk.agent.create permission; ask
                your Backstage admins.
              </WarningPanel>
            </Grid>
          )}
          <Grid item xs={12}>
            <InfoCard title="Prefill from a document or agent card">
              <TextField
                id="register-paste-a-threat-model-document-"
                label="Paste a threat-model document, a directory page or an A2A agent card (JSON)"
                multiline
                minRows={3}
                fullWidth
                variant="outlined"
                value={document}
                onChange={e => setDocument(e.target.value)}
              />
              <input
                type="file"
                aria-label="Upload a document or agent card"
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
                Prefill
              </Button>
              {importMessage && (
                <Typography variant="body2" role="status">
                  {importMessage}
                </Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <InfoCard title="The agent">
              <TextField
                id="register-name"
                label="Name"
                required
                fullWidth
                margin="dense"
                value={form.name}
                onChange={set('name')}
                {...problemProps('metadata.name')}
              />
              <TextField
                id="register-title"
                label="Title"
                fullWidth
                margin="dense"
                value={form.title}
                onChange={set('title')}
              />
              <TextField
                id="register-description"
                label="Description"
                fullWidth
                multiline
                margin="dense"
                value={form.description}
                onChange={set('description')}
              />
              <TextField
                id="register-owner"
                select
                label="Owner"
                required
                fullWidth
                margin="dense"
                value={form.owner}
                onChange={set('owner')}
                {...problemProps('spec.owner')}
              >
                {(options.value?.owners ?? []).map(o => (
                  <MenuItem key={o.ref} value={o.ref}>
                    {o.label} ({o.ref})
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                id="register-system-entity-ref-optional"
                label="System (entity ref, optional)"
                fullWidth
                margin="dense"
                value={form.system}
                onChange={set('system')}
                {...problemProps('spec.system')}
              />
              <TextField
                id="register-lifecycle"
                select
                label="Lifecycle"
                fullWidth
                margin="dense"
                value={form.lifecycle}
                onChange={set('lifecycle')}
              >
                {LIFECYCLES.map(l => (
                  <MenuItem key={l} value={l}>
                    {l}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                id="register-tools-mcp-servers-it-depends-o"
                select
                label="Tools (MCP servers it depends on)"
                fullWidth
                margin="dense"
                SelectProps={{ multiple: true }}
                value={form.tools}
                onChange={set('tools')}
              >
                {(options.value?.tools ?? []).map(o => (
                  <MenuItem key={o.ref} value={o.ref}>
                    {o.label}
                  </MenuItem>
                ))}
              </TextField>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title="AIVSS score">
              <Typography variant="h4" data-testid="agent-risk-register-score">
                {scoreText}
              </Typography>
              <Typography variant="body2">
                Model {result.model}; updates as you type.
              </Typography>
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Agentic factors (0 to 1)">
              <Grid container spacing={2}>
                {FACTOR_FIELDS.map(factor => {
                  const rubric = FACTOR_RUBRIC[factor.id];
                  const problem = problems.get(factor.annotation);
                  return (
                    <Grid item xs={12} md={6} key={factor.id}>
                      <TextField
                        id={`register-${factor.id}`}
                        label={factor.title}
                        fullWidth
                        margin="dense"
                        inputProps={{ inputMode: 'decimal' }}
                        value={form.annotations[factor.annotation] ?? ''}
                        onChange={setAnnotation(factor.annotation)}
                        error={!!problem}
                        helperText={
                          problem ??
                          `0: ${rubric.none} 0.5: ${rubric.partial} 1: ${rubric.full}`
                        }
                      />
                    </Grid>
                  );
                })}
              </Grid>
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="CVSS, threat and mitigation">
              <TextField
                id="register-cvss-4-0-base-score-0-10"
                label="CVSS 4.0 base score (0-10)"
                margin="dense"
                value={form.annotations[CVSS_FIELDS.base] ?? ''}
                onChange={setAnnotation(CVSS_FIELDS.base)}
                {...problemProps(CVSS_FIELDS.base)}
              />
              <TextField
                id="register-or-a-cvss-4-0-vector"
                label="or a CVSS 4.0 vector"
                margin="dense"
                fullWidth
                value={form.annotations[CVSS_FIELDS.vector] ?? ''}
                onChange={setAnnotation(CVSS_FIELDS.vector)}
                {...problemProps(CVSS_FIELDS.vector)}
              />
              <TextField
                id="register-threat-multiplier-attacked-poc"
                label="Threat multiplier (attacked, poc, unreported or 0.5-1.5)"
                margin="dense"
                fullWidth
                value={form.annotations[CVSS_FIELDS.threat] ?? ''}
                onChange={setAnnotation(CVSS_FIELDS.threat)}
                {...problemProps(CVSS_FIELDS.threat)}
              />
              <TextField
                id="register-mitigation-factor-none-weak-pa"
                label="Mitigation factor (none, weak, partial, strong, adversarial-tested or 0.5-1.0)"
                margin="dense"
                fullWidth
                value={form.annotations[CVSS_FIELDS.mitigation] ?? ''}
                onChange={setAnnotation(CVSS_FIELDS.mitigation)}
                {...problemProps(CVSS_FIELDS.mitigation)}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="MAESTRO layers">
              {MAESTRO_LAYERS.map(layer => (
                <Grid container spacing={2} key={layer.id}>
                  <Grid item xs={12} md={6}>
                    <TextField
                      id={`register-${layer.id}-text`}
                      label={layer.title}
                      fullWidth
                      multiline
                      margin="dense"
                      value={form.annotations[layer.textAnnotation] ?? ''}
                      onChange={setAnnotation(layer.textAnnotation)}
                    />
                  </Grid>
                  <Grid item xs={6} md={2}>
                    <TextField
                      id={`register-${layer.id}-confidence`}
                      select
                      label="Confidence"
                      fullWidth
                      margin="dense"
                      value={
                        form.annotations[layer.confidenceAnnotation] ?? 'mapped'
                      }
                      onChange={setAnnotation(layer.confidenceAnnotation)}
                    >
                      <MenuItem value="mapped">mapped</MenuItem>
                      <MenuItem value="uncertain">uncertain</MenuItem>
                    </TextField>
                  </Grid>
                  <Grid item xs={6} md={4}>
                    <TextField
                      id={`register-${layer.id}-threats`}
                      label="Threat ids (ASI01..ASI10, T1..T15)"
                      fullWidth
                      margin="dense"
                      value={form.annotations[layer.threatsAnnotation] ?? ''}
                      onChange={setAnnotation(layer.threatsAnnotation)}
                      {...problemProps(layer.threatsAnnotation)}
                    />
                  </Grid>
                </Grid>
              ))}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Submit">
              <TextField
                id="register-reason-kept-in-the-audit-trail"
                label="Reason (kept in the audit trail)"
                required
                fullWidth
                margin="dense"
                value={form.reason}
                onChange={set('reason')}
              />
              {submitError && (
                <Typography color="error" role="alert">
                  {submitError}
                </Typography>
              )}
              <Button
                variant="contained"
                color="primary"
                disabled={!canSubmit}
                onClick={submit}
              >
                Register agent
              </Button>
              {problems.size > 0 && (
                <Typography
                  variant="body2"
                  data-testid="agent-risk-register-problems"
                >
                  To fix first: {[...problems.keys()].join(', ')}
                </Typography>
              )}
              {!allowed && !permissionLoading && (
                <Typography variant="body2">
                  Disabled: you do not have agent-risk.agent.create.
                </Typography>
              )}
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
