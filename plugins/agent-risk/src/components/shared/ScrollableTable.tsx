import { ReactNode } from 'react';
import TableContainer from '@material-ui/core/TableContainer';

/**
 * Lets a table wider than the screen scroll sideways inside its card, so
 * every column stays reachable on a phone instead of being cut off. Focusable
 * so keyboard users can scroll it too.
 */
export function ScrollableTable(props: { label: string; children: ReactNode }) {
  return (
    <TableContainer
      tabIndex={0}
      role="region"
      aria-label={props.label}
      style={{ overflowX: 'auto' }}
    >
      {props.children}
    </TableContainer>
  );
}
