import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import {
  SSVC_FACTOR_RUBRIC,
  SSVC_FACTORS,
  SsvcFactorRubric,
} from '@agent-risk/plugin-agent-risk-common';
import { ScrollableTable } from '../shared/ScrollableTable';
import { useRiskLabels } from '../shared/useRiskLabels';
import { SSVC_LEVEL_FIELDS } from './ssvcFields';

// A level's name breaks between words only ("Proof of concept", never "conc ept").
const useStyles = makeStyles({
  value: { minWidth: '7em', wordBreak: 'normal', overflowWrap: 'normal' },
});

/** Longest stored value shown as typed: annotations are untrusted text. */
const SHOWN_MAX = 40;

/** An own key only: a stored value such as "constructor" is no level. */
const lookup = <T,>(table: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

const bounded = (value: string) =>
  value.length > SHOWN_MAX ? `${value.slice(0, SHOWN_MAX)}…` : value;

/**
 * The SSVC inputs the owner chose, each in plain words: what the level or
 * the 1–5 rating means. A value the model does not know is shown as typed
 * (as text, never markup), next to the field's error.
 */
export function SsvcRatings(props: {
  annotations: Record<string, string> | undefined;
  errors: Map<string, string>;
}) {
  const { annotations = {}, errors } = props;
  const { t } = useRiskLabels();
  const classes = useStyles();
  const ratingMeaning = (rubric: SsvcFactorRubric, rating: string) => {
    const between = (lower: string, upper: string) =>
      t('riskTab.ssvc.ratingBetween', { lower, upper });
    const meanings: Record<string, string> = {
      '1': rubric.low,
      '2': between(rubric.low, rubric.mid),
      '3': rubric.mid,
      '4': between(rubric.mid, rubric.high),
      '5': rubric.high,
    };
    return lookup(meanings, rating);
  };
  const rows = [
    ...SSVC_LEVEL_FIELDS.map(field => {
      const raw = annotations[field.annotation];
      const text =
        raw === undefined
          ? undefined
          : lookup(field.text, raw.trim().toLowerCase());
      return {
        key: field.annotation,
        label: t(`ssvc.${field.id}`),
        raw,
        value: text?.label,
        meaning: text?.meaning,
      };
    }),
    ...SSVC_FACTORS.map(factor => {
      const raw = annotations[factor.annotation];
      const rating = raw?.trim();
      const meaning =
        rating === undefined
          ? undefined
          : ratingMeaning(SSVC_FACTOR_RUBRIC[factor.id], rating);
      return {
        key: factor.annotation,
        label: `${factor.category}. ${factor.title}`,
        raw,
        value: meaning ? rating : undefined,
        meaning,
      };
    }),
  ];
  return (
    <ScrollableTable
      label={t('common.scrollableTable', { name: t('riskTab.ssvc.ratings') })}
    >
      <Table size="small" aria-label={t('riskTab.ssvc.ratingsAriaLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('riskTab.ssvc.input')}</TableCell>
            <TableCell>{t('riskTab.ssvc.value')}</TableCell>
            <TableCell>{t('riskTab.ssvc.meaning')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.key}>
              <TableCell title={row.key}>{row.label}</TableCell>
              <TableCell className={classes.value}>
                {row.value ??
                  (row.raw === undefined ? (
                    t('ssvc.notSet')
                  ) : (
                    <code>{JSON.stringify(bounded(row.raw))}</code>
                  ))}
              </TableCell>
              <TableCell>{row.meaning ?? errors.get(row.key) ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollableTable>
  );
}
