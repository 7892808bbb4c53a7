import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Grid from '@material-ui/core/Grid';
import {
  Content,
  Header,
  Page,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import {
  agentRiskAgentCreatePermission,
  AIVSS_ANNOTATION_PREFIX,
  isSsvcAnnotation,
  scoreAnnotations,
  scoreSsvc,
} from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef } from '../../api';
import { useTextStyles } from '../shared/textStyles';
import { waitForCatalog } from './waitForCatalog';
import { errorMessage } from '../shared/errors';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { useRiskLabels } from '../shared/useRiskLabels';
import { AgentCard } from './AgentCard';
import { CvssCard } from './CvssCard';
import { FactorsCard } from './FactorsCard';
import { MaestroCard } from './MaestroCard';
import { PrefillCard } from './PrefillCard';
import {
  EMPTY_FORM,
  formProblems,
  fromEntity,
  RegisterFormState,
  toEntity,
} from './registerForm';
import { ScoreCard } from './ScoreCard';
import { SsvcCard } from './SsvcCard';
import { SubmitCard } from './SubmitCard';

/** Register a new agent with its assessment; the score updates as you type. */
export function RegisterAgentPage() {
  const textStyles = useTextStyles();
  const api = useApi(agentRiskApiRef);
  const catalogApi = useApi(catalogApiRef);
  const navigate = useNavigate();
  const riskTabLink = useAgentRiskTabLink();
  const { t } = useRiskLabels();
  const permission = usePermission({
    permission: agentRiskAgentCreatePermission,
  });
  const allowed = permission.loading ? undefined : permission.allowed;
  const [form, setForm] = useState<RegisterFormState>(EMPTY_FORM);
  const [submitError, setSubmitError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  const problems = useMemo(() => formProblems(form), [form]);
  const result = useMemo(
    () => scoreAnnotations(toEntity(form).metadata.annotations),
    [form],
  );
  // The two assessments are independent: each has its own status.
  const aivssGiven = Object.keys(
    toEntity(form).metadata.annotations ?? {},
  ).some(
    key => key.startsWith(AIVSS_ANNOTATION_PREFIX) && !isSsvcAnnotation(key),
  );
  const ssvcResult = useMemo(
    () => scoreSsvc(toEntity(form).metadata.annotations),
    [form],
  );

  const onChange = useCallback(
    (patch: Partial<RegisterFormState>) => setForm(f => ({ ...f, ...patch })),
    [],
  );
  const onAnnotation = useCallback(
    (key: string, value: string) =>
      setForm(f => ({ ...f, annotations: { ...f.annotations, [key]: value } })),
    [],
  );
  const onImported = useCallback(
    (entity: Entity) => setForm(f => fromEntity(entity, f)),
    [],
  );
  const cardProps = { form, onChange, onAnnotation, problems };

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const { entityRef } = await api.registerAgent(
        toEntity(form),
        form.reason,
      );
      // Stored and scored; the catalog has it within seconds.
      await waitForCatalog(catalogApi, entityRef);
      navigate(riskTabLink(entityRef));
    } catch (error) {
      setSubmitError(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page themeId="tool">
      <Header
        title={t('registerPage.title')}
        subtitle={t('registerPage.subtitle')}
      />
      <Content>
        <Grid
          container
          spacing={3}
          data-testid="agent-risk-register-page"
          className={textStyles.formErrors}
        >
          {allowed === false && (
            <Grid item xs={12}>
              <WarningPanel title={t('registerPage.forbidden.title')}>
                {t('registerPage.forbidden.description')}
              </WarningPanel>
            </Grid>
          )}
          <Grid item xs={12}>
            <PrefillCard onImported={onImported} canFetch={allowed === true} />
          </Grid>
          <Grid item xs={12} md={8}>
            <AgentCard {...cardProps} />
          </Grid>
          <Grid item xs={12} md={4}>
            <ScoreCard result={result} assessed={aivssGiven} />
          </Grid>
          <Grid item xs={12}>
            <FactorsCard {...cardProps} />
          </Grid>
          <Grid item xs={12}>
            <CvssCard {...cardProps} />
          </Grid>
          <Grid item xs={12}>
            <MaestroCard {...cardProps} />
          </Grid>
          <Grid item xs={12}>
            <SsvcCard {...cardProps} result={ssvcResult} />
          </Grid>
          <Grid item xs={12}>
            <SubmitCard
              reason={form.reason}
              onReason={reason => onChange({ reason })}
              onSubmit={submit}
              submitting={submitting}
              submitError={submitError}
              problemFields={[...problems.keys()]}
              allowed={allowed}
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
