import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import {
  AgentListItem,
  AgentListOrderField,
  SortOrder,
} from '@agent-risk/plugin-agent-risk-common';
import { AcceptanceMarker } from '../Acceptance/AcceptanceMarker';
import { formatDateTime, formatScore } from '../shared/format';
import { EntityRefOrText } from '../shared/EntityRefOrText';
import { ScrollableTable } from '../shared/ScrollableTable';
import { SeverityChip } from '../shared/SeverityChip';
import { useAgentRiskTabLink } from '../shared/useAgentRiskTabLink';
import { useRiskLabels } from '../shared/useRiskLabels';
import { PAGE_SIZES } from './rankingQuery';
import { ReviewBadge } from '../Review/ReviewBadge';
import { SsvcDueCell, SsvcOutcomeCell } from './SsvcCells';

function SortableHeader(props: {
  field: AgentListOrderField;
  label: string;
  orderBy: AgentListOrderField;
  order: SortOrder;
  align?: 'right';
  onSort: (field: AgentListOrderField) => void;
}) {
  const active = props.orderBy === props.field;
  return (
    <TableCell align={props.align} sortDirection={active ? props.order : false}>
      <TableSortLabel
        active={active}
        direction={active ? props.order : 'asc'}
        onClick={() => props.onSort(props.field)}
      >
        {props.label}
      </TableSortLabel>
    </TableCell>
  );
}

const useStyles = makeStyles(theme => ({
  // On a phone the agent, its score and its severity come first and fit the
  // screen without scrolling sideways; narrower cell padding makes room.
  row: {
    [theme.breakpoints.down('xs')]: {
      '& > *': { padding: theme.spacing(0.75, 1) },
    },
  },
  // Headers, short codes and dates read badly when broken over lines.
  nowrap: { whiteSpace: 'nowrap' },
  // Narrower screens scroll the table rather than squeeze it: the theme breaks
  // long words anywhere, so without a floor names wrap one syllable per line.
  table: { minWidth: 1200 },
  agent: { minWidth: 150 },
  entity: { minWidth: 120 },
  // Date and time may wrap onto two lines, between words.
  computed: { minWidth: 90 },
}));

