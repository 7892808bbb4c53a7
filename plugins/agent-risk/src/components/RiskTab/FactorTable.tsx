import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { AgentRiskRecord } from '@agent-risk/plugin-agent-risk-common';
import { formatFactor, formatPoints } from '../shared/format';
import { rankFactors } from './rankFactors';

/** The ten AIVSS agentic factors and what each adds to the score. */
export function FactorTable(props: { record: AgentRiskRecord }) {
  const { record } = props;
  const rows = rankFactors(record.factors, record.contributions);
  return (
    <InfoCard
      title="Agentic factors"
      subheader="Most contributing first; contribution is in AIVSS score points"
    >
      <Table size="small" aria-label="Agentic factors">
        <TableHead>
          <TableRow>
            <TableCell>Factor</TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              Value (0–1)
            </TableCell>
            <TableCell align="right">Contribution (points)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.id}>
              <TableCell>
                <Typography variant="body2">{row.title}</Typography>
                <Typography variant="caption" color="textSecondary">
                  {row.description}
                </Typography>
              </TableCell>
              <TableCell align="right">{formatFactor(row.value)}</TableCell>
              <TableCell align="right">
                {formatPoints(row.contribution)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
