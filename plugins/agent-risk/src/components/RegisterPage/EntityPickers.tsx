import Autocomplete from '@material-ui/lab/Autocomplete';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useRiskLabels } from '../shared/useRiskLabels';
import { EntityOption } from './useCatalogOptions';

interface PickerProps {
  id: string;
  label: string;
  options: EntityOption[];
  loading: boolean;
  required?: boolean;
  error?: string;
  disabled?: boolean;
}

/** A ref the catalog did not list (e.g. from a prefill) is shown as itself. */
function optionFor(ref: string, options: EntityOption[]): EntityOption {
  return options.find(o => o.ref === ref) ?? { ref, title: ref };
}

/** The options plus the chosen refs the catalog did not list, so each value is an option. */
function withChosen(options: EntityOption[], refs: string[]): EntityOption[] {
  const missing = refs.filter(ref => !options.some(o => o.ref === ref));
  return [...options, ...missing.map(ref => ({ ref, title: ref }))];
}

function useAutocompleteTexts(loading: boolean) {
  const { t } = useRiskLabels();
  return {
    loading,
    noOptionsText: t('registerPage.picker.noOptions'),
    loadingText: t('registerPage.picker.loading'),
    openText: t('registerPage.picker.open'),
    closeText: t('registerPage.picker.close'),
    clearText: t('registerPage.picker.clear'),
  };
}

/** Title first; the ref tells apart two entities of one title. */
function renderOption(option: EntityOption) {
  return (
    <div>
      <Typography variant="body1">{option.title}</Typography>
      <Typography variant="caption" color="textSecondary">
        {option.ref}
      </Typography>
    </div>
  );
}

/** Picks one entity from the catalog; the value is its entity ref ('' for none). */
export function EntityRefPicker(
  props: PickerProps & { value: string; onChange: (ref: string) => void },
) {
  const texts = useAutocompleteTexts(props.loading);
  return (
    <Autocomplete<EntityOption, false, false, false>
      id={props.id}
      {...texts}
      disabled={props.disabled}
      options={withChosen(props.options, props.value ? [props.value] : [])}
      value={props.value ? optionFor(props.value, props.options) : null}
      getOptionLabel={option => option.title}
      getOptionSelected={(option, selected) => option.ref === selected.ref}
      renderOption={renderOption}
      onChange={(_event, option) => props.onChange(option?.ref ?? '')}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label}
          required={props.required}
          margin="dense"
          error={!!props.error}
          helperText={props.error}
        />
      )}
    />
  );
}

/** Picks several entities from the catalog; the value is their entity refs. */
export function EntityRefsPicker(
  props: PickerProps & { value: string[]; onChange: (refs: string[]) => void },
) {
  const texts = useAutocompleteTexts(props.loading);
  return (
    <Autocomplete<EntityOption, true, false, false>
      id={props.id}
      {...texts}
      multiple
      disabled={props.disabled}
      options={withChosen(props.options, props.value)}
      value={props.value.map(ref => optionFor(ref, props.options))}
      getOptionLabel={option => option.title}
      getOptionSelected={(option, selected) => option.ref === selected.ref}
      renderOption={renderOption}
      onChange={(_event, options) => props.onChange(options.map(o => o.ref))}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label}
          margin="dense"
          error={!!props.error}
          helperText={props.error}
        />
      )}
    />
  );
}

/**
 * Picks threat ids from a fixed list; the value is the annotation's
 * comma-separated text. Ids the list lacks (from a prefill) stay visible,
 * and the field's problem names them.
 */
export function ThreatIdPicker(props: {
  id: string;
  label: string;
  ids: readonly string[];
  optionLabel: (id: string) => string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const texts = useAutocompleteTexts(false);
  const selected = props.value
    .split(',')
    .map(id => id.trim())
    .filter(id => id !== '');
  return (
    <Autocomplete<string, true, false, false>
      id={props.id}
      {...texts}
      multiple
      options={[...new Set([...props.ids, ...selected])]}
      value={selected}
      getOptionLabel={props.optionLabel}
      getOptionSelected={(option, value) =>
        option.toUpperCase() === value.toUpperCase()
      }
      renderTags={(values, getTagProps) =>
        // The chip shows the id alone; the list shows its name too.
        values.map((id, index) => (
          <Chip
            {...getTagProps({ index })}
            key={id}
            size="small"
            label={id}
            title={props.optionLabel(id)}
          />
        ))
      }
      onChange={(_event, ids) => props.onChange(ids.join(', '))}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label}
          margin="dense"
          error={!!props.error}
          helperText={props.error}
        />
      )}
    />
  );
}