/** One page of the ranking; sorting and paging happen on the server. */
export function AgentRankingTable(props: {
  items: AgentListItem[];
  /** Undefined until the first page arrives. */
  totalCount: number | undefined;
  hasNext: boolean;
  pageIndex: number;
  pageSize: number;
  orderBy: AgentListOrderField;
  order: SortOrder;
  loading: boolean;
  onSort: (field: AgentListOrderField) => void;
  onNext: () => void;
  onPrevious: () => void;
  onPageSizeChange: (size: number) => void;
}) {
  const classes = useStyles();
  const riskTabLink = useAgentRiskTabLink();
  const { t, statusShortLabel } = useRiskLabels();
  const { orderBy, order, onSort } = props;
  const sortProps = { orderBy, order, onSort };
  // MUI warns about a page beyond the count; a link to a page that no longer
  // exists shows the last one's position instead (the rows are the server's).
  const lastPageIndex =
    props.totalCount === undefined
      ? props.pageIndex
      : Math.max(0, Math.ceil(props.totalCount / props.pageSize) - 1);
  return (
    <>
      <ScrollableTable
        label={t('common.scrollableTable', {
          name: t('rankingPage.table.scrollLabel'),
        })}
      >
        <Table
          className={classes.table}
          size="small"
          aria-label={t('rankingPage.table.ariaLabel')}
          aria-busy={props.loading}
        >
          <TableHead>
            <TableRow className={`${classes.nowrap} ${classes.row}`}>
              <SortableHeader
                field="name"
                label={t('rankingPage.table.columns.agent')}
                {...sortProps}
              />
              <SortableHeader
                field="score"
                label={t('rankingPage.table.columns.score')}
                align="right"
                {...sortProps}
              />
              <SortableHeader
                field="severity"
                label={t('rankingPage.table.columns.severity')}
                {...sortProps}
              />
              <SortableHeader
                field="owner"
                label={t('rankingPage.table.columns.owner')}
                {...sortProps}
              />
              <TableCell>{t('rankingPage.table.columns.system')}</TableCell>
              <TableCell>{t('rankingPage.table.columns.lifecycle')}</TableCell>
              <TableCell>{t('rankingPage.table.columns.status')}</TableCell>
              <SortableHeader
                field="cvssBase"
                label={t('rankingPage.table.columns.cvssBase')}
                align="right"
                {...sortProps}
              />
              <TableCell>{t('rankingPage.table.columns.outcome')}</TableCell>
              <SortableHeader
                field="dueAt"
                label={t('rankingPage.table.columns.due')}
                {...sortProps}
              />
              <SortableHeader
                field="computedAt"
                label={t('rankingPage.table.columns.computed')}
                {...sortProps}
              />
            </TableRow>
          </TableHead>
          <TableBody>
            {props.items.length === 0 && !props.loading && (
              <TableRow>
                <TableCell colSpan={12}>
                  <Typography variant="body2">
                    {t('rankingPage.table.empty')}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {props.items.map(item => (
              <TableRow key={item.entityRef} hover className={classes.row}>
                <TableCell className={classes.agent}>
                  <Link
                    to={riskTabLink(item.entityRef)}
                    data-testid="ranking-row-name"
                  >
                    {item.title || item.entityRef}
                  </Link>
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {item.entityRef}
                  </Typography>
                  {item.reason && (
                    <Typography
                      variant="caption"
                      display="block"
                      data-testid="ranking-row-reason"
                    >
                      {item.reason}
                    </Typography>
                  )}
                  {(item.discovered || !item.assessed) && (
                    <Typography
                      variant="caption"
                      display="block"
                      data-testid="ranking-row-provenance"
                    >
                      {[
                        item.discovered && t('rankingPage.table.discovered'),
                        !item.assessed && t('rankingPage.table.notAssessed'),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography>
                  )}
                  <ReviewBadge item={item} />
                  {item.understated && (
                    <Typography
                      variant="caption"
                      display="block"
                      data-testid="ranking-row-understated"
                    >
                      {t('rankingPage.table.understated')}
                    </Typography>
                  )}
                  {item.acceptance && (
                    <AcceptanceMarker acceptance={item.acceptance} />
                  )}
                </TableCell>
                <TableCell align="right" data-testid="ranking-row-score">
                  {formatScore(item.score)}
                </TableCell>
                <TableCell data-testid="ranking-row-severity">
                  <SeverityChip severity={item.severity} />
                </TableCell>
                <TableCell
                  className={classes.entity}
                  data-testid="ranking-row-owner"
                >
                  <EntityRefOrText
                    entityRef={item.owner}
                    title={item.ownerTitle}
                    defaultKind="Group"
                  />
                </TableCell>
                <TableCell className={classes.entity}>
                  <EntityRefOrText
                    entityRef={item.system}
                    title={item.systemTitle}
                    defaultKind="System"
                  />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {item.lifecycle ?? '—'}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {statusShortLabel(item.status)}
                </TableCell>
                <TableCell align="right">
                  {formatScore(item.cvssBase)}
                  {item.cvssAssumed && t('rankingPage.table.cvssAssumed')}
                </TableCell>
                <SsvcOutcomeCell ssvc={item.ssvc} />
                <SsvcDueCell ssvc={item.ssvc} />
                <TableCell className={classes.computed}>
                  {formatDateTime(item.computedAt)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollableTable>
      <TablePagination
        component="div"
        // -1: the count is not known yet.
        count={props.totalCount ?? -1}
        page={Math.min(props.pageIndex, lastPageIndex)}
        rowsPerPage={props.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        labelRowsPerPage={t('rankingPage.table.rowsPerPage')}
        backIconButtonProps={{
          disabled: props.pageIndex === 0 || props.loading,
        }}
        nextIconButtonProps={{ disabled: !props.hasNext || props.loading }}
        onPageChange={(_event, page) =>
          page > props.pageIndex ? props.onNext() : props.onPrevious()
        }
        onRowsPerPageChange={e =>
          props.onPageSizeChange(Number(e.target.value))
        }
      />
    </>
  );
}
