import { SsvcDecision } from '@agent-risk/plugin-agent-risk-common';
import TableCell from '@material-ui/core/TableCell';
import Typography from '@material-ui/core/Typography';
import { formatDueDate, SsvcOutcomeChip, useSsvcLabels } from '../Ssvc';
import { useTextStyles } from '../shared/textStyles';

/** A ranking row's SSVC outcome, in words; a dash without a decision. */
export function SsvcOutcomeCell(props: {
  ssvc: SsvcDecision | null | undefined;
}) {
  const { ssvc } = props;
  return (
    <TableCell data-testid="ranking-row-outcome">
      {ssvc?.outcome ? <SsvcOutcomeChip outcome={ssvc.outcome} /> : '—'}
    </TableCell>
  );
}

/** A ranking row's SSVC due date, and "overdue" in words once it has passed. */
export function SsvcDueCell(props: { ssvc: SsvcDecision | null | undefined }) {
  const { ssvc } = props;
  const { t } = useSsvcLabels();
  const textStyles = useTextStyles();
  return (
    <TableCell data-testid="ranking-row-due" style={{ whiteSpace: 'nowrap' }}>
      {ssvc?.dueAt ? formatDueDate(ssvc.dueAt) : '—'}
      {ssvc?.overdue && (
        <Typography
          variant="caption"
          display="block"
          className={textStyles.error}
        >
          {t('ssvc.overdueShort')}
        </Typography>
      )}
    </TableCell>
  );
}
