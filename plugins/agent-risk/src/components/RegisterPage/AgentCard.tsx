import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import { REGISTRY_LIMITS } from '@agent-risk/plugin-agent-risk-common';
import { useFieldLabel } from '../shared/fieldLabels';
import { useRiskLabels } from '../shared/useRiskLabels';
import { EntityRefPicker, EntityRefsPicker } from './EntityPickers';
import { FormCardProps, problemProps } from './formCardProps';
import { useCatalogOptions } from './useCatalogOptions';

const LIFECYCLES = ['experimental', 'production', 'deprecated'];

/** Name, title, description, and the catalog relations: owner, system, tools. */
export function AgentCard(props: Omit<FormCardProps, 'onAnnotation'>) {
  const { form, onChange, problems } = props;
  const { t } = useRiskLabels();
  const fieldLabel = useFieldLabel();
  const options = useCatalogOptions();
  const loading = options.loading;
  return (
    <InfoCard title={t('registerPage.agent.title')}>
      {options.error && (
        <WarningPanel
          severity="warning"
          title={t('registerPage.agent.catalogFailed', {
            message: options.error.message,
          })}
        />
      )}
      <TextField
        id="register-name"
        label={t('registerPage.agent.name')}
        required
        fullWidth
        margin="dense"
        value={form.name}
        onChange={e => onChange({ name: e.target.value })}
        {...problemProps(problems, 'metadata.name')}
      />
      <TextField
        id="register-title"
        label={t('registerPage.agent.displayTitle')}
        fullWidth
        margin="dense"
        value={form.title}
        onChange={e => onChange({ title: e.target.value })}
        inputProps={{ maxLength: REGISTRY_LIMITS.title }}
        {...problemProps(problems, 'metadata.title')}
      />
      <TextField
        id="register-description"
        label={t('registerPage.agent.description')}
        fullWidth
        multiline
        margin="dense"
        value={form.description}
        onChange={e => onChange({ description: e.target.value })}
        inputProps={{ maxLength: REGISTRY_LIMITS.description }}
        {...problemProps(problems, 'metadata.description')}
      />
      <EntityRefPicker
        id="register-owner"
        label={t('registerPage.agent.owner')}
        required
        loading={loading}
        options={options.value?.owners ?? []}
        value={form.owner}
        onChange={owner => onChange({ owner })}
        error={problems.get('spec.owner')}
      />
      <EntityRefPicker
        id="register-system"
        label={t('registerPage.agent.system')}
        loading={loading}
        options={options.value?.systems ?? []}
        value={form.system}
        onChange={system => onChange({ system })}
        error={problems.get('spec.system')}
      />
      <TextField
        id="register-lifecycle"
        select
        label={t('registerPage.agent.lifecycle')}
        fullWidth
        margin="dense"
        value={form.lifecycle}
        onChange={e => onChange({ lifecycle: e.target.value })}
        {...problemProps(problems, 'spec.lifecycle')}
      >
        {LIFECYCLES.map(l => (
          <MenuItem key={l} value={l}>
            {l}
          </MenuItem>
        ))}
      </TextField>
      <EntityRefsPicker
        id="register-tools"
        label={t('registerPage.agent.tools')}
        loading={loading}
        options={options.value?.tools ?? []}
        value={form.tools}
        onChange={tools => onChange({ tools })}
        error={problems.get('spec.dependsOn')}
      />
      {/* Tags and links come only from a prefill and have no input of
          their own: their problems are named here. */}
      {[...problems]
        .filter(([field]) => /^metadata\.(tags|links)/.test(field))
        .map(([field, message]) => (
          <Typography key={field} variant="body2" color="error" title={field}>
            {`${fieldLabel(field)}: ${message}`}
          </Typography>
        ))}
    </InfoCard>
  );
}
