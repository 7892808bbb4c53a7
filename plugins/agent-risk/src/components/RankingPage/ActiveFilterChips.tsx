import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useRiskLabels } from '../shared/useRiskLabels';
import { RankingQuery } from './rankingQuery';
import { OwnerOption } from './useOwnerOptions';

/** One active filter value: what the chip says and how removing it changes the query. */
interface ActiveFilter {
  key: string;
  label: string;
  remove: Partial<RankingQuery>;
}

/** Longest free text shown in a chip; the search field holds the rest. */
const MAX_CHIP_TEXT = 40;
const bounded = (text: string) =>
  text.length > MAX_CHIP_TEXT ? `${text.slice(0, MAX_CHIP_TEXT)}…` : text;

/**
 * Which filters the cards below describe, each removable: the summary cards
 * count only the agents in view, and a count with no label reads as the
 * whole org. Renders nothing when no filter is set.
 */
export function ActiveFilterChips(props: {
  query: RankingQuery;
  ownerOptions: OwnerOption[];
  onChange: (patch: Partial<RankingQuery>) => void;
}) {
  const { query, ownerOptions, onChange } = props;
  const { t, severityLabel, statusShortLabel } = useRiskLabels();
  const filters: ActiveFilter[] = [];
  // Each value of a list filter is a chip of its own.
  const each = <T extends string>(
    name:
      | 'owner'
      | 'severity'
      | 'status'
      | 'system'
      | 'lifecycle'
      | 'acceptance',
    values: readonly T[] | undefined,
    label: (value: T) => string,
  ) => {
    for (const value of values ?? []) {
      filters.push({
        key: `${name}:${value}`,
        label: `${t(`rankingPage.filters.${name}`)}: ${bounded(label(value))}`,
        remove: { [name]: (values ?? []).filter(v => v !== value) },
      });
    }
  };
  if (query.mine) {
    filters.push({
      key: 'mine',
      label: t('rankingPage.filters.ownedByMe'),
      remove: { mine: false },
    });
  } else {
    each(
      'owner',
      query.owner,
      ref => ownerOptions.find(o => o.ref === ref)?.title ?? ref,
    );
  }
  each('severity', query.severity, severityLabel);
  each('status', query.status, statusShortLabel);
  each('acceptance', query.acceptance, state =>
    t(`rankingPage.filters.acceptanceStates.${state}`),
  );
  each('system', query.system, value => value);
  each('lifecycle', query.lifecycle, value => value);
  if (query.q) {
    filters.push({
      key: 'q',
      label: `${t('rankingPage.filters.search')}: “${bounded(query.q)}”`,
      remove: { q: undefined },
    });
  }
  if (query.reviewOverdue) {
    filters.push({
      key: 'reviewOverdue',
      label: t('rankingPage.filters.reviewOverdue'),
      remove: { reviewOverdue: undefined },
    });
  }
  if (query.understated) {
    filters.push({
      key: 'understated',
      label: t('rankingPage.filters.understated'),
      remove: { understated: undefined },
    });
  }
  if (query.discovered) {
    filters.push({
      key: 'discovered',
      label: t('rankingPage.filters.discovered'),
      remove: { discovered: undefined },
    });
  }
  if (query.assessed === false) {
    filters.push({
      key: 'notAssessed',
      label: t('rankingPage.filters.notAssessed'),
      remove: { assessed: undefined },
    });
  }
  if (filters.length === 0) {
    return null;
  }
  const clearAll = filters.reduce<Partial<RankingQuery>>(
    (patch, filter) => ({ ...patch, ...filter.remove }),
    {},
  );
  // Every list filter emptied, not just the last chip's value removed.
  for (const name of [
    'owner',
    'severity',
    'status',
    'system',
    'lifecycle',
    'acceptance',
  ] as const) {
    if (name in clearAll) {
      clearAll[name] = [];
    }
  }
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 8 }}
      mb={2}
      role="group"
      aria-label={t('rankingPage.activeFilters.label')}
      data-testid="active-filters"
    >
      <Typography variant="body2" component="span">
        {t('rankingPage.activeFilters.intro')}
      </Typography>
      {filters.map(filter => (
        <Chip
          key={filter.key}
          size="small"
          label={filter.label}
          // The whole chip removes it too: a keyboard's Enter, not only Delete.
          onClick={() => onChange(filter.remove)}
          onDelete={() => onChange(filter.remove)}
          aria-label={t('rankingPage.activeFilters.remove', {
            filter: filter.label,
          })}
        />
      ))}
      <Button size="small" onClick={() => onChange(clearAll)}>
        {t('rankingPage.activeFilters.clearAll')}
      </Button>
    </Box>
  );
}
