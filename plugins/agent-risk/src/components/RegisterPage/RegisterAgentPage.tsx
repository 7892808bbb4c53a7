import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { errorMessage, statusOf } from '../shared/errors';
import { useFieldLabel } from '../shared/fieldLabels';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { useRiskLabels } from '../shared/useRiskLabels';
import { AgentCard } from './AgentCard';
import { CvssCard } from './CvssCard';
import { FactorsCard } from './FactorsCard';
import { MaestroCard } from './MaestroCard';
import { PrefillCard } from './PrefillCard';
import {
  EMPTY_FORM,
  fieldOfInput,
  fieldsOfPatch,
  formProblems,
  fromEntity,
  importedFields,
  RegisterFormState,
  shownProblems,
  toEntity,
} from './registerForm';
import { RegistrationProgress } from './RegistrationProgress';
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
  // Errors show at a field once it was touched, or everywhere after a submit.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // The name the registry answered 409 for: said at the Name field.
  const [takenName, setTakenName] = useState<string>();
  const [waiting, setWaiting] = useState<{
    entityRef: string;
    startedAt: number;
    gaveUp: boolean;
  }>();
  const fieldLabel = useFieldLabel();
  // Aborted when the page is left: the wait for the catalog stops. Made in
  // the effect, so a remount (StrictMode) gets a fresh one.
  const leaving = useRef<AbortController>();
  useEffect(() => {
    const controller = new AbortController();
    leaving.current = controller;
    return () => controller.abort();
  }, []);

  const problems = useMemo(() => {
    const found = formProblems(form);
    if (takenName !== undefined && form.name.trim() === takenName) {
      found.set(
        'metadata.name',
        t('registerPage.submit.nameTaken', { name: takenName }),
      );
    }
    return found;
  }, [form, takenName, t]);
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

  const touch = useCallback(
    (fields: string[]) =>
      setTouched(before =>
        fields.every(f => before.has(f))
          ? before
          : new Set([...before, ...fields]),
      ),
    [],
  );
  const onChange = useCallback(
    (patch: Partial<RegisterFormState>) => {
      setForm(f => ({ ...f, ...patch }));
      touch(fieldsOfPatch(patch));
    },
    [touch],
  );
  const onAnnotation = useCallback(
    (key: string, value: string) => {
      setForm(f => ({
        ...f,
        annotations: { ...f.annotations, [key]: value },
      }));
      touch([key]);
    },
    [touch],
  );
  const onImported = useCallback(
    (entity: Entity) => {
      setForm(f => fromEntity(entity, f));
      touch(importedFields(entity));
    },
    [touch],
  );
  const visible = shownProblems(problems, touched, submitted);
  const cardProps = { form, onChange, onAnnotation, problems: visible };

  const submit = async () => {
    setSubmitted(true);
    if (problems.size > 0 || form.reason.trim() === '') {
      return; // every problem is now shown at its field
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const { entityRef } = await api.registerAgent(
        toEntity(form),
        form.reason,
      );
      // Stored and scored; the catalog serves it within a second or two.
      setWaiting({ entityRef, startedAt: Date.now(), gaveUp: false });
      const signal = leaving.current?.signal;
      const arrived = await waitForCatalog(catalogApi, entityRef, { signal });
      if (arrived) {
        navigate(riskTabLink(entityRef));
      } else if (!signal?.aborted) {
        setWaiting(w => w && { ...w, gaveUp: true });
      }
    } catch (error) {
      if (statusOf(error) === 409) {
        setTakenName(form.name.trim());
      } else {
        setSubmitError(errorMessage(error));
      }
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
          onBlur={event => {
            const field = fieldOfInput(event.target.id);
            if (field) {
              touch([field]);
            }
          }}
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
              problemFields={[...new Set([...problems.keys()].map(fieldLabel))]}
              reasonError={
                (submitted || touched.has('reason')) &&
                form.reason.trim() === ''
                  ? t('registerPage.submit.reasonRequired')
                  : undefined
              }
              allowed={allowed}
            />
            {waiting && <RegistrationProgress {...waiting} />}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
