import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import {
  ACCEPTANCE_STATES,
  AcceptanceState,
  SCORE_STATUSES,
  ScoreStatus,
  SEVERITIES,
  Severity,
} from '@agent-risk/plugin-agent-risk-common';
import { useRiskLabels } from '../shared/useRiskLabels';
import { DebouncedTextField } from './DebouncedTextField';
import { MultiSelectFilter } from './MultiSelectFilter';
import { RankingQuery } from './rankingQuery';
import { SsvcOutcomeSelect } from './SsvcOutcomeSelect';
import { OwnerOption, ownerRefFor } from './useOwnerOptions';

// Typing finds an owner by the name shown as well as by its ref.
const filterOwners = createFilterOptions<OwnerOption>({
  stringify: option => `${option.title} ${option.ref}`,
});

const splitList = (text: string) =>
  text
    .split(',')
    .map(v => v.trim())
    .filter(v => v !== '');

/** Filters of the ranking; every change goes to the URL and from there to the server. */
export function RankingFilters(props: {
  query: RankingQuery;
  ownerOptions: OwnerOption[];
  onChange: (patch: Partial<RankingQuery>) => void;
}) {
  const { query, ownerOptions, onChange } = props;
  const { t, severityLabel, statusShortLabel } = useRiskLabels();
  const severityLabels = Object.fromEntries(
    SEVERITIES.map(severity => [severity, severityLabel(severity)]),
  ) as Record<Severity, string>;
  const statusLabels = Object.fromEntries(
    SCORE_STATUSES.map(status => [status, statusShortLabel(status)]),
  ) as Record<ScoreStatus, string>;
  const acceptanceLabels = Object.fromEntries(
    ACCEPTANCE_STATES.map(state => [
      state,
      t(`rankingPage.filters.acceptanceStates.${state}`),
    ]),
  ) as Record<AcceptanceState, string>;
  const selectedOwners = (query.owner ?? []).map(
    ref => ownerOptions.find(o => o.ref === ref) ?? { ref, title: ref },
  );
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
      mb={2}
    >
      <DebouncedTextField
        size="small"
        variant="outlined"
        id="ranking-search"
        label={t('rankingPage.filters.search')}
        value={query.q ?? ''}
        onChange={q => onChange({ q })}
      />
      <Autocomplete<OwnerOption, true, false, true>
        multiple
        freeSolo
        size="small"
        style={{ minWidth: 240 }}
        options={ownerOptions}
        filterOptions={filterOwners}
        getOptionLabel={option =>
          typeof option === 'string' ? option : option.title
        }
        getOptionSelected={(option, selected) => option.ref === selected.ref}
        value={selectedOwners}
        disabled={query.mine}
        onChange={(_event, owners) =>
          onChange({
            owner: [
              ...new Set(
                owners.map(o =>
                  typeof o === 'string' ? ownerRefFor(o, ownerOptions) : o.ref,
                ),
              ),
            ],
          })
        }
        renderInput={params => (
          <TextField
            {...params}
            variant="outlined"
            label={t('rankingPage.filters.owner')}
          />
        )}
      />
      <MultiSelectFilter
        id="ranking-severity"
        label={t('rankingPage.filters.severity')}
        options={SEVERITIES}
        labels={severityLabels}
        value={query.severity ?? []}
        onChange={severity => onChange({ severity })}
      />
      <MultiSelectFilter
        id="ranking-status"
        label={t('rankingPage.filters.status')}
        options={SCORE_STATUSES}
        labels={statusLabels}
        value={query.status ?? []}
        onChange={status => onChange({ status })}
      />
      <SsvcOutcomeSelect
        value={query.ssvcOutcome ?? []}
        onChange={ssvcOutcome => onChange({ ssvcOutcome })}
      />
      <MultiSelectFilter
        id="ranking-acceptance"
        label={t('rankingPage.filters.acceptance')}
        options={ACCEPTANCE_STATES}
        labels={acceptanceLabels}
        value={query.acceptance ?? []}
        onChange={acceptance => onChange({ acceptance })}
      />
      <DebouncedTextField
        size="small"
        variant="outlined"
        id="ranking-system"
        label={t('rankingPage.filters.system')}
        helperText={t('rankingPage.filters.commaSeparated')}
        value={(query.system ?? []).join(', ')}
        onChange={text => onChange({ system: splitList(text) })}
      />
      <DebouncedTextField
        size="small"
        variant="outlined"
        id="ranking-lifecycle"
        label={t('rankingPage.filters.lifecycle')}
        helperText={t('rankingPage.filters.commaSeparated')}
        value={(query.lifecycle ?? []).join(', ')}
        onChange={text => onChange({ lifecycle: splitList(text) })}
      />
      <FormControlLabel
        control={
          <Switch
            checked={query.mine}
            onChange={e => onChange({ mine: e.target.checked })}
          />
        }
        label={t('rankingPage.filters.ownedByMe')}
      />
      <FormControlLabel
        control={
          <Switch
            checked={Boolean(query.reviewOverdue)}
            onChange={e =>
              onChange({ reviewOverdue: e.target.checked || undefined })
            }
          />
        }
        label={t('rankingPage.filters.reviewOverdue')}
      />
      <FormControlLabel
        control={
          <Switch
            checked={Boolean(query.understated)}
            onChange={e =>
              onChange({ understated: e.target.checked || undefined })
            }
          />
        }
        label={t('rankingPage.filters.understated')}
      />
      <FormControlLabel
        control={
          <Switch
            checked={Boolean(query.discovered)}
            onChange={e =>
              onChange({ discovered: e.target.checked || undefined })
            }
          />
        }
        label={t('rankingPage.filters.discovered')}
      />
      <FormControlLabel
        control={
          <Switch
            checked={query.assessed === false}
            onChange={e =>
              onChange({ assessed: e.target.checked ? false : undefined })
            }
          />
        }
        label={t('rankingPage.filters.notAssessed')}
      />
    </Box>
  );
}
